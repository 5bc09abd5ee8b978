package dev.checkout.application.reconcile;

import dev.checkout.application.TransactionRunner;
import dev.checkout.domain.DomainException;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderRefund;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.DeferredRefund;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.payment.RefundId;
import dev.checkout.domain.port.ConcurrentOrderUpdateException;
import dev.checkout.domain.port.Orders;
import dev.checkout.domain.port.ReceivedEvents;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Records the {@linkplain DeferredRefund deferred refunds} (refunds made at the provider before any order held their
 * charge) on the order that holds the charge now, once each: by the settlement that gives the order its charge
 * ({@link ChargeSettlement}), and on every reconciler pass for those whose order got its charge some other way (the
 * purchase itself, a cancelled authentication that had taken the money) or whose settlement raced with their event.
 *
 * <p>A deferred refund is done, and no longer pending, once the order holds it: recorded here
 * ({@link Order#refundedAtProvider}), found on the order already (by the provider's refund id), made with one of the
 * checkout's own idempotency keys (its own refund path records it), or one that does not fit the order (logged, as the
 * event path does). An order REFUNDED in full has nothing left to refund: its deferred refunds are done too. One
 * REFUND_PENDING is left to the reconciler's refund step first; its deferred refunds stay pending.
 */
public final class DeferredRefunds {
    private static final System.Logger LOG = System.getLogger(DeferredRefunds.class.getName());

    private final Orders orders;
    private final ReceivedEvents received;
    private final TransactionRunner transactions;
    private final Clock clock;
    /** Where the next {@link #applyPending} goes on: the last refund it looked at, or null to start over. */
    private DeferredRefund nextAfter;

    /**
     * Wires the rules to the stores.
     *
     * @param orders       the orders the refunds are recorded on, with their version check
     * @param received     where the deferred refunds are kept
     * @param transactions the transactions each order's refunds are recorded in
     * @param clock        the time of every change
     * @throws NullPointerException if an argument is null
     */
    public DeferredRefunds(Orders orders, ReceivedEvents received, TransactionRunner transactions, Clock clock) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.received = Objects.requireNonNull(received, "received");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Whether a refund was made with one of the checkout's own idempotency keys for {@code order}
     * ({@code refund-<order>}, {@code refund-<order>-<n>}): the checkout's own refund path records it.
     *
     * @param order the order the refund's charge belongs to
     * @param key   the refund's request key, empty when it was made without one
     * @return true if it is the checkout's own
     */
    public static boolean isOwnKey(Order order, Optional<PaymentKey> key) {
        if (key.isEmpty()) {
            return false;
        }
        if (key.get().equals(PaymentKey.forRefund(order.id()))) {
            return true;
        }
        for (OrderRefund refund : order.refunds()) {
            if (key.get().equals(refund.idempotencyKey(order.id()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * What recording some deferred refunds on an order takes.
     *
     * @param steps the order's successive versions to store, one per refund recorded, in order (possibly none)
     * @param done  the deferred refunds to mark done with them
     * @param last  the order after the steps ({@code order} itself if none)
     */
    record Plan(List<Order> steps, List<RefundId> done, Order last) {
    }

    /** Decides, without writing, which of {@code waiting} to record on {@code order} and which are done anyway. */
    Plan plan(Order order, List<DeferredRefund> waiting, Instant now) {
        Order current = order;
        var steps = new ArrayList<Order>();
        var done = new ArrayList<RefundId>();
        for (DeferredRefund d : waiting) {
            if (current.holdsRefund(d.refund()) || isOwnKey(current, d.requestKey())) {
                done.add(d.refund()); // recorded by the checkout's own refund, or by an earlier settlement
                continue;
            }
            if (current.status() == OrderStatus.REFUNDED) {
                done.add(d.refund()); // all the money is back: nothing is left for this refund to add
                continue;
            }
            if (!current.status().acceptsRefunds()) {
                continue; // REFUND_PENDING: the reconciler's refund step settles it first; this stays pending
            }
            try {
                current = current.refundedAtProvider(d.refund(), d.amount(), now);
                steps.add(current);
            } catch (DomainException doesNotFit) { // RefundRefusedException included
                LOG.log(Level.WARNING, "deferred refund {0} (event {1}) does not fit order {2}: {3}", d.refund(),
                        d.eventId(), order.id(), doesNotFit.getMessage());
            }
            done.add(d.refund());
        }
        return new Plan(List.copyOf(steps), List.copyOf(done), current);
    }

    /** Stores a plan's steps and marks its refunds done, in the caller's transaction. */
    void write(Plan plan, Instant now) {
        plan.steps().forEach(orders::update);
        plan.done().forEach(r -> received.deferredRefundDone(r, now));
    }

    /**
     * The deferred refunds still pending of the charge an order was just given.
     *
     * @param order the order, holding its charge
     * @return its charge's pending deferred refunds, possibly none
     */
    List<DeferredRefund> pendingFor(Order order) {
        return order.chargeId().map(received::deferredRefunds).orElse(List.of());
    }

    /**
     * Records pending deferred refunds whose charge an order holds now, each order in one transaction of its own;
     * those whose charge no order holds stay pending (until the retention forgets them). Each call looks at the next
     * {@code limit} pending ones, oldest first, after those the previous call looked at, and starts over from the
     * oldest once it reached the end, so that refunds no order will ever hold do not hide newer ones. An order
     * changed meanwhile is left to a later call.
     *
     * @param limit how many pending deferred refunds to look at, at least 1
     * @return how many were recorded on an order
     */
    public int applyPending(int limit) {
        int recorded = 0;
        var seen = new HashSet<ChargeId>();
        List<DeferredRefund> page;
        synchronized (this) {
            page = received.deferredRefunds(nextAfter, limit);
            nextAfter = page.size() < limit ? null : page.getLast();
        }
        for (DeferredRefund d : page) {
            if (!seen.add(d.charge())) {
                continue; // its order's refunds were all looked at with the first of its charge
            }
            try {
                Optional<Order> holder = orders.findByCharge(d.charge());
                if (holder.isEmpty()) {
                    continue;
                }
                Order order = holder.get();
                Instant now = clock.instant();
                Plan plan = plan(order, received.deferredRefunds(d.charge()), now);
                if (plan.done().isEmpty()) {
                    continue;
                }
                transactions.run(() -> write(plan, now));
                recorded += plan.steps().size();
                if (!plan.steps().isEmpty()) {
                    LOG.log(Level.INFO, "order {0}: {1} deferred refund(s) of charge {2} recorded, now {3}", order.id(),
                            plan.steps().size(), d.charge(), plan.last().status());
                }
            } catch (ConcurrentOrderUpdateException changedMeanwhile) {
                LOG.log(Level.INFO, "order of charge {0} changed meanwhile; its deferred refunds wait for the next pass",
                        d.charge());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "deferred refunds of charge {0} not recorded this pass: {1}", d.charge(), e.toString());
            }
        }
        return recorded;
    }
}
