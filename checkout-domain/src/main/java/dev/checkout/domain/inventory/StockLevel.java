package dev.checkout.domain.inventory;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.catalogue.Sku;

/**
 * Units of a product that can still be reserved.
 *
 * @param sku the product
 * @param available units not held by any reservation, zero or more
 */
public record StockLevel(Sku sku, long available) {
    /**
     * Validates the level.
     *
     * @throws DomainException if {@code sku} is null or {@code available} is negative
     */
    public StockLevel {
        DomainException.require(sku, "sku");
        if (available < 0) {
            throw new DomainException("available", "available must not be negative, was " + available);
        }
    }
}
