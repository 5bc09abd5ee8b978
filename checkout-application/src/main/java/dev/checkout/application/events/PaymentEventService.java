package dev.checkout.application.events;

import dev.checkout.application.TransactionRunner;
import dev.checkout.application.reconcile.ChargeSettlement;
import dev.checkout.application.reconcile.DeferredRefunds;
import dev.checkout.domain.DomainException;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.payment.PaymentEvent;
import dev.checkout.domain.payment.PaymentEvent.ChargeChanged;
import dev.checkout.domain.payment.PaymentEvent.DisputeChanged;
import dev.checkout.domain.payment.PaymentEvent.Other;
import dev.checkout.domain.payment.PaymentEvent.RefundChanged;
import dev.checkout.domain.payment.DeferredRefund;
import dev.checkout.domain.port.ConcurrentOrderUpdateException;
import dev.checkout.domain.port.Inventory;
import dev.checkout.domain.port.Orders;
import dev.checkout.domain.port.PaymentEventRejectedException;
import dev.checkout.domain.port.PaymentEvents;
import dev.checkout.domain.port.ReceivedEvents;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Receives the provider's events (webhooks): verifies each ({@link PaymentEvents}), applies it at most once
 * ({@link ReceivedEvents}, by event id, in the same transaction as the change it causes), and answers at once: no
 * provider call is made here.
 *
 * <p>What an event does:
 * <ul>
 *   <li>A charge event for an order still PENDING_PAYMENT or PAYMENT_UNKNOWN settles it by the reconciler's rules
 *       ({@link ChargeSettlement}: PAID and sold, REFUNDED, DECLINED, stock released), from the charge as the event
 *       carries it. An order settled already is left alone: the event carries the charge after the change, so
 *       whichever of purchase, reconciler and event settles first decides alike.</li>
 *   <li>A succeeded refund that the checkout did not make (from the provider's dashboard, say) is recorded on its
 *       PAID or PARTIALLY_REFUNDED order ({@link Order#refundedAtProvider}): the order becomes REFUNDED or
 *       PARTIALLY_REFUNDED with the amount, and no stock goes back. A refund the order already holds (by the
 *       provider's refund id), or one made with one of the checkout's own idempotency keys ({@code refund-<order>},
 *       {@code refund-<order>-<n>}), is counted by the refund's own path and is a duplicate here. A succeeded refund
 *       of a charge that no order holds yet (its order's payment is still PENDING_PAYMENT or PAYMENT_UNKNOWN, and the
 *       refund was made at the provider meanwhile) is kept as a {@linkplain DeferredRefund deferred refund}
 *       ({@link Result#DEFERRED}), and recorded on the order once it holds the charge: by the settlement that gives it
 *       the charge, or by the reconciler's next pass ({@link DeferredRefunds}). Another event of a refund deferred
 *       already is a duplicate.</li>
 *   <li>A dispute is recorded on the order of its charge ({@link Order#disputed}); an older report never replaces a
 *       newer one.</li>
 *   <li>Anything else, a dispute of a charge no order holds, or an order not found: acknowledged and logged.</li>
 * </ul>
 * An order changed by someone else between reading it and writing the event's change is read again and the event
 * decided again, a few times; after that the call fails without recording the event, and the provider's redelivery
 * tries again. The reconciler remains the safety net for events that never arrive.
 */
public final class PaymentEventService implements ReceivePaymentEvents {
    private static final System.Logger LOG = System.getLogger(PaymentEventService.class.getName());
    /** Reads and decisions per event before giving up to a redelivery. */
    private static final int ATTEMPTS = 3;

    private final PaymentEvents events;
    private final ReceivedEvents received;
    private final Orders orders;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final ChargeSettlement settlement;

    /**
     * Wires the use case to its ports; the stores must take part in {@code transactions} as they do for the purchase.
     *
     * @param events       verifies and reads a delivery
     * @param received     the events already applied
     * @param orders       the orders the events are about; must find orders by charge ({@link Orders#findByCharge})
     * @param inventory    the stock a settlement commits or releases
     * @param transactions the transactions the changes and the event's record commit in
     * @param clock        the time of every change
     * @throws NullPointerException if an argument is null
     */
    public PaymentEventService(PaymentEvents events, ReceivedEvents received, Orders orders, Inventory inventory,
                               TransactionRunner transactions, Clock clock) {
        this.events = Objects.requireNonNull(events, "events");
        this.received = Objects.requireNonNull(received, "received");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settlement = new ChargeSettlement(orders, Objects.requireNonNull(inventory, "inventory"), transactions, clock,
                new DeferredRefunds(orders, received, transactions, clock));
    }

    @Override
    public Receipt receive(byte[] payload, String signatureHeader) {
        PaymentEvent event;
        try {
            event = events.verify(Objects.requireNonNull(payload, "payload"), signatureHeader);
        } catch (PaymentEventRejectedException rejected) {
            LOG.log(Level.WARNING, "provider event rejected: {0}", rejected.getMessage());
            return new Receipt(null, null, Result.REJECTED, rejected.getMessage());
        }
        if (received.contains(event.id())) {
            return receipt(event, Result.DUPLICATE, "received before");
        }
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                Receipt done = apply(event);
                Level level = done.result() == Result.IGNORED || done.result() == Result.DEFERRED ? Level.INFO : Level.DEBUG;
                LOG.log(level, "provider event {0} ({1}): {2}, {3}", event.id(), event.type(), done.result(), done.detail());
                return done;
            } catch (ConcurrentOrderUpdateException changedMeanwhile) {
                last = changedMeanwhile; // read the order again and decide again
            } catch (RuntimeException failed) {
                if (received.contains(event.id())) {
                    // another delivery of the same event, at this instance or another, recorded it first
                    return receipt(event, Result.DUPLICATE, "received concurrently");
                }
                throw failed;
            }
        }
        throw last;
    }

    private Receipt apply(PaymentEvent event) {
        return switch (event.subject()) {
            case ChargeChanged charge -> charge(event, charge);
            case RefundChanged refund -> refund(event, refund);
            case DisputeChanged dispute -> dispute(event, dispute);
            case Other other -> ignore(event, "not an event this checkout acts on");
        };
    }

    private Receipt charge(PaymentEvent event, ChargeChanged charge) {
        if (charge.order().isEmpty()) {
            return ignore(event, "the charge names no order of this checkout");
        }
        Optional<Order> found = orders.find(charge.order().get());
        if (found.isEmpty()) {
            return ignore(event, "no order " + charge.order().get());
        }
        Order order = found.get();
        if (order.status() != OrderStatus.PENDING_PAYMENT && order.status() != OrderStatus.PAYMENT_UNKNOWN) {
            return ignore(event, "order " + order.id() + " is " + order.status() + " already");
        }
        ChargeSettlement.Settled settled = settlement.settle(order, Optional.of(charge.outcome()), () -> record(event));
        return receipt(event, Result.APPLIED, "order " + order.id() + " settled as " + settled.status()
                + (settled.deferredRefunds() == 0 ? "" : ", " + settled.deferredRefunds() + " deferred refund(s) recorded")
                + (settled.unexplainedMinorUnits() == 0 ? "" : ", " + settled.unexplainedMinorUnits()
                        + " refunded at the provider not known to the checkout"));
    }

    private Receipt refund(PaymentEvent event, RefundChanged refund) {
        if (!refund.succeeded()) {
            return ignore(event, "refund " + refund.refund() + " has not succeeded");
        }
        Optional<Order> found = orders.findByCharge(refund.charge());
        if (found.isEmpty()) {
            return defer(event, refund);
        }
        Order order = found.get();
        if (order.holdsRefund(refund.refund()) || DeferredRefunds.isOwnKey(order, refund.requestKey())) {
            recordAlone(event);
            return receipt(event, Result.DUPLICATE, "refund " + refund.refund() + " of order " + order.id()
                    + " is the checkout's own, recorded by its refund");
        }
        if (!order.status().acceptsRefunds()) {
            return ignore(event, "order " + order.id() + " is " + order.status() + "; the reconciler settles its refunds");
        }
        Order refunded;
        try {
            refunded = order.refundedAtProvider(refund.refund(), refund.amount(), clock.instant());
        } catch (DomainException doesNotFit) { // RefundRefusedException included
            LOG.log(Level.WARNING, "provider event {0}: refund {1} does not fit order {2}: {3}", event.id(),
                    refund.refund(), order.id(), doesNotFit.getMessage());
            return ignore(event, "refund " + refund.refund() + " does not fit order " + order.id());
        }
        transactions.run(() -> {
            orders.update(refunded);
            // deferred by an earlier event of this refund and not recorded since: it is now
            received.deferredRefundDone(refund.refund(), clock.instant());
            record(event);
        });
        return receipt(event, Result.APPLIED, "order " + order.id() + " is " + refunded.status() + " after refund "
                + refund.refund() + " of " + refund.amount().minorUnits());
    }

    /**
     * Keeps a succeeded refund of a charge no order holds yet, with the event, in one transaction; a refund kept
     * already (another event of it) is a duplicate. If an order came to hold the charge in between, the reconciler's
     * next pass records the refund on it.
     */
    private Receipt defer(PaymentEvent event, RefundChanged refund) {
        var kept = new DeferredRefund(refund.refund(), refund.charge(), refund.amount(), refund.requestKey(), event.id(),
                clock.instant());
        boolean isNew = transactions.call(() -> {
            boolean added = received.defer(kept);
            record(event);
            return added;
        });
        if (!isNew) {
            return receipt(event, Result.DUPLICATE, "refund " + refund.refund() + " of charge " + refund.charge()
                    + " is deferred already");
        }
        return receipt(event, Result.DEFERRED, "no order holds charge " + refund.charge() + " yet; refund "
                + refund.refund() + " of " + refund.amount().minorUnits() + " is kept for the order that will");
    }

    private Receipt dispute(PaymentEvent event, DisputeChanged dispute) {
        Optional<Order> found = orders.findByCharge(dispute.charge());
        if (found.isEmpty()) {
            return ignore(event, "no order holds charge " + dispute.charge());
        }
        Order order = found.get();
        Order disputed = order.disputed(dispute.dispute(), clock.instant());
        if (disputed == order) {
            return ignore(event, "order " + order.id() + " holds a newer state of dispute " + dispute.dispute().id());
        }
        transactions.run(() -> {
            orders.update(disputed);
            record(event);
        });
        return receipt(event, Result.APPLIED, "order " + order.id() + " has dispute " + dispute.dispute().id() + " "
                + dispute.dispute().status() + " (" + dispute.dispute().reason() + ")");
    }

    /** An event with nothing to do is recorded all the same, so that its redeliveries count as duplicates. */
    private Receipt ignore(PaymentEvent event, String why) {
        recordAlone(event);
        return receipt(event, Result.IGNORED, why);
    }

    private void recordAlone(PaymentEvent event) {
        transactions.run(() -> record(event));
    }

    private void record(PaymentEvent event) {
        if (!received.record(event.id(), event.type(), clock.instant())) {
            // recorded by another delivery since the look at the start: roll this one back
            throw new AlreadyReceived(event.id());
        }
    }

    /** Rolls back the changes of a delivery whose event another delivery recorded first. */
    private static final class AlreadyReceived extends RuntimeException {
        AlreadyReceived(String eventId) {
            super("event " + eventId + " was recorded by another delivery", null, false, false);
        }
    }

    private static Receipt receipt(PaymentEvent event, Result result, String detail) {
        return new Receipt(event.id(), event.type(), result, detail);
    }
}
