package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.OrderId;

import java.time.Instant;
import java.util.Optional;

/**
 * A change of a payment that the provider reported on its own (a webhook), after its signature was checked: which
 * event it is, and what it says, in the checkout's terms. The provider may send an event more than once and in any
 * order, so {@link #id()} is what a receiver dedupes by, and every subject carries the object as it stood after the
 * change rather than the change itself.
 *
 * @param id      the provider's event id ({@code evt_...}), unique per event and the same on every redelivery
 * @param type    the provider's event type, e.g. {@code charge.succeeded}
 * @param created when the provider recorded the change
 * @param subject what the event is about; {@link Other} for types the checkout does not act on
 */
public record PaymentEvent(String id, String type, Instant created, Subject subject) {
    /**
     * Validates the event.
     *
     * @throws DomainException if a component is null or the id or type is blank
     */
    public PaymentEvent {
        DomainException.require(id, "eventId");
        DomainException.require(type, "type");
        DomainException.require(created, "created");
        DomainException.require(subject, "subject");
        if (id.isBlank() || type.isBlank()) {
            throw new DomainException("eventId", "an event needs an id and a type");
        }
    }

    /** What an event is about. */
    public sealed interface Subject permits ChargeChanged, RefundChanged, DisputeChanged, Other {
    }

    /**
     * A charge changed (it succeeded, failed, was captured or refunded); {@code outcome} is the charge as it stood
     * after the change, exactly what {@code PaymentGateway.findChargeForOrder} would have answered then.
     *
     * @param order   the order the charge was made for (the charge's metadata), empty for a charge the checkout
     *                did not tag
     * @param outcome the charge's outcome after the change
     */
    public record ChargeChanged(Optional<OrderId> order, ChargeOutcome outcome) implements Subject {
        /**
         * Validates the subject.
         *
         * @throws DomainException if a component is null
         */
        public ChargeChanged {
            DomainException.require(order, "order");
            DomainException.require(outcome, "outcome");
        }
    }

    /**
     * A refund was created or changed.
     *
     * @param refund     the provider's refund id
     * @param charge     the refunded charge
     * @param amount     the refund's amount
     * @param succeeded  whether the money went back (a pending, failed or cancelled refund did not, or not yet)
     * @param requestKey the idempotency key of the request that made the refund, empty when it was made without one
     *                   (e.g. in the provider's dashboard); tells the checkout's own refunds from others
     */
    public record RefundChanged(RefundId refund, ChargeId charge, Money amount, boolean succeeded,
                                Optional<PaymentKey> requestKey) implements Subject {
        /**
         * Validates the subject.
         *
         * @throws DomainException if a component is null
         */
        public RefundChanged {
            DomainException.require(refund, "refundId");
            DomainException.require(charge, "chargeId");
            DomainException.require(amount, "amount");
            DomainException.require(requestKey, "requestKey");
        }
    }

    /**
     * A dispute (chargeback) was opened or changed.
     *
     * @param dispute the dispute as it stands after the change
     * @param charge  the disputed charge
     */
    public record DisputeChanged(Dispute dispute, ChargeId charge) implements Subject {
        /**
         * Validates the subject.
         *
         * @throws DomainException if a component is null
         */
        public DisputeChanged {
            DomainException.require(dispute, "dispute");
            DomainException.require(charge, "chargeId");
        }
    }

    /** An event the checkout does not act on (another type, or a charge that is neither succeeded nor failed). */
    public record Other() implements Subject {
    }
}
