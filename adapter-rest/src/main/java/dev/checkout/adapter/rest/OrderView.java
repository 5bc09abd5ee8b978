package dev.checkout.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.checkout.domain.payment.Dispute;
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
                 @Nullable Decline decline, @Nullable Failure failure,
                 @Nullable DisputeView dispute,
                 String createdAt, String updatedAt) {

    /** A dispute (chargeback) of the order's charge, in the provider's words; absent while none was reported. */
    @Serdeable
    @Schema(name = "OrderDispute", description = "the charge's dispute as the provider last reported it; absent if none")
    record DisputeView(String id,
                       @Schema(description = "the provider's status: needs_response, under_review, won, lost, ...") String status,
                       @Schema(description = "the provider's reason: fraudulent, product_not_received, ...") String reason,
                       long amount, String currency,
                       @Schema(description = "when the provider reported this state") String reportedAt) {

        static DisputeView of(Dispute dispute) {
            return new DisputeView(dispute.id(), dispute.status(), dispute.reason(), dispute.amount().minorUnits(),
                    dispute.amount().currency().lowerCase(), dispute.updatedAt().toString());
        }
    }

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
