package dev.checkout.adapter.rest;

import dev.checkout.application.events.ReceivePaymentEvents;
import dev.checkout.application.events.ReceivePaymentEvents.Receipt;
import dev.checkout.application.events.ReceivePaymentEvents.Result;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Locale;

/**
 * {@code POST /webhooks/stripe}: the provider's events. The body is taken as the exact bytes received, since the
 * signature is over them; verifying, deduplicating and applying are the use case's. A verified event is acknowledged
 * with 200 whatever it did (applied, a duplicate, nothing to do), so the provider stops sending it; a request that is
 * not a verified event gets 400 and changes nothing.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING) // a short database transaction
@Tag(name = "webhooks")
public final class WebhookController {
    private final ReceivePaymentEvents events;

    WebhookController(ReceivePaymentEvents events) {
        this.events = events;
    }

    @Post(uri = "/webhooks/stripe", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a Stripe event (webhook endpoint)",
            description = "Verified with the endpoint's signing secret (STRIPE_WEBHOOK_SECRET). Each event is applied"
                    + " once: a charge settles an order whose payment is unknown, a refund made at the provider marks the"
                    + " order refunded (no restock), a dispute is recorded on the order. A refund of a charge no order holds"
                    + " yet (its payment not settled) is deferred: kept, and recorded on the order once it holds the charge.")
    @ApiResponse(responseCode = "200", description = "a verified event: applied, deferred, a duplicate, or nothing to do",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventReceipt.class)))
    @ApiResponse(responseCode = "400", description = "no, a wrong, or a too old Stripe-Signature, or not an event; nothing changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    HttpResponse<?> receive(@Nullable @Body byte[] body,
                            @Parameter(description = "t=<unix time>,v1=<HMAC-SHA256 of \"t.body\">, as Stripe sends it")
                            @Nullable @Header("Stripe-Signature") String signature) {
        Receipt receipt = events.receive(body == null ? new byte[0] : body, signature);
        if (receipt.result() == Result.REJECTED) {
            throw new ApiException(ApiError.of(HttpStatus.BAD_REQUEST, ApiErrors.INVALID_REQUEST, "signature_invalid",
                    receipt.detail() + "; send the event's body unchanged, signed with the endpoint's secret"
                            + " (STRIPE_WEBHOOK_SECRET), and no older than the tolerance").withField("Stripe-Signature"));
        }
        return HttpResponse.ok(new EventReceipt(true, receipt.eventId(), receipt.type(),
                receipt.result().name().toLowerCase(Locale.ROOT)));
    }

    /** What the checkout did with a verified event. */
    @Serdeable
    @Schema(name = "EventReceipt")
    record EventReceipt(boolean received, String eventId, String type,
                        @Schema(description = "applied, deferred, duplicate or ignored") String result) {
    }
}
