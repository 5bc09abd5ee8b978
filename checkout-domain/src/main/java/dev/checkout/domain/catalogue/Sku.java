package dev.checkout.domain.catalogue;

import dev.checkout.domain.DomainException;

import java.util.regex.Pattern;

/** A stock-keeping unit: the merchant's own product code, 1-64 of {@code A-Z a-z 0-9 . _ -}. */
public record Sku(String value) implements Comparable<Sku> {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public Sku {
        DomainException.require(value, "sku");
        if (!SHAPE.matcher(value).matches()) {
            throw new DomainException("sku",
                    "sku must be 1-64 characters of letters, digits, '.', '_' or '-'");
        }
    }

    public static Sku of(String value) {
        return new Sku(value);
    }

    @Override
    public int compareTo(Sku other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
