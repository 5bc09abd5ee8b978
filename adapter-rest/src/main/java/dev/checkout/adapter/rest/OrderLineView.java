package dev.checkout.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** One priced line of an order: the unit price is the one the order was placed at; {@code amount} is the line total. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "OrderLine")
record OrderLineView(String sku, int quantity, long unitAmount, long amount) {
}
