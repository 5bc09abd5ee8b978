package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.order.OrderId;

/**
 * The idempotency key sent to the provider. Derived from our own order id, so that every retry of ours
 * (after a timeout, a crash, a restart) reaches the provider as the same request and cannot charge twice.
 *
 * @param value the key as sent; providers limit its length (Stripe: 255 characters)
 */
public record PaymentKey(String value) {
    /**
     * Validates the key.
     *
     * @throws DomainException (field {@code idempotencyKey}) if the value is null
     */
    public PaymentKey {
        DomainException.require(value, "idempotencyKey");
    }

    /**
     * The key of an order's charge.
     *
     * @param orderId the order
     * @return {@code order-<orderId>}
     */
    public static PaymentKey forCharge(OrderId orderId) {
        return new PaymentKey("order-" + orderId.value());
    }

    /**
     * The key of the confirmation that finishes an order's payment after the buyer authenticated: every attempt at
     * it (a double click, a retry after a timeout) is one request to the provider, so the payment is confirmed once.
     *
     * @param orderId the order
     * @return {@code confirm-<orderId>}
     */
    public static PaymentKey forConfirmation(OrderId orderId) {
        return new PaymentKey("confirm-" + orderId.value());
    }

    /**
     * The key of the refund of an order's charge; one per order, so the order is refunded once, in full.
     *
     * @param orderId the order
     * @return {@code refund-<orderId>}
     */
    public static PaymentKey forRefund(OrderId orderId) {
        return new PaymentKey("refund-" + orderId.value());
    }

    /**
     * The key of the merchant's {@code sequence}th refund of an order: every attempt at that refund (a retry, the
     * reconciler's) is the same request to the provider, and two refunds of one order never share a key. Distinct from
     * {@link #forRefund(OrderId)}, the checkout's own compensation of a charge it could not record.
     *
     * @param orderId  the order
     * @param sequence the refund's place among the order's refunds, from 1
     * @return {@code refund-<orderId>-<sequence>}
     */
    public static PaymentKey forRefund(OrderId orderId, int sequence) {
        return new PaymentKey("refund-" + orderId.value() + "-" + sequence);
    }

    /** The key itself: derived from the order id, not a secret. */
    @Override
    public String toString() {
        return value;
    }
}
