package dev.checkout.application.admin;

import dev.checkout.application.TransactionRunner;
import dev.checkout.domain.DomainException;
import dev.checkout.domain.inventory.StockAdjustment;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderLine;
import dev.checkout.domain.order.OrderRefund;
import dev.checkout.domain.order.Quantity;
import dev.checkout.domain.order.RefundRefusedException;
import dev.checkout.domain.order.RestockLine;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.payment.Refund;
import dev.checkout.domain.port.Catalogue;
import dev.checkout.domain.port.ConcurrentOrderUpdateException;
import dev.checkout.domain.port.Orders;
import dev.checkout.domain.port.PaymentGateway;
import dev.checkout.domain.port.PaymentNotCompletedException;
import dev.checkout.domain.port.PaymentOutcomeUnknownException;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The merchant's refund, in the purchase's shape:
 * <pre>
 * TX1   the order takes a PENDING refund (its rules: paid, never beyond the total, never more units than sold);
 *       a versioned write, so of racing requests for the same money one is recorded and the rest re-read and refuse
 * --    PaymentGateway.refund(charge, amount, key "refund-&lt;orderId&gt;-&lt;sequence&gt;")   (never inside a transaction)
 * TX2a  refunded       -> refund SUCCEEDED with the provider's id, status PARTIALLY_REFUNDED | REFUNDED, and the
 *                         restocked units back in the catalogue, in the same transaction
 * TX2b  not refunded   -> refund FAILED; the money and units can be refunded again; the order is otherwise as it was
 * --    unknown        -> refund stays PENDING; the reconciler repeats the call with the same key and records it
 * </pre>
 * The reconciler settles a PENDING refund through {@link #settle}, the same code path.
 *
 * <p>A request with an Idempotency-Key ({@link RefundCommand#requestKey()}) that one of the order's refunds was asked
 * for with is a retry (the merchant's answer was lost): it gets that refund's answer as it stands, after asking the
 * provider again if it is still pending, and never a second refund. The same key with a different amount, restock or
 * reason is refused ({@code REQUEST_KEY_USED}). Two racing requests with one key write the order one at a time (the
 * version check), so the second finds the first's refund.
 */
public final class RefundService implements RefundUseCase {
    private static final System.Logger LOG = System.getLogger(RefundService.class.getName());
    /**
     * Attempts at a versioned write of the order. Racing refunds of one order make each other retry; each retry
     * re-reads, so a request for money already taken is refused by the order's rules, not by running out of attempts.
     */
    static final int WRITE_ATTEMPTS = 8;

    private final Orders orders;
    private final Catalogue catalogue;
    private final PaymentGateway gateway;
    private final TransactionRunner transactions;
    private final Clock clock;

    /**
     * A refund service on these ports.
     *
     * @param orders       where orders and their refunds are kept
     * @param catalogue    where restocked units go back
     * @param gateway      the payment provider
     * @param transactions the local transactions
     * @param clock        the time of requests and answers
     */
    public RefundService(Orders orders, Catalogue catalogue, PaymentGateway gateway, TransactionRunner transactions, Clock clock) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** How a settlement attempt of a pending refund ended. */
    public enum Settlement {
        /** The provider made the refund, and it is recorded with its restock. */
        REFUNDED,
        /** The provider certainly did not make it; recorded as FAILED. */
        FAILED,
        /** Not known yet, or not recorded: the next pass tries again. */
        STILL_PENDING
    }

    @Override
    public RefundResult refund(RefundCommand command) {
        OrderId id = command.orderId();
        ClientKey key = command.requestKey();
        Order asked;
        try {
            asked = versioned(id, order -> {
                // a retry: looked up before the amount is worked out, which a full refund already made would refuse
                if (key != null) {
                    order.refundRequestedWith(key).ifPresent(earlier -> {
                        throw new Repeated(earlier.sequence());
                    });
                }
                return order.requestRefund(amountOf(command, order), restockOf(command, order), command.reason(), key,
                        clock.instant());
            });
        } catch (NoSuchOrder missing) {
            return new RefundResult.OrderNotFound(id);
        } catch (Repeated repeated) {
            return repeat(command, repeated.sequence);
        } catch (RefundRefusedException refused) {
            return new RefundResult.Refused(id, refused.reason(), refused.field(), refused.getMessage());
        } catch (ConcurrentOrderUpdateException busy) {
            return new RefundResult.Busy(id);
        } catch (DomainException invalid) {
            return new RefundResult.Invalid(id, invalid.field(), invalid.getMessage());
        }
        // requestRefund appends the new refund: it is the last one of the order as stored.
        OrderRefund refund = asked.refunds().getLast();
        callProviderAndRecord(asked, refund);
        return answer(asked, refund.sequence());
    }

    /**
     * A request with the Idempotency-Key of the order's refund {@code sequence}: the same request again gets that
     * refund's answer (a pending one is asked of the provider again, with its own key, so it is never made twice);
     * a different request with the key is refused.
     */
    private RefundResult repeat(RefundCommand command, int sequence) {
        Order order = orders.find(command.orderId()).orElse(null);
        if (order == null) {
            return new RefundResult.OrderNotFound(command.orderId());
        }
        OrderRefund earlier = order.refunds().get(sequence - 1);
        Money amount = command.amount().isPresent() ? Money.of(command.amount().getAsLong(), order.total().currency()) : null;
        List<RestockLine> restock = switch (command.restock()) {
            case RefundCommand.Restock.Nothing nothing -> List.of();
            case RefundCommand.Restock.Lines lines -> lines.lines();
            case RefundCommand.Restock.Everything everything -> null;
        };
        if (!earlier.sameRequest(amount, restock, command.reason())) {
            return new RefundResult.Refused(order.id(), RefundRefusedException.Reason.REQUEST_KEY_USED, "Idempotency-Key",
                    "this Idempotency-Key was used for refund #" + sequence + " of order " + order.id() + " ("
                            + earlier.amount().minorUnits() + " " + earlier.amount().currency() + "); a request for a"
                            + " different amount, restock or reason needs a new key. Nothing changed");
        }
        if (earlier.status() == OrderRefund.Status.PENDING) {
            callProviderAndRecord(order, earlier);
        }
        return answer(order, sequence);
    }

    /** What the store holds is the answer, whoever recorded it (this request or, racing it, the reconciler). */
    private RefundResult answer(Order asked, int sequence) {
        Order now = orders.find(asked.id()).orElse(asked);
        OrderRefund after = now.refunds().get(sequence - 1);
        return switch (after.status()) {
            case SUCCEEDED -> new RefundResult.Refunded(now, after);
            case FAILED -> new RefundResult.NotRefunded(now, after, after.failureReason().orElseGet(() ->
                    new PaymentFailure(PaymentFailure.Kind.MERCHANT_ERROR, null, "The provider did not make the refund.")));
            case PENDING -> new RefundResult.Pending(now, after);
        };
    }

    /**
     * Finishes a PENDING refund: asks the provider again with the refund's own key (a repeat of a refund it made
     * returns that refund, and never refunds twice) and records the answer. Used by the reconciler; never inside a
     * transaction.
     *
     * @param order  the order as read
     * @param refund one of its refunds
     * @return how it ended; an answered refund is reported as it stands, without a call
     */
    public Settlement settle(Order order, OrderRefund refund) {
        if (refund.status() != OrderRefund.Status.PENDING) {
            return refund.status() == OrderRefund.Status.SUCCEEDED ? Settlement.REFUNDED : Settlement.FAILED;
        }
        return callProviderAndRecord(order, refund);
    }

    private Settlement callProviderAndRecord(Order order, OrderRefund refund) {
        var charge = order.chargeId().orElseThrow(() -> new IllegalStateException("paid order " + order.id() + " has no charge"));
        Refund done;
        try {
            done = gateway.refund(charge, refund.amount(), refund.idempotencyKey(order.id()));
        } catch (PaymentNotCompletedException notRefunded) {
            LOG.log(Level.INFO, "order {0}: refund #{1} not made ({2})", order.id(), refund.sequence(), notRefunded.failure().kind());
            return record(order.id(), refund.sequence(), o -> o.refundFailed(refund.sequence(), notRefunded.failure(), clock.instant()),
                    List.of()) ? Settlement.FAILED : Settlement.STILL_PENDING;
        } catch (PaymentOutcomeUnknownException unknown) {
            LOG.log(Level.WARNING, "order {0}: refund #{1} outcome unknown, left for the reconciler: {2}",
                    order.id(), refund.sequence(), unknown.getMessage());
            return Settlement.STILL_PENDING;
        }
        return record(order.id(), refund.sequence(), o -> o.refundSucceeded(refund.sequence(), done.id(), clock.instant()),
                refund.restock()) ? Settlement.REFUNDED : Settlement.STILL_PENDING;
    }

    /**
     * TX2: the refund's answer and its restock together. Returns false when it could not be recorded (the reconciler
     * will); true also when someone else (the reconciler, a concurrent retry) recorded it first.
     */
    private boolean record(OrderId id, int sequence, UnaryOperator<Order> answer, List<RestockLine> restock) {
        try {
            versioned(id, order -> {
                if (order.refunds().get(sequence - 1).status() != OrderRefund.Status.PENDING) {
                    throw new AlreadySettled();
                }
                Order next = answer.apply(order);
                for (RestockLine line : restock) {
                    if (catalogue.adjustStock(line.sku(), line.quantity().value()) instanceof StockAdjustment.UnknownProduct) {
                        // The product was removed since it was sold: there is no stock figure to return the units to.
                        LOG.log(Level.WARNING, "order {0}: refund #{1} restocks {2}, which is no longer in the catalogue",
                                id, sequence, line.sku());
                    }
                }
                return next;
            });
            return true;
        } catch (AlreadySettled done) {
            return true;
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "order " + id + ": could not record the answer to refund #" + sequence
                    + "; the reconciler will", failed);
            return false;
        }
    }

    /**
     * Reads the order and stores {@code change} of it in one transaction, again from a fresh read when someone else
     * changed it in between, up to {@value #WRITE_ATTEMPTS} times.
     */
    private Order versioned(OrderId id, UnaryOperator<Order> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.call(() -> {
                    Order order = orders.find(id).orElseThrow(NoSuchOrder::new);
                    Order next = change.apply(order);
                    orders.update(next);
                    return next;
                });
            } catch (ConcurrentOrderUpdateException raced) {
                if (attempt >= WRITE_ATTEMPTS) {
                    throw raced;
                }
                Thread.onSpinWait();
            }
        }
    }

    /** The amount asked for, or everything still refundable (a refused request names the field either way). */
    private static Money amountOf(RefundCommand command, Order order) {
        if (command.amount().isPresent()) {
            return Money.of(command.amount().getAsLong(), order.total().currency());
        }
        Money rest = order.refundable();
        if (rest.isZero() && order.status().acceptsRefunds()) {
            throw new RefundRefusedException(RefundRefusedException.Reason.EXCEEDS_PAID, "amount",
                    "order " + order.id() + " has nothing left to refund: " + order.refunded().minorUnits() + " refunded, "
                            + order.pendingRefunds().minorUnits() + " pending, of " + order.total().minorUnits() + " paid");
        }
        return rest.isZero() ? Money.of(1, order.total().currency()) : rest; // an unpaid order refuses any amount
    }

    private static List<RestockLine> restockOf(RefundCommand command, Order order) {
        return switch (command.restock()) {
            case RefundCommand.Restock.Nothing nothing -> List.of();
            case RefundCommand.Restock.Lines lines -> lines.lines();
            case RefundCommand.Restock.Everything everything -> {
                var all = new ArrayList<RestockLine>();
                for (OrderLine line : order.lines()) {
                    int left = order.restockable(line.sku());
                    if (left > 0) {
                        all.add(new RestockLine(line.sku(), Quantity.of(left)));
                    }
                }
                yield all;
            }
        };
    }

    /** The order is not there; nothing to write. */
    private static final class NoSuchOrder extends RuntimeException {
        NoSuchOrder() {
            super(null, null, false, false);
        }
    }

    /** The order already has the refund a request with this key asked for; nothing to write. */
    private static final class Repeated extends RuntimeException {
        private final int sequence;

        Repeated(int sequence) {
            super(null, null, false, false);
            this.sequence = sequence;
        }
    }

    /** The answer was recorded by someone else first; nothing to write. */
    private static final class AlreadySettled extends RuntimeException {
        AlreadySettled() {
            super(null, null, false, false);
        }
    }

}
