package dev.checkout.adapter.rest;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The 202 answer when the provider's verdict is not known yet; the order settles later. */
@Serdeable
@Schema(name = "PurchasePending")
record PurchasePending(String orderId, @Schema(example = "PAYMENT_PENDING") String status, String message) {
}
