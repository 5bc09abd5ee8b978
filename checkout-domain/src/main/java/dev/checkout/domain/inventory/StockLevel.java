package dev.checkout.domain.inventory;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.catalogue.Sku;

/** Units of a product that can still be reserved. */
public record StockLevel(Sku sku, long available) {
    public StockLevel {
        DomainException.require(sku, "sku");
        if (available < 0) {
            throw new DomainException("available", "available must not be negative, was " + available);
        }
    }
}
