package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.money.Money;

/** Money given back on a charge. */
public record Refund(RefundId id, ChargeId chargeId, Money amount) {
    public Refund {
        DomainException.require(id, "refundId");
        DomainException.require(chargeId, "chargeId");
        DomainException.require(amount, "amount");
    }
}
