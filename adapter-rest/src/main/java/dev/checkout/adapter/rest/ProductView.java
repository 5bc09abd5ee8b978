package dev.checkout.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** A product as the storefront lists it; {@code currency} is lower case, as Stripe writes it. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Product")
record ProductView(String sku, String name, long unitAmount, String currency, long available) {
}
