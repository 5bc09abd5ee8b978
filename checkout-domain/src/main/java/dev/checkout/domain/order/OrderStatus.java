package dev.checkout.domain.order;

import java.util.EnumSet;
import java.util.Set;

/** Where an order stands with respect to its payment. */
public enum OrderStatus {
    /** Saved and stock reserved; the charge has not been answered yet. */
    PENDING_PAYMENT,
    /** Charged; reserved stock committed. Final. */
    PAID,
    /** The card was declined; stock released. Final. */
    DECLINED,
    /** Certainly not charged (bad token, provider refused our request or was unreachable); stock released. Final. */
    FAILED,
    /**
     * The provider asks the buyer to authenticate (3-D Secure) before it decides; stock stays reserved until the
     * order's deadline ({@code Order.pendingAuthentication()}). The buyer's confirmation settles it like a charge's
     * answer; an order still waiting after its deadline is expired by the reconciler (FAILED, stock released).
     */
    AWAITING_AUTHENTICATION,
    /** The charge may or may not have happened; stock stays reserved until the reconciler knows. */
    PAYMENT_UNKNOWN,
    /** Charged, but the order could not be completed; a refund must still be made. */
    REFUND_PENDING,
    /** Charged and refunded in full: by the checkout's compensation (stock released) or by the merchant. Final. */
    REFUNDED,
    /**
     * Paid, and the merchant has refunded part of it ({@code Order.refunded()} says how much). Final as far as the
     * payment goes. A status of its own, not PAID with an amount, because the merchant must be able to find these
     * orders by status, and because the refunded amount changes what a later refund may take; it is not REFUNDED
     * either, since money is still with the merchant.
     */
    PARTIALLY_REFUNDED;

    private static final Set<OrderStatus> FINAL = EnumSet.of(PAID, DECLINED, FAILED, REFUNDED, PARTIALLY_REFUNDED);

    /**
     * Whether the order is settled for good: no transition leaves a final status.
     *
     * @return true for PAID, DECLINED, FAILED, REFUNDED and PARTIALLY_REFUNDED
     */
    public boolean isFinal() {
        return FINAL.contains(this);
    }

    /**
     * Whether the merchant may refund (part of) an order in this status: it was paid and is not refunded in full.
     *
     * @return true for PAID and PARTIALLY_REFUNDED
     */
    public boolean acceptsRefunds() {
        return this == PAID || this == PARTIALLY_REFUNDED;
    }

    /**
     * The transitions of the payment state machine; everything else is refused. PENDING_PAYMENT, PAYMENT_UNKNOWN and
     * AWAITING_AUTHENTICATION may move to PAID, DECLINED, FAILED, REFUND_PENDING or REFUNDED; PENDING_PAYMENT also
     * to AWAITING_AUTHENTICATION, and PENDING_PAYMENT and AWAITING_AUTHENTICATION to PAYMENT_UNKNOWN;
     * REFUND_PENDING only to REFUNDED; a final status nowhere. No status may move to itself. A merchant's refund is
     * not one of these transitions: it moves PAID or PARTIALLY_REFUNDED to PARTIALLY_REFUNDED or REFUNDED through
     * {@code Order.refundSucceeded}.
     *
     * @param next the status asked for
     * @return whether an order in this status may move to {@code next}
     */
    public boolean canMoveTo(OrderStatus next) {
        return switch (this) {
            case PENDING_PAYMENT, PAYMENT_UNKNOWN, AWAITING_AUTHENTICATION ->
                    next == PAID || next == DECLINED || next == FAILED || next == REFUNDED || next == REFUND_PENDING
                            || (this != PAYMENT_UNKNOWN && next == PAYMENT_UNKNOWN)
                            || (this == PENDING_PAYMENT && next == AWAITING_AUTHENTICATION);
            case REFUND_PENDING -> next == REFUNDED;
            case PAID, DECLINED, FAILED, REFUNDED, PARTIALLY_REFUNDED -> false;
        };
    }
}
