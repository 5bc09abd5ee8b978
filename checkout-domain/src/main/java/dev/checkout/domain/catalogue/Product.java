package dev.checkout.domain.catalogue;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.money.Money;

/** A product as the merchant sells it: its own price (the only one the server trusts) and units available. */
public record Product(Sku sku, String name, Money unitPrice, long available) {
    public static final int MAX_NAME_LENGTH = 200;
    /** The largest unit price, in minor units (the 8 digits a provider takes in one charge). */
    public static final long MAX_UNIT_AMOUNT = 99_999_999L;

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

    public Product withAvailable(long units) {
        return new Product(sku, name, unitPrice, units);
    }
}
