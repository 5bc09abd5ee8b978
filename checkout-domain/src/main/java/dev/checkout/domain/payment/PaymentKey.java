package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.order.OrderId;

/**
 * The idempotency key sent to the provider. Derived from our own order id, so that every retry of ours
 * (after a timeout, a crash, a restart) reaches the provider as the same request and cannot charge twice.
 */
public record PaymentKey(String value) {
    public PaymentKey {
        DomainException.require(value, "idempotencyKey");
    }

    public static PaymentKey forCharge(OrderId orderId) {
        return new PaymentKey("order-" + orderId.value());
    }

    public static PaymentKey forRefund(OrderId orderId) {
        return new PaymentKey("refund-" + orderId.value());
    }

    /**
     * The key of the merchant's {@code sequence}th refund of an order: every attempt at that refund (a retry, the
     * reconciler's) is the same request to the provider, and two refunds of one order never share a key. Distinct from
     * {@link #forRefund(OrderId)}, the checkout's own compensation of a charge it could not record.
     */
    public static PaymentKey forRefund(OrderId orderId, int sequence) {
        return new PaymentKey("refund-" + orderId.value() + "-" + sequence);
    }

    @Override
    public String toString() {
        return value;
    }
}
