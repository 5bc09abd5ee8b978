package dev.checkout.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * The one shape of every error body: {@code {"error": {type, code, message, field?, ...}, "orderId"?}}.
 * Fields that do not apply are left out.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Error")
record ErrorResponse(Detail error, @Nullable String orderId) {

    /** What went wrong; {@code message} is written for the buyer and may be shown as is. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ErrorDetail")
    record Detail(
            @Schema(description = "invalid_request_error, card_error, cart_error, idempotency_error, authentication_error or api_error")
            String type,
            @Schema(description = "machine-readable reason, e.g. parameter_invalid, card_declined, out_of_stock")
            String code,
            String message,
            @Schema(description = "the input at fault, e.g. items[2].quantity") @Nullable String field,
            @Schema(description = "the issuer's finer reason for a decline, e.g. insufficient_funds") @Nullable String declineCode,
            @Schema(description = "the SKUs the error is about") @Nullable List<String> skus,
            @Schema(description = "the server's total in minor units, when the stated amount did not match") @Nullable Long expectedAmount,
            @Schema(description = "the currency of expectedAmount, lower case") @Nullable String expectedCurrency,
            @Schema(description = "quote it when asking for help; also in the X-Request-Id header") String requestId) {
    }
}
