package dev.checkout.domain.money;

import dev.checkout.domain.DomainException;

import java.math.BigDecimal;

/**
 * A non-negative amount in minor units ({@code 25_00} is 25.00 USD, {@code 2500} is 2500 JPY) of one currency.
 * Arithmetic refuses to mix currencies and to overflow.
 */
public record Money(long minorUnits, CurrencyCode currency) implements Comparable<Money> {

    public Money {
        DomainException.require(currency, "currency");
        if (minorUnits < 0) {
            throw new DomainException("amount", "amount must not be negative, was " + minorUnits);
        }
    }

    public static Money of(long minorUnits, CurrencyCode currency) {
        return new Money(minorUnits, currency);
    }

    public static Money of(long minorUnits, String currency) {
        return new Money(minorUnits, CurrencyCode.of(currency));
    }

    public static Money zero(CurrencyCode currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(exact(() -> Math.addExact(minorUnits, other.minorUnits)), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        if (other.minorUnits > minorUnits) {
            throw new DomainException("amount", "cannot subtract " + other + " from " + this);
        }
        return new Money(minorUnits - other.minorUnits, currency);
    }

    public Money times(long factor) {
        if (factor < 0) {
            throw new DomainException("quantity", "factor must not be negative, was " + factor);
        }
        return new Money(exact(() -> Math.multiplyExact(minorUnits, factor)), currency);
    }

    public boolean isZero() {
        return minorUnits == 0;
    }

    public boolean sameCurrencyAs(Money other) {
        return currency.equals(other.currency);
    }

    /** The amount in major units, e.g. {@code 12.50} for 1250 USD or {@code 1250} for 1250 JPY. */
    public BigDecimal toMajorUnits() {
        return BigDecimal.valueOf(minorUnits, currency.minorUnitDigits());
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minorUnits, other.minorUnits);
    }

    private void requireSameCurrency(Money other) {
        DomainException.require(other, "amount");
        if (!currency.equals(other.currency)) {
            throw new DomainException("currency",
                    "cannot combine " + currency + " and " + other.currency + "; an order has one currency");
        }
    }

    private static long exact(java.util.function.LongSupplier op) {
        try {
            return op.getAsLong();
        } catch (ArithmeticException e) {
            throw new DomainException("amount", "amount is too large");
        }
    }

    @Override
    public String toString() {
        return toMajorUnits().toPlainString() + " " + currency;
    }
}
