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
    /** The charge may or may not have happened; stock stays reserved until the reconciler knows. */
    PAYMENT_UNKNOWN,
    /** Charged, but the order could not be completed; a refund must still be made. */
    REFUND_PENDING,
    /** Charged and refunded in full; stock released. Final. */
    REFUNDED;

    private static final Set<OrderStatus> FINAL = EnumSet.of(PAID, DECLINED, FAILED, REFUNDED);

    /**
     * Whether the order is settled for good: no transition leaves a final status.
     *
     * @return true for PAID, DECLINED, FAILED and REFUNDED
     */
    public boolean isFinal() {
        return FINAL.contains(this);
    }

    /**
     * The transitions the state machine allows; everything else is refused. PENDING_PAYMENT and PAYMENT_UNKNOWN
     * may move to PAID, DECLINED, FAILED, REFUND_PENDING or REFUNDED, and PENDING_PAYMENT also to PAYMENT_UNKNOWN;
     * REFUND_PENDING only to REFUNDED; a final status nowhere. No status may move to itself.
     *
     * @param next the status asked for
     * @return whether an order in this status may move to {@code next}
     */
    public boolean canMoveTo(OrderStatus next) {
        return switch (this) {
            case PENDING_PAYMENT, PAYMENT_UNKNOWN ->
                    next == PAID || next == DECLINED || next == FAILED || next == REFUNDED || next == REFUND_PENDING
                            || (this == PENDING_PAYMENT && next == PAYMENT_UNKNOWN);
            case REFUND_PENDING -> next == REFUNDED;
            case PAID, DECLINED, FAILED, REFUNDED -> false;
        };
    }
}
