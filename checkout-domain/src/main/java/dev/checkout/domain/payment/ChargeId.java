package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;

/** The provider's id of a charge, e.g. {@code ch_...}. */
public record ChargeId(String value) {
    public ChargeId {
        DomainException.require(value, "chargeId");
        if (value.isBlank() || value.length() > 255) {
            throw new DomainException("chargeId", "chargeId must be 1-255 characters");
        }
    }

    public static ChargeId of(String value) {
        return new ChargeId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
