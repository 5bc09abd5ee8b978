package dev.checkout.adapter.rest;

import dev.checkout.application.purchase.PurchaseCommand;
import dev.checkout.application.purchase.PurchaseResult;
import dev.checkout.application.purchase.PurchaseResult.AuthenticationExpired;
import dev.checkout.application.purchase.PurchaseResult.AuthenticationRequired;
import dev.checkout.application.purchase.PurchaseResult.Completed;
import dev.checkout.application.purchase.PurchaseResult.KeyReused;
import dev.checkout.application.purchase.PurchaseResult.MixedCurrencies;
import dev.checkout.application.purchase.PurchaseResult.OutOfStock;
import dev.checkout.application.purchase.PurchaseResult.PaymentDeclined;
import dev.checkout.application.purchase.PurchaseResult.PaymentFailed;
import dev.checkout.application.purchase.PurchaseResult.PaymentPending;
import dev.checkout.application.purchase.PurchaseResult.PriceMismatch;
import dev.checkout.application.purchase.PurchaseResult.Refunded;
import dev.checkout.application.purchase.PurchaseResult.UnknownProducts;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.payment.ClientSecret;
import dev.checkout.domain.payment.DeclineReason;
import io.micronaut.core.annotation.Nullable;
import dev.checkout.domain.payment.PaymentFailure;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every {@link PurchaseResult} into its HTTP status and body, in one exhaustive switch with no default
 * branch: a new outcome does not compile until it is mapped here. Messages are written for the buyer.
 */
@Singleton
final class PurchaseResponses {
    private static final Logger LOG = LoggerFactory.getLogger(PurchaseResponses.class);
    private static final String NOTHING_CHARGED = " Nothing was charged.";

    private final RestMapper mapper;

    PurchaseResponses(RestMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The answer to a purchase ({@code command} given) or to a confirmation after the buyer authenticated
     * ({@code command} null: the result is one a confirmation can have).
     */
    HttpResponse<?> toHttp(PurchaseResult result, @Nullable PurchaseCommand command, HttpRequest<?> request) {
        return switch (result) {
            case Completed(Order order) -> HttpResponse.created(mapper.toCompleted(order))
                    .header(HttpHeaders.LOCATION, orderUri(order.id()));

            case PaymentDeclined(OrderId id, DeclineReason reason) -> error(request,
                    ApiError.of(HttpStatus.PAYMENT_REQUIRED, ApiErrors.CARD, reason.code(), reason.message())
                            .withDeclineCode(reason.declineCode()).withOrderId(id));

            case OutOfStock(List<Sku> skus) -> error(request,
                    ApiError.of(HttpStatus.CONFLICT, ApiErrors.CART, "out_of_stock",
                            "Not enough stock of " + list(skus) + "; lower the quantity or remove "
                                    + (skus.size() == 1 ? "it" : "them") + " from the cart." + NOTHING_CHARGED)
                            .withSkus(skus));

            case UnknownProducts(List<Sku> skus) -> error(request,
                    ApiError.of(HttpStatus.BAD_REQUEST, ApiErrors.INVALID_REQUEST, "unknown_sku",
                            "We do not sell " + list(skus) + "; remove " + (skus.size() == 1 ? "it" : "them")
                                    + " from the cart." + NOTHING_CHARGED)
                            .withField(fieldOfFirst(skus, command)).withSkus(skus));

            case MixedCurrencies(List<Sku> skus) -> error(request,
                    ApiError.of(HttpStatus.CONFLICT, ApiErrors.CART, "mixed_currencies",
                            "These products are priced in different currencies, which one payment cannot cover;"
                                    + " buy them in separate orders." + NOTHING_CHARGED)
                            .withField("items").withSkus(skus));

            case PriceMismatch(Money stated, Money expected) -> error(request,
                    ApiError.of(HttpStatus.CONFLICT, ApiErrors.CART, "amount_mismatch",
                            "The total for these items is " + expected + ", not " + stated
                                    + "; reload the prices and try again." + NOTHING_CHARGED)
                            .withField("amount").withExpected(expected));

            case PaymentPending(OrderId id) -> HttpResponse.accepted()
                    .header(HttpHeaders.LOCATION, orderUri(id))
                    .body(new PurchasePending(id.value(), "PAYMENT_PENDING",
                            "We are waiting for the payment provider to confirm your payment. Please do not pay again;"
                                    + " the order status will show the result shortly."));

            case PaymentFailed(OrderId id, PaymentFailure failure) -> error(request, failed(id, failure, command));

            case Refunded(OrderId id) -> error(request,
                    ApiError.of(HttpStatus.SERVICE_UNAVAILABLE, ApiErrors.API, "charge_refunded",
                            "We could not complete your order, so the charge was refunded in full."
                                    + " Please enter your card again to retry.").withOrderId(id));

            // 202, not 201 (nothing is paid) nor 402 (nothing was refused): the order exists and holds its stock, and
            // its payment waits for the buyer, who has something to do; the body's status says what.
            case AuthenticationRequired(OrderId id, ClientSecret secret) -> HttpResponse.accepted()
                    .header(HttpHeaders.LOCATION, orderUri(id))
                    .body(new PurchaseRequiresAction(id.value(), "requires_action", secret.reveal(),
                            "Your bank asks you to confirm this payment. Nothing is charged until you do."));

            case AuthenticationExpired(OrderId id) -> error(request,
                    ApiError.of(HttpStatus.CONFLICT, ApiErrors.CARD, "authentication_expired",
                            "This payment was not confirmed with your bank in time, so it was canceled and the items went"
                                    + " back on sale." + NOTHING_CHARGED + " Please place the order again.")
                            .withOrderId(id));

            case KeyReused(ClientKey key, OrderId existing) -> error(request,
                    ApiError.of(HttpStatus.CONFLICT, ApiErrors.IDEMPOTENCY, "idempotency_key_reused",
                            "This Idempotency-Key was already used for a different cart; send a new key for a new purchase."
                                    + NOTHING_CHARGED)
                            .withField("Idempotency-Key").withOrderId(existing));
        };
    }

    /** Certainly not charged; who can fix it decides the answer. */
    private static ApiError failed(OrderId id, PaymentFailure failure, @Nullable PurchaseCommand command) {
        return switch (failure.kind()) {
            // The token is the buyer's input (unknown, expired or already used): a 400 on that field.
            case INVALID_PAYMENT_DETAILS -> ApiError.of(HttpStatus.BAD_REQUEST, ApiErrors.INVALID_REQUEST,
                            failure.code() == null ? "invalid_payment_details" : failure.code(), failureMessage(failure.kind()))
                    .withField("token").withOrderId(id);
            case PROVIDER_UNAVAILABLE -> ApiError.of(HttpStatus.SERVICE_UNAVAILABLE, ApiErrors.API,
                    "provider_unavailable", failureMessage(failure.kind())).withOrderId(id);
            case MERCHANT_ERROR -> {
                // Our keys or request are wrong: the operator must act, the buyer only learns it is not their fault.
                // The provider's message may quote the token; it never reaches the log unmasked.
                LOG.error("order {}: the payment provider refused our request ({}): {}", id, failure.code(),
                        command == null ? failure.message()
                                : failure.message().replace(command.token().reveal(), command.token().masked()));
                yield ApiError.of(HttpStatus.SERVICE_UNAVAILABLE, ApiErrors.API, "payments_unavailable",
                        failureMessage(failure.kind())).withOrderId(id);
            }
        };
    }

    /** How an order's failure reads in {@code GET /api/orders/{id}}: the same words the purchase answered with. */
    static OrderView.Failure failureView(PaymentFailure failure) {
        String code = switch (failure.kind()) {
            case INVALID_PAYMENT_DETAILS -> "invalid_payment_details";
            case PROVIDER_UNAVAILABLE -> "provider_unavailable";
            case MERCHANT_ERROR -> "payments_unavailable";
        };
        return new OrderView.Failure(code, failureMessage(failure.kind()));
    }

    /** Our own words, never the provider's: its messages are written for developers and may name our keys. */
    private static String failureMessage(PaymentFailure.Kind kind) {
        return switch (kind) {
            case INVALID_PAYMENT_DETAILS -> "Your card details could not be used (they may have expired or been used"
                    + " already); please enter your card again." + NOTHING_CHARGED;
            case PROVIDER_UNAVAILABLE -> "The payment provider could not be reached." + NOTHING_CHARGED
                    + " Please try again in a moment.";
            case MERCHANT_ERROR -> "Payments are unavailable right now." + NOTHING_CHARGED + " Please try again later.";
        };
    }

    private static HttpResponse<ErrorResponse> error(HttpRequest<?> request, ApiError error) {
        return ApiErrors.respond(request, error);
    }

    /** Where in the request the first of these SKUs was sent, e.g. {@code items[2].sku}. */
    private static String fieldOfFirst(List<Sku> skus, @Nullable PurchaseCommand command) {
        if (command == null) {
            return "items";
        }
        for (int i = 0; i < command.items().size(); i++) {
            if (skus.contains(command.items().get(i).sku())) {
                return "items[" + i + "].sku";
            }
        }
        return "items";
    }

    private static String list(List<Sku> skus) {
        return skus.stream().map(Sku::value).collect(Collectors.joining(", "));
    }

    static String orderUri(OrderId id) {
        return "/api/orders/" + id.value();
    }
}
