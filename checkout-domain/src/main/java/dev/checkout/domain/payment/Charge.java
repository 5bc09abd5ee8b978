package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.money.Money;

/**
 * A successful charge as the provider reports it now: how much was taken and how much has been refunded.
 * A charge that failed is not a {@code Charge}: it took no money.
 *
 * @param id the provider's id of the charge
 * @param amount what was taken
 * @param amountRefunded how much of it has been given back so far, by any means; same currency, at most
 *                       {@code amount}
 */
public record Charge(ChargeId id, Money amount, Money amountRefunded) {
    /**
     * Validates the charge.
     *
     * @throws DomainException if a component is null, the currencies differ, or more was refunded than charged
     */
    public Charge {
        DomainException.require(id, "chargeId");
        DomainException.require(amount, "amount");
        DomainException.require(amountRefunded, "amountRefunded");
        if (amountRefunded.compareTo(amount) > 0) {
            throw new DomainException("amountRefunded", "refunded " + amountRefunded + " exceeds charged " + amount);
        }
    }

    /**
     * A charge of which nothing has been refunded: what a fresh approval reports.
     *
     * @param id the provider's id of the charge
     * @param amount what was taken
     * @return the charge, with zero refunded in {@code amount}'s currency
     */
    public static Charge unrefunded(ChargeId id, Money amount) {
        return new Charge(id, amount, Money.zero(amount.currency()));
    }

    /**
     * Whether all the money went back; the reconciler then settles the order as REFUNDED.
     *
     * @return true if the refunded amount equals the charged amount
     */
    public boolean fullyRefunded() {
        return amountRefunded.equals(amount);
    }
}
