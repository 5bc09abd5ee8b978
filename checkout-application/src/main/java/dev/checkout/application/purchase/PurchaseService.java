package dev.checkout.application.purchase;

import dev.checkout.application.OrderIdGenerator;
import dev.checkout.application.TransactionRunner;
import dev.checkout.application.purchase.PurchaseResult.AuthenticationExpired;
import dev.checkout.application.purchase.PurchaseResult.AuthenticationRequired;
import dev.checkout.application.purchase.PurchaseResult.Completed;
import dev.checkout.application.purchase.PurchaseResult.KeyReused;
import dev.checkout.application.purchase.PurchaseResult.MixedCurrencies;
import dev.checkout.application.purchase.PurchaseResult.OutOfStock;
import dev.checkout.application.purchase.PurchaseResult.PaymentDeclined;
import dev.checkout.application.purchase.PurchaseResult.PaymentFailed;
import dev.checkout.application.purchase.PurchaseResult.PaymentPending;
import dev.checkout.application.purchase.PurchaseResult.PriceMismatch;
import dev.checkout.application.purchase.PurchaseResult.Refunded;
import dev.checkout.application.purchase.PurchaseResult.UnknownProducts;
import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.inventory.ReservationOutcome;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderLine;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.order.PendingAuthentication;
import dev.checkout.domain.payment.Charge;
import dev.checkout.domain.payment.ChargeOutcome;
import dev.checkout.domain.payment.ChargeRequest;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.port.Catalogue;
import dev.checkout.domain.port.ConcurrentOrderUpdateException;
import dev.checkout.domain.port.DuplicateClientKeyException;
import dev.checkout.domain.port.Inventory;
import dev.checkout.domain.port.Orders;
import dev.checkout.domain.port.PaymentGateway;
import dev.checkout.domain.port.PaymentNotCompletedException;
import dev.checkout.domain.port.PaymentOutcomeUnknownException;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The purchase: steps 4-8 of the token + charges flow. Steps 1-3 (the browser obtaining a token from the provider)
 * are its precondition. Transaction boundaries:
 * <pre>
 * TX1   re-price, save Order(PENDING_PAYMENT), reserve every line      (out of stock: roll back)
 * --    charge the token, key "order-&lt;id&gt;"                            (never inside a transaction)
 * TX2   PAID + commit | DECLINED + release | FAILED + release | PAYMENT_UNKNOWN (reservation kept)
 *       | AWAITING_AUTHENTICATION (reservation kept until the deadline)
 * comp  TX2 fails after an approval: refund with key "refund-&lt;id&gt;", REFUNDED + release
 * </pre>
 * When the provider asks the buyer to authenticate (3-D Secure), the purchase ends with the order
 * AWAITING_AUTHENTICATION and the client secret for the buyer's browser; once the buyer authenticated,
 * {@link #confirm} asks the provider again, with the key "confirm-&lt;id&gt;", and runs the same TX2 on its answer.
 * An order left behind by a crash between the steps is settled by the reconciler.
 *
 * <p>TX1 is one transaction of the {@link TransactionRunner}: the price read, {@code Orders.add} and
 * {@code Inventory.reserve} share it, so a shortage, an unknown product, mixed currencies or a wrong total leaves no
 * order behind. The charge's outcome decides TX2: {@code Approved} makes the order PAID and commits its stock;
 * {@code Declined} makes it DECLINED and {@code PaymentNotCompletedException} makes it FAILED, both releasing the
 * stock; {@code PaymentOutcomeUnknownException} makes it PAYMENT_UNKNOWN and keeps the stock reserved, for
 * the reconciler to settle once it has asked the provider.
 *
 * <p>Money that has moved is treated with care. Recording an approval is tried up to three times;
 * if another party (the reconciler) settled the order meanwhile ({@code ConcurrentOrderUpdateException}), its
 * verdict is reported. If recording still fails, the store is read first: an order it shows settled is reported as
 * it stands, an unreachable store leaves the order to the reconciler (PaymentPending), and only an order the store
 * shows unpaid is refunded (REFUNDED; if the refund fails too, REFUND_PENDING for the reconciler). A TX2 that
 * records a decline, failure or unknown outcome is not retried: a failure is logged, the buyer still gets the
 * outcome, and the reconciler later records it from the provider's records.
 */
public final class PurchaseService implements PurchaseUseCase {
    private static final System.Logger LOG = System.getLogger(PurchaseService.class.getName());
    /** Attempts at recording an approved charge before it is refunded instead. */
    static final int RECORD_ATTEMPTS = 3;
    private static final java.time.Duration RECORD_BACKOFF = java.time.Duration.ofMillis(50);

    private final Catalogue catalogue;
    private final Inventory inventory;
    private final Orders orders;
    private final PaymentGateway gateway;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final OrderIdGenerator ids;
    private final PurchasePolicy policy;
    /** Admission to TX1 ({@link PurchasePolicy#concurrentPlacements()}); null when unlimited. */
    private final Semaphore placing;

    /**
     * Wires the use case to its ports. Every argument is required.
     *
     * @param catalogue the merchant's prices, read in TX1
     * @param inventory the stock, reserved in TX1 and committed or released in TX2
     * @param orders where orders are kept; must take part in the {@code transactions}, as {@code inventory} does
     * @param gateway the payment provider, called between the transactions
     * @param transactions the short local transactions TX1 and TX2
     * @param clock the time of placing and of every transition
     * @param ids the source of new order ids, which also key the provider's idempotency
     * @param policy the reservation hold and the admission limit of TX1
     * @throws NullPointerException if an argument is null
     */
    public PurchaseService(Catalogue catalogue, Inventory inventory, Orders orders, PaymentGateway gateway,
                           TransactionRunner transactions, Clock clock, OrderIdGenerator ids, PurchasePolicy policy) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.placing = policy.concurrentPlacements() > 0 ? new Semaphore(policy.concurrentPlacements(), true) : null;
    }

    @Override
    public PurchaseResult purchase(PurchaseCommand command) {
        // Step 4 has happened: the browser sent the token, the total it showed and the items.
        // TX1: the server re-prices the cart from its own catalogue, then the order and its reservation exist
        // together or not at all. One transaction, so one connection: the price read and the writes share it.
        OrderId id = ids.next();
        var placedAt = clock.instant();
        Order order;
        try {
            order = admitted(() -> transactions.call(() -> {
                Order placed = Order.place(id, command.clientKey(), priced(command), placedAt);
                orders.add(placed);
                if (inventory.reserve(id, placed.lines(), placedAt.plus(policy.reservationHold()))
                        instanceof ReservationOutcome.Insufficient(List<Sku> shortSkus)) {
                    throw new Rollback(new OutOfStock(shortSkus), true);
                }
                return placed;
            }));
        } catch (DuplicateClientKeyException repeated) {
            // A repeated client key (double click, browser retry) gets the first purchase's result, never a second
            // order. The unique client key decides, so the common case (a new key) costs no lookup.
            return orders.findByClientKey(repeated.key()).map(first -> replay(first, command)).orElseThrow(() -> repeated);
        } catch (Rollback refused) {
            if (refused.orderInserted) {
                return refused.result; // the order row was inserted first, so the key was new
            }
            // Refused before the insert: a retry of an earlier purchase still gets that purchase's result, even if
            // the catalogue has changed since.
            return command.clientKey().flatMap(orders::findByClientKey)
                    .map(first -> replay(first, command))
                    .orElse(refused.result);
        }

        // Step 5: charge the token with the secret key, outside any transaction, with a key derived from our order id.
        ChargeOutcome outcome;
        try {
            outcome = gateway.charge(ChargeRequest.forOrder(command.token(), order.total(), id));
        } catch (PaymentNotCompletedException notCharged) {
            // Step 6, failure: certainly not charged, so the stock goes back now.
            LOG.log(Level.INFO, "order {0}: not charged ({1})", id, notCharged.failure().kind());
            settle(order, o -> o.markFailed(notCharged.failure(), clock.instant()), inventory::release);
            return new PaymentFailed(id, notCharged.failure());
        } catch (PaymentOutcomeUnknownException unknown) {
            // Money may have moved: keep the stock reserved; the reconciler finds out and settles.
            LOG.log(Level.WARNING, "order {0}: payment outcome unknown, left for the reconciler: {1}", id, unknown.getMessage());
            settle(order, o -> o.markPaymentUnknown(clock.instant()), noStockChange -> { });
            return new PaymentPending(id);
        }

        // Step 6: the provider's decision travels back; step 7 on success.
        return switch (outcome) {
            case ChargeOutcome.Approved(Charge charge) -> completePaid(order, charge);
            case ChargeOutcome.Declined declined -> {
                settle(order, o -> o.markDeclined(declined.reason(), clock.instant()), inventory::release);
                yield new PaymentDeclined(id, declined.reason());
            }
            case ChargeOutcome.AuthenticationRequired required -> awaitAuthentication(order, required);
        };
    }

    /**
     * No decision yet: the buyer must authenticate. The order waits, its stock reserved, until the deadline. If that
     * cannot be recorded the buyer is not sent to authenticate (a confirmation would find no waiting order); the
     * order stays PENDING_PAYMENT and the reconciler cancels the attempt it finds at the provider.
     */
    private PurchaseResult awaitAuthentication(Order order, ChargeOutcome.AuthenticationRequired required) {
        var now = clock.instant();
        var pending = new PendingAuthentication(required.attempt(), required.clientSecret(),
                now.plus(policy.authenticationWindow()));
        try {
            transactions.run(() -> orders.update(order.awaitAuthentication(pending, now)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "order " + order.id() + ": could not record that the buyer must authenticate;"
                    + " the reconciler will cancel the attempt", e);
            return new PaymentPending(order.id());
        }
        LOG.log(Level.INFO, "order {0}: the buyer must authenticate (attempt {1})", order.id(), required.attempt());
        return new AuthenticationRequired(order.id(), required.clientSecret());
    }

    @Override
    public Optional<PurchaseResult> confirm(OrderId orderId) {
        Objects.requireNonNull(orderId, "orderId");
        Optional<Order> found = orders.find(orderId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Order order = found.get();
        if (order.status() != OrderStatus.AWAITING_AUTHENTICATION) {
            return Optional.of(resultOf(order)); // confirmed, expired or never waiting: its result as it stands
        }
        PendingAuthentication pending = order.pendingAuthentication().orElseThrow();
        // Outside any transaction, with a key derived from the order: a double click confirms once.
        ChargeOutcome outcome;
        try {
            outcome = gateway.confirmAuthenticated(pending.attempt(), PaymentKey.forConfirmation(orderId));
        } catch (PaymentNotCompletedException notCharged) {
            LOG.log(Level.INFO, "order {0}: confirmation refused, not charged ({1})", orderId, notCharged.failure().kind());
            settle(order, o -> o.markFailed(notCharged.failure(), clock.instant()), inventory::release);
            return Optional.of(new PaymentFailed(orderId, notCharged.failure()));
        } catch (PaymentOutcomeUnknownException unknown) {
            LOG.log(Level.WARNING, "order {0}: confirmation outcome unknown, left for the reconciler: {1}", orderId, unknown.getMessage());
            settle(order, o -> o.markPaymentUnknown(clock.instant()), noStockChange -> { });
            return Optional.of(new PaymentPending(orderId));
        }
        return Optional.of(switch (outcome) {
            case ChargeOutcome.Approved(Charge charge) -> completePaid(order, charge);
            case ChargeOutcome.Declined declined -> {
                settle(order, o -> o.markDeclined(declined.reason(), clock.instant()), inventory::release);
                yield new PaymentDeclined(orderId, declined.reason());
            }
            // The buyer has not finished authenticating: nothing changes, the browser may try again.
            case ChargeOutcome.AuthenticationRequired stillWaiting -> new AuthenticationRequired(orderId, pending.clientSecret());
        });
    }

    /** Runs TX1 once admitted: in arrival order, at most {@link PurchasePolicy#concurrentPlacements()} at a time. */
    private <T> T admitted(Supplier<T> placement) {
        if (placing == null) {
            return placement.get();
        }
        placing.acquireUninterruptibly();
        try {
            return placement.get();
        } finally {
            placing.release();
        }
    }

    /**
     * The order lines at the catalogue's prices; refuses (by rolling TX1 back) unknown SKUs, mixed currencies and a
     * stated total that is not the catalogue's.
     */
    private List<OrderLine> priced(PurchaseCommand command) {
        Map<Sku, Product> products = catalogue.findAll(command.skus());
        List<Sku> unknownSkus = command.skus().stream().filter(sku -> !products.containsKey(sku)).toList();
        if (!unknownSkus.isEmpty()) {
            throw new Rollback(new UnknownProducts(unknownSkus));
        }
        var lines = new ArrayList<OrderLine>(command.items().size());
        for (PurchaseCommand.Item item : command.items()) {
            lines.add(new OrderLine(item.sku(), item.quantity(), products.get(item.sku()).unitPrice()));
        }
        var currency = lines.getFirst().unitPrice().currency();
        if (lines.stream().anyMatch(line -> !line.unitPrice().currency().equals(currency))) {
            throw new Rollback(new MixedCurrencies(command.skus()));
        }
        // Cannot overflow: at most 100 lines of at most 1,000 units, each price at most Product.MAX_UNIT_AMOUNT.
        Money expected = lines.stream().map(OrderLine::total).reduce(Money::plus).orElseThrow();
        if (!expected.equals(command.statedTotal())) {
            throw new Rollback(new PriceMismatch(command.statedTotal(), expected));
        }
        // Sold out as this transaction reads it: refused on the read alone, before a row is written. The reservation
        // decides whenever stock is left, because a concurrent take can overtake the read. A read that shows too little
        // was true when it was made; units given back or restocked a moment later are what a buyer a moment earlier
        // would have missed too. In a rush on a sold-out product every refused buyer would otherwise insert an order,
        // its lines and reservations and roll them back, and on PostgreSQL first wait for the product's row, which
        // each paid purchase holds until its commit is flushed.
        List<Sku> shortSkus = lines.stream()
                .filter(line -> products.get(line.sku()).available() < line.quantity().value())
                .map(OrderLine::sku).sorted().toList();
        if (!shortSkus.isEmpty()) {
            throw new Rollback(new OutOfStock(shortSkus));
        }
        return lines;
    }

    /** Step 7: the order becomes PAID and its stock sold, or, if that cannot be recorded, the money goes back. */
    private PurchaseResult completePaid(Order order, Charge charge) {
        Order paid = order.markPaid(charge.id(), clock.instant());
        try {
            recordWithRetries(() -> {
                orders.update(paid);
                inventory.commit(order.id());
            });
            return new Completed(paid);
        } catch (ConcurrentOrderUpdateException settledElsewhere) {
            // The reconciler settled this order from the provider's records while we waited: report its verdict.
            return orders.find(order.id()).map(this::resultOf).orElseThrow(() -> settledElsewhere);
        } catch (RuntimeException recordFailed) {
            return afterRecordFailed(order, charge, recordFailed);
        }
    }

    /**
     * Recording an approved charge failed {@value #RECORD_ATTEMPTS} times. Before giving the money back, look at what the
     * store holds: a commit whose acknowledgement was lost may have recorded the order after all, and refunding a PAID
     * order would leave it paid with its money returned. If the store cannot even be read (it is down), nothing is
     * refunded: the order stays PENDING_PAYMENT (or AWAITING_AUTHENTICATION) with its stock reserved, and the reconciler completes it from the
     * provider's records once the store is back. Only an order the store shows unpaid is refunded.
     */
    private PurchaseResult afterRecordFailed(Order order, Charge charge, RuntimeException recordFailed) {
        Optional<Order> stored;
        try {
            stored = orders.find(order.id());
        } catch (RuntimeException unreachable) {
            LOG.log(Level.WARNING, "order " + order.id() + ": charged, and the store cannot be reached to record it;"
                    + " left for the reconciler", recordFailed);
            return new PaymentPending(order.id());
        }
        if (stored.isPresent() && stored.get().status() != order.status()) {
            return resultOf(stored.get()); // recorded after all, or settled by the reconciler meanwhile
        }
        LOG.log(Level.ERROR, "order " + order.id() + ": charged but not recorded, refunding", recordFailed);
        return refundAfterFailure(order, charge);
    }

    /**
     * Money has moved, so a lost write here costs a sale (the refund below): a transient failure (no free connection,
     * a dropped one) gets {@value #RECORD_ATTEMPTS} attempts in all. A concurrent settlement is not retried: the version
     * check says someone else decided, and the caller reports their verdict.
     */
    private void recordWithRetries(Runnable work) {
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.run(work);
                return;
            } catch (ConcurrentOrderUpdateException decidedElsewhere) {
                throw decidedElsewhere;
            } catch (RuntimeException transientOrNot) {
                if (attempt >= RECORD_ATTEMPTS) {
                    throw transientOrNot;
                }
                try {
                    Thread.sleep(RECORD_BACKOFF.multipliedBy(attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw transientOrNot;
                }
            }
        }
    }

    /** Compensation for a failed TX2 after an approval: refund with a key derived from the order, then record it. */
    private PurchaseResult refundAfterFailure(Order order, Charge charge) {
        try {
            gateway.refund(charge.id(), charge.amount(), PaymentKey.forRefund(order.id()));
        } catch (RuntimeException refundFailed) {
            // Leave a note for the reconciler if the store lets us; if not, it finds the approved charge itself.
            LOG.log(Level.ERROR, "order " + order.id() + ": refund failed, left for the reconciler", refundFailed);
            settle(order, o -> o.markRefundPending(charge.id(), clock.instant()), noStockChange -> { });
            return new PaymentPending(order.id());
        }
        settle(order, o -> o.markRefunded(charge.id(), clock.instant()), inventory::release);
        return new Refunded(order.id());
    }

    /**
     * TX2: one transition of the order and its stock, together. A failure is logged, not thrown: the order stays
     * as it was and the reconciler settles it from the provider's records.
     */
    private void settle(Order order, UnaryOperator<Order> transition, Consumer<OrderId> stock) {
        try {
            transactions.run(() -> {
                orders.update(transition.apply(order));
                stock.accept(order.id());
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "order " + order.id() + ": could not record the payment outcome; the reconciler will", e);
        }
    }

    private PurchaseResult replay(Order previous, PurchaseCommand command) {
        var asked = new HashSet<>(command.items());
        var had = new HashSet<PurchaseCommand.Item>();
        previous.lines().forEach(line -> had.add(new PurchaseCommand.Item(line.sku(), line.quantity())));
        if (!asked.equals(had) || !previous.total().equals(command.statedTotal())) {
            return new KeyReused(command.clientKey().orElseThrow(), previous.id());
        }
        return resultOf(previous);
    }

    /** The result a buyer is told for an order in its current state. */
    private PurchaseResult resultOf(Order order) {
        return switch (order.status()) {
            case PAID, PARTIALLY_REFUNDED -> new Completed(order);
            case DECLINED -> new PaymentDeclined(order.id(), order.declineReason().orElseThrow());
            case FAILED -> order.failure().orElseThrow().isAuthenticationExpired()
                    ? new AuthenticationExpired(order.id())
                    : new PaymentFailed(order.id(), order.failure().orElseThrow());
            case AWAITING_AUTHENTICATION ->
                    new AuthenticationRequired(order.id(), order.pendingAuthentication().orElseThrow().clientSecret());
            case REFUNDED -> new Refunded(order.id());
            case PENDING_PAYMENT, PAYMENT_UNKNOWN, REFUND_PENDING -> new PaymentPending(order.id());
        };
    }

    /** Carries a business result out of a transaction that must roll back. */
    private static final class Rollback extends RuntimeException {
        private final PurchaseResult result;
        /** Whether the order was inserted before the refusal, which proves its client key new: no earlier purchase to replay. */
        private final boolean orderInserted;

        Rollback(PurchaseResult result) {
            this(result, false);
        }

        Rollback(PurchaseResult result, boolean orderInserted) {
            super(null, null, false, false);
            this.result = result;
            this.orderInserted = orderInserted;
        }
    }
}
