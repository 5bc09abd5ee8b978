package dev.checkout.adapter.rest;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The 202 answer when the buyer must authenticate (3-D Secure) before the provider decides: the browser runs
 * {@code stripe.handleCardAction(clientSecret)}, then sends {@code POST /purchase/{orderId}/confirm}.
 */
@Serdeable
@Schema(name = "PurchaseRequiresAction")
record PurchaseRequiresAction(String orderId,
                              @Schema(example = "requires_action") String status,
                              @Schema(description = "for stripe.handleCardAction; lets its holder complete this one payment,"
                                      + " so it is sent only to the buyer who placed the order") String clientSecret,
                              String message) {
}
