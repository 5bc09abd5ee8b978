package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.catalogue.Sku;

/**
 * Units of one product that a refund puts back into stock.
 *
 * @param sku      the product
 * @param quantity how many units
 */
public record RestockLine(Sku sku, Quantity quantity) {
    /**
     * Checks that both parts are there.
     *
     * @throws DomainException if one is null
     */
    public RestockLine {
        DomainException.require(sku, "sku");
        DomainException.require(quantity, "quantity");
    }
}
