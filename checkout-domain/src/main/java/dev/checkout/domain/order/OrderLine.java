package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;

/**
 * One priced line of an order: the unit price is the catalogue's at the time the order was placed, and stays so
 * when the catalogue changes later.
 *
 * @param sku the product
 * @param quantity how many units
 * @param unitPrice the price of one unit when the order was placed
 */
public record OrderLine(Sku sku, Quantity quantity, Money unitPrice) {
    /**
     * Validates the line.
     *
     * @throws DomainException if a component is null
     */
    public OrderLine {
        DomainException.require(sku, "sku");
        DomainException.require(quantity, "quantity");
        DomainException.require(unitPrice, "unitPrice");
    }

    /**
     * The line's amount.
     *
     * @return unit price times quantity, in the price's currency
     */
    public Money total() {
        return unitPrice.times(quantity.value());
    }
}
