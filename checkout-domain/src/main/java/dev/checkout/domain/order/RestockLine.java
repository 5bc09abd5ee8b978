package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.catalogue.Sku;

/** Units of one product that a refund puts back into stock. */
public record RestockLine(Sku sku, Quantity quantity) {
    public RestockLine {
        DomainException.require(sku, "sku");
        DomainException.require(quantity, "quantity");
    }
}
