package dev.checkout.application.reconcile;

import dev.checkout.application.TransactionRunner;
import dev.checkout.application.admin.RefundService;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderRefund;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.order.PendingAuthentication;
import dev.checkout.domain.payment.Charge;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.ChargeOutcome;
import dev.checkout.domain.payment.PaymentAttemptId;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.port.Inventory;
import dev.checkout.domain.port.Orders;
import dev.checkout.domain.port.PaymentGateway;
import dev.checkout.domain.port.ReceivedEvents;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Finishes what a purchase could not: orders whose charge outcome is unknown or that a crash abandoned, refunds
 * that did not complete (the checkout's compensations and the merchant's refunds), and reservations whose order is
 * already settled.
 *
 * <p>Tokens are never stored, so the reconciler cannot repeat a charge; it asks the provider what became of the
 * charge tagged with the order's id (a read, which can never charge twice) and settles the order from that answer.
 * Stock of an unknown payment is released only once the provider is known to hold no charge for the order.
 *
 * <p>One {@link #reconcile()} pass, each step limited to {@link ReconcilePolicy#batchSize()} orders:
 * <ol>
 *   <li>PAYMENT_UNKNOWN orders unchanged for {@link ReconcilePolicy#unknownAfter()}, then PENDING_PAYMENT orders
 *       unchanged for {@link ReconcilePolicy#abandonedAfter()}: the provider is asked
 *       ({@code PaymentGateway.findChargeForOrder}, from five minutes before the order's creation for clock skew).
 *       An approved charge makes the order PAID and commits its stock (REFUNDED and released if the charge was
 *       refunded in full meanwhile); a decline makes it DECLINED and releases; no charge at all makes it FAILED and
 *       releases, but only once {@link ReconcilePolicy#chargeLandsWithin()} has passed since the order was placed.
 *       A look-up that fails defers the order.
 *       An attempt that still waits for the buyer to authenticate (the buyer never learned of it: the purchase did
 *       not get or record the provider's answer) is canceled ({@code PaymentGateway.cancelAttempt}) and the order
 *       FAILED, its stock released; if the attempt had taken the money after all, the order is PAID.</li>
 *   <li>AWAITING_AUTHENTICATION orders past their deadline ({@code Order.pendingAuthentication()}): the attempt is
 *       canceled and the order FAILED ({@code PaymentFailure.authenticationExpired()}), its stock released; an
 *       attempt that had taken the money (the buyer's confirmation was not recorded) makes the order PAID. A
 *       cancellation that fails defers the order.</li>
 *   <li>REFUND_PENDING orders, whatever their age: the refund is made again with the order's refund key, then the
 *       order becomes REFUNDED and its stock is released. If the refund fails but the provider shows the charge
 *       fully refunded anyway (e.g. from its dashboard), the order is settled all the same.</li>
 *   <li>With the record of the provider's events ({@link ReceivedEvents}): the oldest deferred refunds (refunds made
 *       at the provider before any order held their charge) whose charge an order holds now are recorded on it
 *       ({@link DeferredRefunds}); step 1 records those of the charge it settles PAID with the settlement itself.</li>
 *   <li>Reservations past their expiry ({@code Inventory.expiredReservations}) whose order is already final:
 *       committed if the order is PAID, otherwise released. Those of unsettled orders are left to the steps
 *       above.</li>
 * </ol>
 * Each settlement is one transaction that stores the order's transition and moves its stock together; if it
 * fails, for instance because the purchase settled the order first ({@code ConcurrentOrderUpdateException}), the
 * order is deferred to the next pass, which sees the truth. The rules of step 1 are {@link ChargeSettlement}'s, which
 * the provider's events apply too, so an event and a pass settle an order alike. Failures are logged and counted, not thrown, except when
 * the stores cannot be read at all (listing stale orders or expired reservations, loading an order).
 */
public final class PaymentReconciler implements ReconcilePayments {
    private static final System.Logger LOG = System.getLogger(PaymentReconciler.class.getName());
    /** Search a little before the order's creation time, for clock skew between us and the provider. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Orders orders;
    private final Inventory inventory;
    private final PaymentGateway gateway;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final ReconcilePolicy policy;
    /** Settles the merchant's PENDING refunds; null when this checkout takes none. */
    private final RefundService refunds;
    /** The settle rules, shared with the provider's events. */
    private final ChargeSettlement settlement;
    /** The refunds made before an order held its charge; null when this reconciler has no record of events. */
    private final DeferredRefunds deferredRefunds;

    /**
     * Wires the reconciler to its ports. Every argument is required, and the stores must take part in
     * {@code transactions} as they do for the purchase.
     *
     * @param orders where orders are kept; searched for stale ones and updated with a version check
     * @param inventory the stock, committed or released with each settlement
     * @param gateway the payment provider, asked between transactions; it never charges from here
     * @param transactions the short transactions that settle one order each
     * @param clock the time of the pass and of every transition
     * @param policy when an order may be decided, and how many per pass
     * @throws NullPointerException if an argument is null
     */
    public PaymentReconciler(Orders orders, Inventory inventory, PaymentGateway gateway,
                             TransactionRunner transactions, Clock clock, ReconcilePolicy policy) {
        this(orders, inventory, gateway, transactions, clock, policy, null);
    }

    /**
     * A reconciler that also settles the merchant's refunds whose outcome is unknown, through {@code refunds}: the
     * same code path as the refund itself, with the refund's own idempotency key.
     *
     * @param orders       where orders are kept
     * @param inventory    the stock held for orders
     * @param gateway      the payment provider
     * @param transactions the local transactions
     * @param clock        the time
     * @param policy       when an order may be decided
     * @param refunds      the merchant's refunds to finish, or null for none
     */
    public PaymentReconciler(Orders orders, Inventory inventory, PaymentGateway gateway,
                             TransactionRunner transactions, Clock clock, ReconcilePolicy policy, RefundService refunds) {
        this(orders, inventory, gateway, transactions, clock, policy, refunds, null);
    }

    /**
     * A reconciler that also records the deferred refunds (refunds made at the provider before any order held their
     * charge, kept by the provider's events in {@code received}) on the orders that hold their charge now: with the
     * settlement that makes an order PAID, and for the oldest pending ones on every pass.
     *
     * @param orders       where orders are kept
     * @param inventory    the stock held for orders
     * @param gateway      the payment provider
     * @param transactions the local transactions
     * @param clock        the time
     * @param policy       when an order may be decided
     * @param refunds      the merchant's refunds to finish, or null for none
     * @param received     the record of the provider's events, with the deferred refunds; or null for none
     */
    public PaymentReconciler(Orders orders, Inventory inventory, PaymentGateway gateway, TransactionRunner transactions,
                             Clock clock, ReconcilePolicy policy, RefundService refunds, ReceivedEvents received) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.refunds = refunds;
        this.deferredRefunds = received == null ? null : new DeferredRefunds(orders, received, transactions, clock);
        this.settlement = new ChargeSettlement(orders, inventory, transactions, clock, deferredRefunds);
    }

    /**
     * One pass. Orders that need the provider are claimed first ({@link Orders#claimStale}), so that reconcilers of
     * several processes on one store never work on one order at once; an order this pass could not decide is
     * released at once for the next pass of any process, and a claim lapses by itself if this process dies.
     *
     * @return what the pass did
     */
    @Override
    public ReconcileReport reconcile() {
        Instant now = clock.instant();
        var report = ReconcileReport.NOTHING;
        report = report.plus(claimed(EnumSet.of(OrderStatus.PAYMENT_UNKNOWN), now.minus(policy.unknownAfter()),
                order -> settleFromProvider(order, now)));
        report = report.plus(claimed(EnumSet.of(OrderStatus.PENDING_PAYMENT), now.minus(policy.abandonedAfter()),
                order -> settleFromProvider(order, now)));
        // Every waiting order is looked at; those whose deadline has not passed are let go at once, unchanged.
        report = report.plus(claimed(EnumSet.of(OrderStatus.AWAITING_AUTHENTICATION), now,
                order -> expireAuthentication(order, now)));
        // A pending refund is retried at once, whatever its age.
        report = report.plus(claimed(EnumSet.of(OrderStatus.REFUND_PENDING), now.plus(Duration.ofDays(1)), this::finishRefund));
        if (refunds != null) {
            // Older than unknownAfter: a younger PENDING refund may still be waiting for the provider's answer. No
            // claim: two processes settling one refund send the same idempotency key, so the provider refunds once,
            // and the second answer to be recorded finds the refund settled and writes nothing.
            for (Order order : orders.findWithPendingRefunds(now.minus(policy.unknownAfter()), policy.batchSize())) {
                for (OrderRefund refund : order.refunds()) {
                    if (refund.status() == OrderRefund.Status.PENDING) {
                        report = report.plus(settleRefund(order, refund));
                    }
                }
            }
        }
        if (deferredRefunds != null) {
            // After the settlements above: an order they made PAID recorded its own; these got their charge otherwise.
            int recorded = deferredRefunds.applyPending(policy.batchSize());
            report = report.plus(new ReconcileReport(0, 0, 0, 0, 0, 0, recorded, 0));
        }
        // Settling a reservation by its order's final status is idempotent and asks no one: no claim needed.
        for (OrderId id : inventory.expiredReservations(now, policy.batchSize())) {
            report = report.plus(settleReservation(id));
        }
        if (report.settled() > 0 || report.deferred() > 0 || report.deferredRefundsRecorded() > 0) {
            LOG.log(Level.INFO, "reconciled: {0}", report);
        }
        return report;
    }

    /** Claims a batch, works through it while the claim is young enough, and releases what it did not settle. */
    private ReconcileReport claimed(Set<OrderStatus> statuses, Instant updatedBefore, Function<Order, ReconcileReport> work) {
        Instant claimedAt = clock.instant();
        Instant claimUntil = claimedAt.plus(policy.claimFor());
        // an order started later might still be at the provider when the claim lapses and another process takes it
        Instant startNoneAfter = claimedAt.plus(policy.claimFor().dividedBy(2));
        var report = ReconcileReport.NOTHING;
        for (Order order : orders.claimStale(statuses, updatedBefore, policy.batchSize(), claimedAt, claimUntil)) {
            if (clock.instant().isAfter(startNoneAfter)) {
                release(order.id(), claimUntil);
                continue;
            }
            ReconcileReport done = work.apply(order);
            if (done.settled() == 0) {
                release(order.id(), claimUntil); // deferred: the next pass of any process may look again at once
            }
            report = report.plus(done);
        }
        return report;
    }

    private void release(OrderId id, Instant claimUntil) {
        try {
            orders.releaseClaim(id, claimUntil);
        } catch (RuntimeException e) {
            // the claim lapses by itself; only the next look at this order waits longer
            LOG.log(Level.WARNING, "order {0}: claim not released, it lapses at {1}: {2}", id, claimUntil, e.toString());
        }
    }

    private ReconcileReport settleFromProvider(Order order, Instant now) {
        // The rules are ChargeSettlement's, shared with the provider's events; this method only asks the provider.
        Optional<ChargeOutcome> found;
        try {
            found = gateway.findChargeForOrder(order.id(), order.createdAt().minus(CLOCK_SKEW));
        } catch (RuntimeException providerTrouble) {
            LOG.log(Level.WARNING, "order {0}: provider not reachable for reconciliation: {1}", order.id(), providerTrouble.getMessage());
            return deferred();
        }
        if (found.isEmpty() && now.isBefore(order.createdAt().plus(policy.chargeLandsWithin()))) {
            return deferred(); // the charge request may still be on its way to the provider
        }
        if (found.isPresent() && found.get() instanceof ChargeOutcome.AuthenticationRequired waiting) {
            // The buyer was never told to authenticate, so nobody will: cancel the attempt.
            return cancelAndSettle(order, waiting.attempt());
        }
        ChargeSettlement.Settled settled;
        try {
            settled = settlement.settle(order, found, () -> { });
        } catch (RuntimeException e) {
            // Includes a concurrent settlement by the purchase, an event or another node: the next pass sees the truth.
            LOG.log(Level.WARNING, "order {0}: not settled this pass: {1}", order.id(), e.toString());
            return deferred();
        }
        var refunds = new ReconcileReport(0, 0, 0, 0, 0, 0, settled.deferredRefunds(),
                settled.unexplainedMinorUnits() > 0 ? 1 : 0);
        return refunds.plus(switch (settled.status()) {
            case PAID -> new ReconcileReport(1, 0, 0, 0, 0, 0);
            case DECLINED -> new ReconcileReport(0, 1, 0, 0, 0, 0);
            case FAILED -> new ReconcileReport(0, 0, 1, 0, 0, 0);
            case REFUNDED -> new ReconcileReport(0, 0, 0, 1, 0, 0);
            default -> throw new IllegalStateException("settled as " + settled.status());
        });
    }

    /** An order whose buyer has not authenticated: expired once its deadline has passed, otherwise left alone. */
    private ReconcileReport expireAuthentication(Order order, Instant now) {
        PendingAuthentication pending = order.pendingAuthentication().orElseThrow();
        if (!pending.expiredAt(now)) {
            return ReconcileReport.NOTHING;
        }
        return cancelAndSettle(order, pending.attempt());
    }

    /**
     * Cancels a payment attempt that waits for the buyer, then settles the order: FAILED with its stock released, or
     * PAID (REFUNDED if refunded meanwhile) when the provider shows the attempt had taken the money.
     */
    private ReconcileReport cancelAndSettle(Order order, PaymentAttemptId attempt) {
        Optional<Charge> taken;
        try {
            taken = gateway.cancelAttempt(attempt);
        } catch (RuntimeException providerTrouble) {
            LOG.log(Level.WARNING, "order {0}: payment attempt {1} not canceled this pass: {2}", order.id(), attempt,
                    providerTrouble.getMessage());
            return deferred();
        }
        if (taken.isEmpty()) {
            LOG.log(Level.INFO, "order {0}: the buyer did not authenticate; attempt {1} canceled, stock released", order.id(), attempt);
            return transition(order, o -> o.markFailed(PaymentFailure.authenticationExpired(), clock.instant()), inventory::release)
                    ? new ReconcileReport(0, 0, 1, 0, 0, 0) : deferred();
        }
        Charge charge = taken.get();
        if (charge.fullyRefunded()) {
            return transition(order, o -> o.markRefunded(charge.id(), clock.instant()), inventory::release)
                    ? new ReconcileReport(0, 0, 0, 1, 0, 0) : deferred();
        }
        return transition(order, o -> o.markPaid(charge.id(), clock.instant()), inventory::commit)
                ? new ReconcileReport(1, 0, 0, 0, 0, 0) : deferred();
    }

    private ReconcileReport finishRefund(Order order) {
        var charge = order.chargeId().orElseThrow(() -> new IllegalStateException("REFUND_PENDING order " + order.id() + " has no charge"));
        try {
            gateway.refund(charge, order.total(), PaymentKey.forRefund(order.id()));
        } catch (RuntimeException refundFailed) {
            // Refunded some other way meanwhile (e.g. in the provider's dashboard)? Then the work is done.
            if (!alreadyRefunded(charge)) {
                LOG.log(Level.WARNING, "order {0}: refund still failing: {1}", order.id(), refundFailed.getMessage());
                return deferred();
            }
        }
        return transition(order, o -> o.markRefunded(charge, clock.instant()), inventory::release)
                ? new ReconcileReport(0, 0, 0, 1, 0, 0) : deferred();
    }

    private ReconcileReport settleRefund(Order order, OrderRefund refund) {
        try {
            return switch (refunds.settle(order, refund)) {
                case REFUNDED -> new ReconcileReport(0, 0, 0, 1, 0, 0);
                case FAILED -> new ReconcileReport(0, 0, 1, 0, 0, 0);
                case STILL_PENDING -> deferred();
            };
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "order {0}: refund #{1} not settled this pass: {2}", order.id(), refund.sequence(), e.toString());
            return deferred();
        }
    }

    private boolean alreadyRefunded(ChargeId charge) {
        try {
            return gateway.findCharge(charge).map(Charge::fullyRefunded).orElse(false);
        } catch (RuntimeException providerTrouble) {
            return false;
        }
    }

    /** A reservation past its expiry: settle it by its order's final status; an unsettled order is handled above. */
    private ReconcileReport settleReservation(OrderId id) {
        try {
            // read inside the try: a store failure for one order defers it, it does not end the whole pass
            var order = orders.find(id);
            if (order.isEmpty() || !order.get().status().isFinal()) {
                return ReconcileReport.NOTHING;
            }
            transactions.run(() -> {
                // PARTIALLY_REFUNDED and a merchant's REFUNDED were paid first: their units were sold
                if (order.get().status() == OrderStatus.PAID || !order.get().refunds().isEmpty()) {
                    inventory.commit(id);
                } else {
                    inventory.release(id);
                }
            });
            return new ReconcileReport(0, 0, 0, 0, 0, 1);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "order " + id + ": could not settle its reservation", e);
            return deferred();
        }
    }

    private boolean transition(Order order, UnaryOperator<Order> change, Consumer<OrderId> stock) {
        try {
            transactions.run(() -> {
                orders.update(change.apply(order));
                stock.accept(order.id());
            });
            return true;
        } catch (RuntimeException e) {
            // Includes a concurrent settlement by the purchase itself or another node: the next pass sees the truth.
            LOG.log(Level.WARNING, "order {0}: not settled this pass: {1}", order.id(), e.toString());
            return false;
        }
    }

    private static ReconcileReport deferred() {
        return new ReconcileReport(0, 0, 0, 0, 1, 0);
    }
}
