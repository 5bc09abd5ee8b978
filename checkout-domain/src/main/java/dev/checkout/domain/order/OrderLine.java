package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;

/** One priced line of an order: the unit price is the catalogue's at the time the order was placed. */
public record OrderLine(Sku sku, Quantity quantity, Money unitPrice) {
    public OrderLine {
        DomainException.require(sku, "sku");
        DomainException.require(quantity, "quantity");
        DomainException.require(unitPrice, "unitPrice");
    }

    public Money total() {
        return unitPrice.times(quantity.value());
    }
}
