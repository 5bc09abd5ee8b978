package dev.checkout.application.query;

import dev.checkout.domain.catalogue.Product;

/** The merchant's side of the catalogue: create or replace a product with its price and stock. */
public interface ManageCatalogue {

    void save(Product product);
}
