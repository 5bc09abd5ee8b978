package dev.checkout.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** One order as {@code GET /api/orders/{id}} shows it; absent parts (no charge yet, no decline) are left out. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Order")
record OrderView(String orderId,
                 @Schema(description = "PENDING_PAYMENT, PAID, DECLINED, FAILED, PAYMENT_UNKNOWN, REFUND_PENDING, REFUNDED, PARTIALLY_REFUNDED or AWAITING_AUTHENTICATION")
                 String status,
                 long amount, String currency, @Nullable String chargeId, List<OrderLineView> items,
                 @Nullable Decline decline, @Nullable Failure failure, String createdAt, String updatedAt) {

    /** Why the issuer declined the card, in the provider's words. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OrderDecline")
    record Decline(String code, @Nullable String declineCode, String message) {
    }

    /** Why the charge certainly did not happen, told the way the buyer can act on it. */
    @Serdeable
    @Schema(name = "OrderFailure")
    record Failure(String code, String message) {
    }
}
