package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;

/**
 * The provider's reference of a payment attempt that is not finished yet because the buyer must authenticate first
 * (Stripe: the PaymentIntent's {@code pi_...}). Opaque to the checkout; the gateway that issued it is the only one
 * that can finish or cancel the attempt.
 *
 * @param value 1-255 characters, not blank
 */
public record PaymentAttemptId(String value) {
    /**
     * Validates the reference.
     *
     * @throws DomainException (field {@code paymentAttempt}) if the value is null, blank or longer than 255 characters
     */
    public PaymentAttemptId {
        DomainException.require(value, "paymentAttempt");
        if (value.isBlank() || value.length() > 255) {
            throw new DomainException("paymentAttempt", "a payment attempt's reference must be 1-255 characters");
        }
    }

    /** The reference itself: an id, not a secret. */
    @Override
    public String toString() {
        return value;
    }
}
