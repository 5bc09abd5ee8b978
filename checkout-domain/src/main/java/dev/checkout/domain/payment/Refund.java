package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.money.Money;

/**
 * Money given back on a charge, as the provider reports it.
 *
 * @param id the provider's id of the refund
 * @param chargeId the charge it refunds
 * @param amount how much went back
 */
public record Refund(RefundId id, ChargeId chargeId, Money amount) {
    /**
     * Validates the refund.
     *
     * @throws DomainException if a component is null
     */
    public Refund {
        DomainException.require(id, "refundId");
        DomainException.require(chargeId, "chargeId");
        DomainException.require(amount, "amount");
    }
}
