package dev.checkout.adapter.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code products}: flat, money in minor units. */
@MappedEntity("products")
record ProductRow(@Id String sku, String name, long unitAmount, String currency, long available) {
}
