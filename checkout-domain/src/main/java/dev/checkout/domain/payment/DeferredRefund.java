package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.money.Money;

import java.time.Instant;
import java.util.Optional;

/**
 * A succeeded refund the provider reported for a charge that no order held yet (the order's payment was still
 * PENDING_PAYMENT or PAYMENT_UNKNOWN when the event came): kept until an order holds the charge, then recorded on it
 * ({@code Order.refundedAtProvider}) by whichever settles the order or finds it later.
 *
 * @param refund     the provider's refund id; a refund is deferred once, whatever events tell of it
 * @param charge     the refunded charge
 * @param amount     the refund's amount
 * @param requestKey the idempotency key of the request that made the refund, empty when it was made without one
 * @param eventId    the id of the first event that told of it, for the operator
 * @param receivedAt when that event was received; the retention of received events counts from it
 */
public record DeferredRefund(RefundId refund, ChargeId charge, Money amount, Optional<PaymentKey> requestKey,
                             String eventId, Instant receivedAt) {
    /**
     * Validates the refund.
     *
     * @throws DomainException if a component is null or the event id blank
     */
    public DeferredRefund {
        DomainException.require(refund, "refundId");
        DomainException.require(charge, "chargeId");
        DomainException.require(amount, "amount");
        DomainException.require(requestKey, "requestKey");
        DomainException.require(eventId, "eventId");
        DomainException.require(receivedAt, "receivedAt");
        if (eventId.isBlank()) {
            throw new DomainException("eventId", "a deferred refund names the event that told of it");
        }
    }
}
