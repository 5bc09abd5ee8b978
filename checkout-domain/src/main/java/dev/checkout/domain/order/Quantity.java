package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;

/**
 * How many units of one product a line asks for: 1 to {@value #MAX}.
 *
 * @param value the number of units, 1 to {@value #MAX}
 */
public record Quantity(int value) {
    /** A single line may not ask for more; bulk orders go through another channel. */
    public static final int MAX = 1_000;

    /**
     * Validates the quantity.
     *
     * @throws DomainException (field {@code quantity}) if the value is below 1 or above {@value #MAX}
     */
    public Quantity {
        if (value < 1 || value > MAX) {
            throw new DomainException("quantity", "quantity must be between 1 and " + MAX + ", was " + value);
        }
    }

    /**
     * The quantity with this value.
     *
     * @param value the number of units, 1 to {@value #MAX}
     * @return the quantity
     * @throws DomainException (field {@code quantity}) if the value is out of range
     */
    public static Quantity of(int value) {
        return new Quantity(value);
    }

    /** The number, e.g. {@code 3}. */
    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
