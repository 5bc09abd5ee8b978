package dev.checkout.application.admin;

import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderRefund;
import dev.checkout.domain.order.RefundRefusedException;
import dev.checkout.domain.payment.PaymentFailure;

/** What became of a refund request; each variant is one answer to the merchant. */
public sealed interface RefundResult {

    /**
     * The provider refunded; the order shows it and the restocked units are back in stock.
     *
     * @param order  the order as it is now
     * @param refund the refund, SUCCEEDED
     */
    record Refunded(Order order, OrderRefund refund) implements RefundResult {}

    /**
     * The provider's answer was lost (timeout, lost connection, a 5xx), or could not be recorded: the money is held
     * for this refund, and the reconciler finishes it with the same idempotency key.
     *
     * @param order  the order as it is now
     * @param refund the refund, PENDING
     */
    record Pending(Order order, OrderRefund refund) implements RefundResult {}

    /**
     * The provider certainly did not refund; the order is as it was, and the refund is kept as FAILED.
     *
     * @param order   the order as it is now
     * @param refund  the refund, FAILED
     * @param failure what the provider said
     */
    record NotRefunded(Order order, OrderRefund refund, PaymentFailure failure) implements RefundResult {}

    /**
     * The order's rules refuse the request (not paid, more than paid, more units than sold); nothing changed.
     *
     * @param orderId the order
     * @param reason  the rule that refused
     * @param field   the input at fault
     * @param message what was refused and what would be accepted
     */
    record Refused(OrderId orderId, RefundRefusedException.Reason reason, String field, String message) implements RefundResult {}

    /**
     * A value the model refuses; nothing changed.
     *
     * @param orderId the order
     * @param field   the input at fault
     * @param message what to send instead
     */
    record Invalid(OrderId orderId, String field, String message) implements RefundResult {}

    /**
     * No such order; nothing changed.
     *
     * @param orderId the id asked for
     */
    record OrderNotFound(OrderId orderId) implements RefundResult {}

    /**
     * Other requests kept changing the order while this one tried to record itself; nothing changed, try again.
     *
     * @param orderId the order
     */
    record Busy(OrderId orderId) implements RefundResult {}
}
