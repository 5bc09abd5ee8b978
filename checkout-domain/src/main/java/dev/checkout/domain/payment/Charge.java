package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.money.Money;

/** A successful charge as the provider reports it now: how much was taken and how much has been refunded. */
public record Charge(ChargeId id, Money amount, Money amountRefunded) {
    public Charge {
        DomainException.require(id, "chargeId");
        DomainException.require(amount, "amount");
        DomainException.require(amountRefunded, "amountRefunded");
        if (amountRefunded.compareTo(amount) > 0) {
            throw new DomainException("amountRefunded", "refunded " + amountRefunded + " exceeds charged " + amount);
        }
    }

    public static Charge unrefunded(ChargeId id, Money amount) {
        return new Charge(id, amount, Money.zero(amount.currency()));
    }

    public boolean fullyRefunded() {
        return amountRefunded.equals(amount);
    }
}
