package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;

/**
 * The provider's id of a refund, e.g. {@code re_...}; opaque to the checkout.
 *
 * @param value the id
 */
public record RefundId(String value) {
    /**
     * Validates the id.
     *
     * @throws DomainException (field {@code refundId}) if the value is null
     */
    public RefundId {
        DomainException.require(value, "refundId");
    }

    /** The id itself. */
    @Override
    public String toString() {
        return value;
    }
}
