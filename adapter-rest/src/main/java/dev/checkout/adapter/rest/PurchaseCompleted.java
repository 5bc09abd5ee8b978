package dev.checkout.adapter.rest;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** The 201 answer to a paid purchase. */
@Serdeable
@Schema(name = "PurchaseCompleted")
record PurchaseCompleted(String orderId, @Schema(example = "PAID") String status, String chargeId, long amount,
                         String currency, List<OrderLineView> items) {
}
