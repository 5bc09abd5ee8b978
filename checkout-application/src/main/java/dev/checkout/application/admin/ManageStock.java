package dev.checkout.application.admin;

import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.inventory.StockAdjustment;
import dev.checkout.domain.money.Money;

/** The merchant's changes to products that keep every sale: stock by a delta, name and price without the stock. */
public interface ManageStock {

    /** Adds (or, negative, removes) units relative to the stock at that instant; never below zero. */
    StockAdjustment adjustStock(Sku sku, long delta);

    /** New name and price for an existing product, its stock untouched; false when there is no such product. */
    boolean updateDetails(Sku sku, String name, Money unitPrice);
}
