package dev.checkout.adapter.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** The body of {@code POST /purchase}, typed but not yet validated (absent fields are null). */
@Serdeable
@Schema(name = "PurchaseRequest", requiredProperties = {"token", "amount", "currency", "items"})
record PurchaseRequest(
        @Schema(description = "the single-use token from stripe.createToken, e.g. tok_...") @Nullable String token,
        @Schema(description = "the total shown to the buyer, in minor units (2500 is 25.00 USD)", example = "2500") @Nullable Long amount,
        @Schema(description = "ISO 4217 code, any case", example = "usd") @Nullable String currency,
        @Schema(description = "1 to 100 lines, one per SKU") @Nullable List<Item> items) {

    /** One line of the cart. */
    @Serdeable
    @Schema(name = "PurchaseItem", requiredProperties = {"sku", "quantity"})
    record Item(@Nullable String sku, @Schema(description = "1 to 1000") @Nullable Integer quantity) {
    }
}
