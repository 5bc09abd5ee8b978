package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;

/**
 * The order cannot take this refund as asked. {@link #reason()} says which rule refused it; the message names the
 * amounts or units and says what would be accepted.
 */
public class RefundRefusedException extends DomainException {

    /** The rule that refused the refund. */
    public enum Reason {
        /** The order was never paid (or is refunded in full already): there is nothing to give back. */
        NOT_REFUNDABLE,
        /** Refunds would add up to more than the amount paid. */
        EXCEEDS_PAID,
        /** More units would go back to stock than the order sold (counting earlier refunds). */
        EXCEEDS_SOLD,
        /** A restock names a product the order does not have. */
        NOT_IN_ORDER,
        /**
         * One of the order's refunds was asked for with this request's Idempotency-Key already: the request is a
         * retry of that one (or, if it asks for something else, a mistake), never a new refund.
         */
        REQUEST_KEY_USED
    }

    /** The rule that refused the refund. */
    private final Reason reason;

    /**
     * A refusal.
     *
     * @param reason  the rule that refused
     * @param field   the input at fault, e.g. {@code amount} or {@code restock[0].quantity}
     * @param message what was refused and what would be accepted
     */
    public RefundRefusedException(Reason reason, String field, String message) {
        super(field, message);
        this.reason = reason;
    }

    /**
     * The rule that refused the refund.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
