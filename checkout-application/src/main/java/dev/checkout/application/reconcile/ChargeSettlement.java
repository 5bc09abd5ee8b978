package dev.checkout.application.reconcile;

import dev.checkout.application.TransactionRunner;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.payment.Charge;
import dev.checkout.domain.payment.ChargeOutcome;
import dev.checkout.domain.payment.DeferredRefund;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.port.Inventory;
import dev.checkout.domain.port.Orders;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one set of rules that settles an order whose payment is not recorded (PENDING_PAYMENT or PAYMENT_UNKNOWN) from
 * what the provider knows of its charge. The reconciler uses it with the answer of a look-up, the provider's events
 * ({@code dev.checkout.application.events.PaymentEventService}) with the charge an event carries; both therefore
 * decide alike:
 * <ul>
 *   <li>an approved charge refunded in full: REFUNDED, the stock released;</li>
 *   <li>an approved charge: PAID, the stock committed (sold); the refunds made at the provider before the order held
 *       the charge ({@link DeferredRefunds}) are recorded on it in the same transaction, so that it may end
 *       PARTIALLY_REFUNDED. A charge that shows more refunded than the order then holds is logged as a warning
 *       (the refund's event has not come, or not yet); no refund is made up for it.</li>
 *   <li>a declined charge: DECLINED, the stock released;</li>
 *   <li>no charge at all (only the reconciler concludes that, once the charge can no longer land): FAILED, the stock
 *       released.</li>
 * </ul>
 * Each settlement is one transaction that stores the order's transition and moves its stock together, with whatever
 * else the caller must commit with it (the event that caused it, say).
 */
public final class ChargeSettlement {
    private static final System.Logger LOG = System.getLogger(ChargeSettlement.class.getName());

    private final Orders orders;
    private final Inventory inventory;
    private final TransactionRunner transactions;
    private final Clock clock;
    /** The refunds made before the order held its charge; null when this settlement records none. */
    private final DeferredRefunds deferred;

    /**
     * Wires the rules to the stores, without deferred refunds: a PAID order records none.
     *
     * @param orders       where the order's transition is stored, with its version check
     * @param inventory    the stock committed or released with it
     * @param transactions the transaction both take part in
     * @param clock        the time of the transition
     * @throws NullPointerException if an argument is null
     */
    public ChargeSettlement(Orders orders, Inventory inventory, TransactionRunner transactions, Clock clock) {
        this(orders, inventory, transactions, clock, null);
    }

    /**
     * Wires the rules to the stores, with the deferred refunds a PAID order records.
     *
     * @param orders       where the order's transition is stored, with its version check
     * @param inventory    the stock committed or released with it
     * @param transactions the transaction both take part in
     * @param clock        the time of the transition
     * @param deferred     the refunds made before the order held its charge, or null for none
     * @throws NullPointerException if an argument other than {@code deferred} is null
     */
    public ChargeSettlement(Orders orders, Inventory inventory, TransactionRunner transactions, Clock clock,
                            DeferredRefunds deferred) {
        this.deferred = deferred;
        this.orders = Objects.requireNonNull(orders, "orders");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Settles {@code order} from its charge.
     *
     * @param order             the order as read, PENDING_PAYMENT or PAYMENT_UNKNOWN
     * @param charge            the charge's outcome, or empty when the provider certainly holds no charge for it; never
     *                          an attempt waiting for authentication (the reconciler cancels those first)
     * @param alsoInTransaction more writes to commit with the settlement, or a no-op
     * @return what the settlement did: the status it gave the order, PAID, REFUNDED, DECLINED or FAILED (deferred
     *         refunds recorded with a PAID settlement may take the order on to PARTIALLY_REFUNDED or REFUNDED), how many
     *         deferred refunds it recorded, and how much of the charge's refunds the order does not hold
     * @throws dev.checkout.domain.order.IllegalOrderTransitionException if the order is already settled
     * @throws dev.checkout.domain.port.ConcurrentOrderUpdateException if someone else settled it since it was read;
     *         nothing was written
     * @throws RuntimeException whatever the stores threw; the transaction was rolled back
     */
    public Settled settle(Order order, Optional<ChargeOutcome> charge, Runnable alsoInTransaction) {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(charge, "charge");
        Objects.requireNonNull(alsoInTransaction, "alsoInTransaction");
        Order settled;
        boolean sold;
        Charge paid = null;
        if (charge.isEmpty()) {
            var never = new PaymentFailure(PaymentFailure.Kind.PROVIDER_UNAVAILABLE, "charge_not_found",
                    "The payment did not reach the provider; nothing was charged.");
            settled = order.markFailed(never, clock.instant());
            sold = false;
        } else {
            switch (charge.get()) {
                case ChargeOutcome.Approved(Charge c) when c.fullyRefunded() -> {
                    settled = order.markRefunded(c.id(), clock.instant());
                    sold = false;
                }
                case ChargeOutcome.Approved(Charge c) -> {
                    settled = order.markPaid(c.id(), clock.instant());
                    sold = true;
                    paid = c;
                }
                case ChargeOutcome.Declined declined -> {
                    settled = order.markDeclined(declined.reason(), clock.instant());
                    sold = false;
                }
                case ChargeOutcome.AuthenticationRequired waiting -> throw new IllegalArgumentException("order "
                        + order.id() + ": attempt " + waiting.attempt() + " waits for the buyer; it is canceled, not settled");
            }
        }
        Instant now = clock.instant();
        List<DeferredRefund> waiting = paid == null || deferred == null ? List.of() : deferred.pendingFor(settled);
        DeferredRefunds.Plan plan = waiting.isEmpty() ? null : deferred.plan(settled, waiting, now);
        transactions.run(() -> {
            orders.update(settled);
            if (plan != null) {
                deferred.write(plan, now);
            }
            if (sold) {
                inventory.commit(order.id());
            } else {
                inventory.release(order.id());
            }
            alsoInTransaction.run();
        });
        int recorded = plan == null ? 0 : plan.steps().size();
        if (paid != null) {
            Order after = plan == null ? settled : plan.last();
            Money known = after.refunded();
            long unexplained = paid.amountRefunded().minorUnits() - known.minorUnits();
            if (unexplained > 0 && paid.amountRefunded().sameCurrencyAs(known)) {
                LOG.log(Level.WARNING, "order {0}: charge {1} shows {2} refunded at the provider, {3} of it not known to"
                                + " the checkout (no refund event yet); the order is {4}", order.id(), paid.id(),
                        paid.amountRefunded().minorUnits(), unexplained, after.status());
                return new Settled(settled.status(), recorded, unexplained);
            }
        }
        return new Settled(settled.status(), recorded, 0);
    }

    /**
     * What a settlement did.
     *
     * @param status                 the status the settlement gave the order: PAID, REFUNDED, DECLINED or FAILED
     * @param deferredRefunds        how many deferred refunds were recorded on the order with it
     * @param unexplainedMinorUnits  how much of the charge's refunded amount (minor units) the order does not hold
     *                               after it, because no event told of that refund (yet); 0 if none
     */
    public record Settled(OrderStatus status, int deferredRefunds, long unexplainedMinorUnits) {
    }
}
