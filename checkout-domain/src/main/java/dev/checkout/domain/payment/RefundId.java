package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;

/** The provider's id of a refund, e.g. {@code re_...}. */
public record RefundId(String value) {
    public RefundId {
        DomainException.require(value, "refundId");
    }

    @Override
    public String toString() {
        return value;
    }
}
