package dev.checkout.adapter.rest;

import dev.checkout.application.purchase.PurchaseCommand;
import dev.checkout.application.purchase.PurchaseUseCase;
import dev.checkout.domain.DomainException;
import dev.checkout.domain.order.OrderId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code POST /purchase} and {@code POST /purchase/{orderId}/confirm}: steps 4-8 of the flow, and the finish of a
 * purchase whose buyer had to authenticate (3-D Secure). The browser sends the provider's token, the total it showed and the
 * cart; the use case re-prices, reserves, charges and answers with an outcome, mapped by {@link PurchaseResponses}.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING) // a virtual thread on JDK 21+: a purchase waits on the database and the provider
@Tag(name = "purchase")
public final class PurchaseController {
    private final PurchaseUseCase purchases;
    private final RequestBodies bodies;
    private final RestMapper mapper;
    private final PurchaseResponses responses;

    PurchaseController(PurchaseUseCase purchases, RequestBodies bodies, RestMapper mapper, PurchaseResponses responses) {
        this.purchases = purchases;
        this.bodies = bodies;
        this.mapper = mapper;
        this.responses = responses;
    }

    @Post(uri = "/purchase", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Pay for a cart with a payment token",
            description = "The server re-prices the cart from its own catalogue and refuses a total that differs."
                    + " Send the same Idempotency-Key again to retry safely: a repeat gets the first answer.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PurchaseRequest.class)))
    @ApiResponse(responseCode = "201", description = "paid; Location names the order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PurchaseCompleted.class)))
    @ApiResponse(responseCode = "202", description = "not finished, and the body's status says why. PAYMENT_PENDING: the"
            + " provider's verdict is not known yet; do not pay again. requires_action (only with a provider that asks"
            + " for strong customer authentication, such as the PaymentIntents adapter): the buyer must authenticate"
            + " with their bank; run stripe.handleCardAction(clientSecret), then POST /purchase/{orderId}/confirm."
            + " 202 because the order exists and holds its stock while its payment waits for the buyer: it is not paid"
            + " (201), nothing was refused (402), and a client that only knows PAYMENT_PENDING still does nothing"
            + " harmful (the order expires and its stock goes back).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = {PurchasePending.class,
                    PurchaseRequiresAction.class})))
    @ApiResponse(responseCode = "400", description = "malformed input, unknown SKU, or card details that cannot be used (field: token)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "402", description = "the card was declined (type card_error, code, declineCode)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "409", description = "out of stock, total mismatch, mixed currencies, or Idempotency-Key reused for another cart",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "413", description = "body larger than the server's limit",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "415", description = "the body is not sent as application/json",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "503", description = "nothing was charged: the provider is unreachable, payments are"
            + " misconfigured, or the order could not be recorded and the charge was refunded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    HttpResponse<?> purchase(@Nullable @Body byte[] body,
                             @Parameter(description = "8-255 printable ASCII characters, e.g. a UUID; one key, one order")
                             @Nullable @Header("Idempotency-Key") String idempotencyKey,
                             HttpRequest<?> request) {
        // body is @Nullable so that an empty body gets our own message (the compiler's warning about "@Nullable on
        // primitive types" misreads byte[] as a primitive).
        PurchaseRequest parsed = bodies.purchase(body);
        PurchaseCommand command;
        try {
            command = PurchaseCommand.of(parsed.token(), parsed.amount(), parsed.currency(),
                    parsed.items() == null ? null : mapper.toRawItems(parsed.items()), idempotencyKey);
        } catch (DomainException refused) {
            throw ApiErrors.invalid(refused);
        }
        return responses.toHttp(purchases.purchase(command), command, request);
    }

    @Post(uri = "/purchase/{orderId}/confirm", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Finish a purchase after the buyer authenticated",
            description = "After a 202 requires_action and stripe.handleCardAction, whether the buyer completed or failed"
                    + " the authentication: the server confirms the payment with the provider (once, whatever the number"
                    + " of calls) and answers as a purchase does. Repeating it answers the order's result again. No body.")
    @ApiResponse(responseCode = "201", description = "paid; Location names the order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PurchaseCompleted.class)))
    @ApiResponse(responseCode = "202", description = "requires_action: the buyer has not finished authenticating yet; or"
            + " PAYMENT_PENDING: the provider's verdict is not known yet",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = {PurchasePending.class,
                    PurchaseRequiresAction.class})))
    @ApiResponse(responseCode = "400", description = "not an order id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "402", description = "the authentication failed (code payment_intent_authentication_failure)"
            + " or the card was declined after it; the stock went back",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "404", description = "no such order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "409", description = "authentication_expired: the buyer took too long, the payment was"
            + " canceled and the stock went back",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "503", description = "nothing was charged: the provider is unreachable or payments are misconfigured",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    HttpResponse<?> confirm(@Parameter(description = "the orderId of the requires_action answer") String orderId,
                            HttpRequest<?> request) {
        OrderId id;
        try {
            id = OrderId.of(orderId);
        } catch (DomainException refused) {
            throw ApiErrors.invalid(refused);
        }
        return purchases.confirm(id)
                .map(result -> responses.toHttp(result, null, request))
                .orElseThrow(() -> ApiErrors.notFound("order_not_found", "orderId", "there is no order " + id
                        + "; use the orderId that POST /purchase answered with"));
    }
}
