package dev.checkout.adapter.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code PUT /api/admin/products/{sku}}, typed but not yet validated (absent fields are null). It has the
 * shape of a listed product, so a product read from {@code GET /api/products} can be edited and sent back; its
 * {@code sku} may be left out, and when present must be the path's.
 */
@Serdeable
@Schema(name = "ProductRequest", requiredProperties = {"name", "unitAmount", "currency", "available"})
record ProductRequest(
        @Schema(description = "optional; when present, the SKU of the path", example = "mug-350") @Nullable String sku,
        @Nullable String name,
        @Schema(description = "price of one unit in minor units (1999 is 19.99 USD)", example = "1999") @Nullable Long unitAmount,
        @Schema(example = "usd") @Nullable String currency,
        @Schema(description = "units in stock, 0 or more") @Nullable Long available) {
}
