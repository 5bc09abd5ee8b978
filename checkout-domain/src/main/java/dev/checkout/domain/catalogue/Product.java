package dev.checkout.domain.catalogue;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.money.Money;

/**
 * A product as the merchant sells it: its own price (the only one the server trusts) and units available.
 *
 * @param sku the product's code, its identity in the catalogue
 * @param name what the buyer sees; surrounding whitespace is stripped, 1-{@value #MAX_NAME_LENGTH} characters remain
 * @param unitPrice the price of one unit, 1 to {@value #MAX_UNIT_AMOUNT} minor units of any currency
 * @param available units that can still be reserved, zero or more
 */
public record Product(Sku sku, String name, Money unitPrice, long available) {
    /** The longest name, in characters, after stripping. */
    public static final int MAX_NAME_LENGTH = 200;
    /** The largest unit price, in minor units (the 8 digits a provider takes in one charge). */
    public static final long MAX_UNIT_AMOUNT = 99_999_999L;

    /**
     * Validates the product and strips the name.
     *
     * @throws DomainException if a component is null, the name is blank or too long, the price is zero or above
     *         {@value #MAX_UNIT_AMOUNT} minor units, or {@code available} is negative; the field is named as the
     *         admin API sends it ({@code sku}, {@code name}, {@code unitAmount}, {@code available})
     */
    public Product {
        DomainException.require(sku, "sku");
        DomainException.require(unitPrice, "unitAmount");
        DomainException.require(name, "name");
        name = name.strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new DomainException("name", "name must be 1-" + MAX_NAME_LENGTH + " characters");
        }
        if (unitPrice.isZero() || unitPrice.minorUnits() > MAX_UNIT_AMOUNT) {
            throw new DomainException("unitAmount", "unitAmount must be between 1 and " + MAX_UNIT_AMOUNT + " minor units");
        }
        if (available < 0) {
            throw new DomainException("available", "available must not be negative, was " + available);
        }
    }

    /**
     * This product with another stock level.
     *
     * @param units the new number of available units, zero or more
     * @return a copy with {@code available = units}
     * @throws DomainException if {@code units} is negative
     */
    public Product withAvailable(long units) {
        return new Product(sku, name, unitPrice, units);
    }
}
