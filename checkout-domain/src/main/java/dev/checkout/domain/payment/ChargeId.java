package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;

/**
 * The provider's id of a charge, e.g. {@code ch_...}; opaque to the checkout.
 *
 * @param value 1-255 characters, not blank
 */
public record ChargeId(String value) {
    /**
     * Validates the id.
     *
     * @throws DomainException (field {@code chargeId}) if the value is null, blank or longer than 255 characters
     */
    public ChargeId {
        DomainException.require(value, "chargeId");
        if (value.isBlank() || value.length() > 255) {
            throw new DomainException("chargeId", "chargeId must be 1-255 characters");
        }
    }

    /**
     * The id with this value.
     *
     * @param value the provider's id
     * @return the id
     * @throws DomainException (field {@code chargeId}) if the value is null, blank or too long
     */
    public static ChargeId of(String value) {
        return new ChargeId(value);
    }

    /** The id itself. */
    @Override
    public String toString() {
        return value;
    }
}
