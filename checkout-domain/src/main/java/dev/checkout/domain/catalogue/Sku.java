package dev.checkout.domain.catalogue;

import dev.checkout.domain.DomainException;

import java.util.regex.Pattern;

/**
 * A stock-keeping unit: the merchant's own product code, 1-64 of {@code A-Z a-z 0-9 . _ -}, case-sensitive.
 * SKUs sort by their characters ({@link String#compareTo}), which is the order {@code Catalogue.list} promises
 * and the order stores take stock rows in.
 *
 * @param value the code, as given (not trimmed or case-folded)
 */
public record Sku(String value) implements Comparable<Sku> {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * Validates the code.
     *
     * @throws DomainException (field {@code sku}) if the value is null or not 1-64 of the allowed characters
     */
    public Sku {
        DomainException.require(value, "sku");
        if (!SHAPE.matcher(value).matches()) {
            throw new DomainException("sku",
                    "sku must be 1-64 characters of letters, digits, '.', '_' or '-'");
        }
    }

    /**
     * The SKU with this code.
     *
     * @param value the code
     * @return the SKU
     * @throws DomainException (field {@code sku}) if the value is null or not 1-64 of the allowed characters
     */
    public static Sku of(String value) {
        return new Sku(value);
    }

    /** Orders by the code's characters (UTF-16 code units; the allowed characters are all ASCII). */
    @Override
    public int compareTo(Sku other) {
        return value.compareTo(other.value);
    }

    /** The code itself, for messages and logs. */
    @Override
    public String toString() {
        return value;
    }
}
