package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;

/** How many units of one product a line asks for: 1 to {@value #MAX}. */
public record Quantity(int value) {
    /** A single line may not ask for more; bulk orders go through another channel. */
    public static final int MAX = 1_000;

    public Quantity {
        if (value < 1 || value > MAX) {
            throw new DomainException("quantity", "quantity must be between 1 and " + MAX + ", was " + value);
        }
    }

    public static Quantity of(int value) {
        return new Quantity(value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
