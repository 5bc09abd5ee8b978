package dev.checkout.application.query;

import dev.checkout.domain.catalogue.Product;

/** The merchant's side of the catalogue: create or replace a product with its price and stock. */
public interface ManageCatalogue {

    /**
     * Creates a product, or replaces name, price and available units of the one with the same SKU, in a
     * transaction of its own. Setting {@code available} overwrites the stock level, reserved units aside.
     *
     * @param product the product as it should be stored
     */
    void save(Product product);
}
