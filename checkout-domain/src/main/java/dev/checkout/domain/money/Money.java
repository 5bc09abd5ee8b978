package dev.checkout.domain.money;

import dev.checkout.domain.DomainException;

import java.math.BigDecimal;

/**
 * A non-negative amount in minor units ({@code 25_00} is 25.00 USD, {@code 2500} is 2500 JPY) of one currency.
 * Arithmetic refuses to mix currencies and to overflow. Two amounts are equal only in the same currency.
 *
 * @param minorUnits the amount in the currency's minor unit ({@link CurrencyCode#minorUnitDigits()}), zero or more
 * @param currency the currency
 */
public record Money(long minorUnits, CurrencyCode currency) implements Comparable<Money> {

    /**
     * Validates the amount.
     *
     * @throws DomainException if {@code currency} is null (field {@code currency}) or {@code minorUnits} is
     *         negative (field {@code amount})
     */
    public Money {
        DomainException.require(currency, "currency");
        if (minorUnits < 0) {
            throw new DomainException("amount", "amount must not be negative, was " + minorUnits);
        }
    }

    /**
     * An amount in minor units.
     *
     * @param minorUnits the amount in minor units, zero or more ({@code 1250} is 12.50 USD)
     * @param currency the currency
     * @return the amount
     * @throws DomainException if the currency is null or the amount negative
     */
    public static Money of(long minorUnits, CurrencyCode currency) {
        return new Money(minorUnits, currency);
    }

    /**
     * An amount in minor units of the currency with this ISO code.
     *
     * @param minorUnits the amount in minor units, zero or more
     * @param currency a three-letter ISO 4217 code in any case, e.g. {@code "usd"}
     * @return the amount
     * @throws DomainException if the code is not ISO 4217 or the amount negative
     */
    public static Money of(long minorUnits, String currency) {
        return new Money(minorUnits, CurrencyCode.of(currency));
    }

    /**
     * Nothing, in a currency: the start of a sum.
     *
     * @param currency the currency
     * @return zero minor units of {@code currency}
     * @throws DomainException if the currency is null
     */
    public static Money zero(CurrencyCode currency) {
        return new Money(0, currency);
    }

    /**
     * The sum of two amounts.
     *
     * @param other an amount in the same currency
     * @return this plus {@code other}
     * @throws DomainException if {@code other} is null or in another currency (field {@code currency}), or the sum
     *         exceeds {@code Long.MAX_VALUE} minor units (field {@code amount})
     */
    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(exact(() -> Math.addExact(minorUnits, other.minorUnits)), currency);
    }

    /**
     * The difference of two amounts, which cannot go below zero.
     *
     * @param other an amount in the same currency, at most this one
     * @return this minus {@code other}
     * @throws DomainException if {@code other} is null, in another currency, or larger than this amount
     */
    public Money minus(Money other) {
        requireSameCurrency(other);
        if (other.minorUnits > minorUnits) {
            throw new DomainException("amount", "cannot subtract " + other + " from " + this);
        }
        return new Money(minorUnits - other.minorUnits, currency);
    }

    /**
     * This amount multiplied, e.g. a unit price by a quantity.
     *
     * @param factor zero or more
     * @return this amount times {@code factor}, in the same currency
     * @throws DomainException if {@code factor} is negative (field {@code quantity}) or the product exceeds
     *         {@code Long.MAX_VALUE} minor units (field {@code amount})
     */
    public Money times(long factor) {
        if (factor < 0) {
            throw new DomainException("quantity", "factor must not be negative, was " + factor);
        }
        return new Money(exact(() -> Math.multiplyExact(minorUnits, factor)), currency);
    }

    /**
     * Whether the amount is nothing.
     *
     * @return true for zero minor units
     */
    public boolean isZero() {
        return minorUnits == 0;
    }

    /**
     * Whether two amounts can be added or compared.
     *
     * @param other another amount, not null
     * @return true if both are in the same currency
     */
    public boolean sameCurrencyAs(Money other) {
        return currency.equals(other.currency);
    }

    /**
     * The amount in major units, for display.
     *
     * @return e.g. {@code 12.50} for 1250 minor units of USD, {@code 1250} for 1250 of JPY, {@code 1.250} for 1250
     *         of KWD; the scale is the currency's {@link CurrencyCode#minorUnitDigits()}
     */
    public BigDecimal toMajorUnits() {
        return BigDecimal.valueOf(minorUnits, currency.minorUnitDigits());
    }

    /**
     * Compares amounts of one currency.
     *
     * @throws DomainException if {@code other} is null or in another currency: amounts in different currencies
     *         have no order
     */
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

    /** The amount in major units and the currency, e.g. {@code 12.50 USD}. */
    @Override
    public String toString() {
        return toMajorUnits().toPlainString() + " " + currency;
    }
}
