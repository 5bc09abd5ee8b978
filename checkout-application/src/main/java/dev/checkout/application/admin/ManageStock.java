package dev.checkout.application.admin;

import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.inventory.StockAdjustment;
import dev.checkout.domain.money.Money;

/** The merchant's changes to products that keep every sale: stock by a delta, name and price without the stock. */
public interface ManageStock {

    /**
     * Adds (or, negative, removes) units relative to the stock at that instant, in a transaction of its own.
     *
     * @param sku   the product
     * @param delta units to add, or negative to remove
     * @return the new stock, or why nothing changed (below zero, no such product)
     */
    StockAdjustment adjustStock(Sku sku, long delta);

    /**
     * New name and price for an existing product, its stock untouched.
     *
     * @param sku       the product
     * @param name      the new name
     * @param unitPrice the new price of one unit
     * @return false when there is no such product
     * @throws dev.checkout.domain.DomainException if the name or price is not valid for a product
     */
    boolean updateDetails(Sku sku, String name, Money unitPrice);
}
