package dev.checkout.adapter.rest;

import dev.checkout.application.admin.AdminQueries;
import dev.checkout.application.admin.ManageStock;
import dev.checkout.application.admin.RefundCommand;
import dev.checkout.application.admin.RefundResult;
import dev.checkout.application.admin.RefundUseCase;
import dev.checkout.domain.DomainException;
import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.inventory.StockAdjustment;
import dev.checkout.domain.money.CurrencyCode;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.order.Quantity;
import dev.checkout.domain.order.RestockLine;
import dev.checkout.domain.payment.PaymentFailure;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The merchant's side behind the admin token ({@link AdminAuthFilter}): orders with their refunds, refunds with
 * restock, a summary, the product list, and stock and details changes that never lose a sale made meanwhile.
 */
@Controller(value = "/api/admin", produces = MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING) // reads and writes the database; a refund waits on the provider
@Tag(name = "admin")
@SecurityRequirement(name = CheckoutApiDefinition.ADMIN_TOKEN)
public final class MerchantController {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final Set<String> ORDER_PARAMS = Set.of("limit", "starting_after", "status", "needs_attention",
            "created[gte]", "created[lt]");
    private static final Set<String> PRODUCT_PARAMS = Set.of("limit", "starting_after");
    private static final String ERROR_JSON = "error JSON; error.field names the input at fault";

    private final AdminQueries queries;
    private final ManageStock stock;
    private final RefundUseCase refunds;
    private final RequestBodies bodies;
    private final RestMapper mapper;

    MerchantController(AdminQueries queries, ManageStock stock, RefundUseCase refunds, RequestBodies bodies, RestMapper mapper) {
        this.queries = queries;
        this.stock = stock;
        this.refunds = refunds;
        this.bodies = bodies;
        this.mapper = mapper;
    }

    @Get("/orders")
    @Operation(summary = "Orders, newest first, each with its lines, charge, refunds and dispute",
            description = "Cursor paging: pass the last orderId of a page as starting_after for the next one.")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1 to 100, default 20", schema = @Schema(type = "integer"))
    @Parameter(name = "starting_after", in = ParameterIn.QUERY, description = "the last orderId of the previous page")
    @Parameter(name = "status", in = ParameterIn.QUERY, description = "one status or several, comma-separated, e.g. PAID,PARTIALLY_REFUNDED")
    @Parameter(name = "needs_attention", in = ParameterIn.QUERY, description = "true: only orders whose payment is unknown,"
            + " whose compensating refund is pending, or with a refund waiting for the provider", schema = @Schema(type = "boolean"))
    @Parameter(name = "created[gte]", in = ParameterIn.QUERY, description = "created at or after, ISO-8601 (2026-11-25T00:00:00Z) or Unix seconds")
    @Parameter(name = "created[lt]", in = ParameterIn.QUERY, description = "created before, ISO-8601 or Unix seconds")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AdminViews.OrderList.class)))
    @ApiResponse(responseCode = "400", description = ERROR_JSON,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "401", description = "no admin token, or a wrong one",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    AdminViews.OrderList orders(HttpRequest<?> request) {
        var params = request.getParameters();
        onlyKnown(params.names(), ORDER_PARAMS);
        int limit = limit(params.get("limit"));
        Optional<OrderId> after = Optional.ofNullable(params.get("starting_after")).map(v -> id(v, "starting_after"));
        Set<OrderStatus> statuses = statuses(params.get("status"));
        boolean attention = bool(params.get("needs_attention"), "needs_attention");
        Instant from = instant(params.get("created[gte]"), "created[gte]");
        Instant before = instant(params.get("created[lt]"), "created[lt]");
        AdminQueries.Page<Order> page;
        try {
            page = queries.orders(new AdminQueries.OrderFilter(statuses, attention, from, before, after, limit));
        } catch (DomainException refused) {
            throw ApiErrors.invalid(refused);
        }
        return new AdminViews.OrderList(page.items().stream().map(o -> AdminViews.detail(o, mapper)).toList(), page.hasMore());
    }

    @Get("/orders/{id}")
    @Operation(summary = "One order with its lines, charge, refunds and dispute")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AdminViews.OrderDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    AdminViews.OrderDetail order(String id) {
        OrderId orderId = id(id, "orderId");
        return queries.order(orderId).map(o -> AdminViews.detail(o, mapper)).orElseThrow(() -> orderNotFound(orderId));
    }

    @Post(uri = "/orders/{id}/refunds", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Refund (part of) a paid order and put returned units back into stock",
            description = "Refunds through the payment provider with the idempotency key refund-<orderId>-<sequence>, and"
                    + " returns the restocked units to the catalogue in the transaction that records the refund. Refunds"
                    + " add up and never exceed the amount paid; restock never exceeds the units sold. amount left out"
                    + " refunds everything not yet refunded; restock: true puts back every unit not yet restocked."
                    + " Send an Idempotency-Key to retry safely: a repeat of the request gets the first answer and never"
                    + " refunds twice; the same key with another amount, restock or reason gets 409.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(example = "{\"amount\": 1250, \"restock\": [{\"sku\": \"mug-350\", \"quantity\": 1}], \"reason\": \"returned\"}")))
    @ApiResponse(responseCode = "201", description = "refunded; the order shows it (PARTIALLY_REFUNDED or REFUNDED)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminViews.RefundAnswer.class)))
    @ApiResponse(responseCode = "202", description = "the provider's answer is unknown; the refund stays PENDING with its money"
            + " held, and the reconciler finishes it with the same key",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminViews.RefundAnswer.class)))
    @ApiResponse(responseCode = "400", description = ERROR_JSON,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "404", description = "no such order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "409", description = "not paid, more than was paid, more units than were sold, the"
            + " Idempotency-Key used for another refund, or another request changed the order meanwhile; nothing changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "502", description = "the provider refused the refund; nothing was refunded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "503", description = "the provider could not be reached; nothing was refunded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    HttpResponse<?> refund(HttpRequest<?> request, String id, @Nullable @Header("Idempotency-Key") String idempotencyKey,
                           @Nullable @Body byte[] body) {
        OrderId orderId = id(id, "orderId");
        RefundCommand command = command(orderId, bodies.refund(body), idempotencyKey);
        return switch (refunds.refund(command)) {
            case RefundResult.Refunded(Order order, var refund) ->
                    HttpResponse.created(new AdminViews.RefundAnswer(AdminViews.refund(order, refund), AdminViews.detail(order, mapper)));
            case RefundResult.Pending(Order order, var refund) ->
                    HttpResponse.accepted().body(new AdminViews.RefundAnswer(AdminViews.refund(order, refund), AdminViews.detail(order, mapper)));
            case RefundResult.NotRefunded(Order order, var refund, PaymentFailure failure) ->
                    ApiErrors.respond(request, notRefunded(failure).withOrderId(order.id()));
            case RefundResult.Refused refused -> ApiErrors.respond(request, refusal(refused).withOrderId(orderId));
            case RefundResult.Invalid invalid -> throw ApiErrors.invalid(invalid.field(), invalid.message());
            case RefundResult.OrderNotFound missing -> throw orderNotFound(orderId);
            case RefundResult.Busy busy -> ApiErrors.respond(request, ApiError.of(HttpStatus.CONFLICT, ApiErrors.INVALID_REQUEST,
                    "order_busy", "order " + orderId + " kept changing under other requests while this refund was being"
                            + " recorded; nothing was refunded. Reload the order and try again.").withOrderId(orderId));
        };
    }

    @Get("/summary")
    @Operation(summary = "Paid orders and revenue today and in the last 7 days, refunds, disputes, orders needing attention,"
            + " by currency; paid orders per hour over the last 24 hours")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AdminViews.SummaryView.class)))
    AdminViews.SummaryView summary() {
        return AdminViews.summary(queries.summary());
    }

    @Get("/products")
    @Operation(summary = "The products, a page at a time, in SKU order")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1 to 100, default 20", schema = @Schema(type = "integer"))
    @Parameter(name = "starting_after", in = ParameterIn.QUERY, description = "the last SKU of the previous page")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AdminViews.ProductList.class)))
    @ApiResponse(responseCode = "400", description = ERROR_JSON,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    AdminViews.ProductList products(HttpRequest<?> request) {
        var params = request.getParameters();
        onlyKnown(params.names(), PRODUCT_PARAMS);
        int limit = limit(params.get("limit"));
        Optional<Sku> after = Optional.ofNullable(params.get("starting_after")).map(v -> sku(v, "starting_after"));
        return AdminViews.products(queries.products(after, limit), mapper);
    }

    @Post(uri = "/products/{sku}/stock", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Add or remove units relative to the current stock, atomically",
            description = "One conditional write: a sale made meanwhile is never lost, and the stock never goes below zero.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(example = "{\"delta\": -3}")))
    @ApiResponse(responseCode = "200", description = "the product with its new stock",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProductView.class)))
    @ApiResponse(responseCode = "400", description = ERROR_JSON,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "404", description = "no such product",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "409", description = "the stock would go below zero; nothing changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    HttpResponse<?> adjustStock(HttpRequest<?> request, String sku, @Nullable @Body byte[] body) {
        Sku id = sku(sku, "sku");
        long delta = bodies.stockDelta(body);
        return switch (stock.adjustStock(id, delta)) {
            case StockAdjustment.Adjusted adjusted -> HttpResponse.ok(current(id));
            case StockAdjustment.WouldGoNegative(long available) -> ApiErrors.respond(request, ApiError.of(HttpStatus.CONFLICT,
                    ApiErrors.INVALID_REQUEST, "stock_would_go_negative", id + " has " + available + " units; a delta of "
                            + delta + " would leave " + (available + delta) + ". Nothing changed; remove at most " + available
                            + " units.").withField("delta"));
            case StockAdjustment.UnknownProduct unknown -> throw productNotFound(id);
        };
    }

    @Patch(uri = "/products/{sku}", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a product's name and/or price; its stock is left alone",
            description = "Unlike PUT, which replaces the stock figure too, this never loses a sale made meanwhile.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(example = "{\"name\": \"Blue mug\", \"unitAmount\": 1999, \"currency\": \"usd\"}")))
    @ApiResponse(responseCode = "200", description = "the product as it is now sold",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProductView.class)))
    @ApiResponse(responseCode = "400", description = ERROR_JSON,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "404", description = "no such product",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    ProductView updateDetails(String sku, @Nullable @Body byte[] body) {
        Sku id = sku(sku, "sku");
        ProductRequest change = bodies.productDetails(body);
        Product now = findProduct(id);
        try {
            if (change.unitAmount() != null && change.unitAmount() < 1) {
                throw ApiErrors.invalid("unitAmount", "unitAmount must be between 1 and " + Product.MAX_UNIT_AMOUNT
                        + " minor units, was " + change.unitAmount());
            }
            String name = change.name() == null ? now.name() : change.name();
            Money price = Money.of(change.unitAmount() == null ? now.unitPrice().minorUnits() : change.unitAmount(),
                    change.currency() == null ? now.unitPrice().currency() : CurrencyCode.of(change.currency()));
            if (!stock.updateDetails(id, name, price)) {
                throw productNotFound(id);
            }
        } catch (DomainException refused) {
            throw ApiErrors.invalid(refused);
        }
        return current(id);
    }

    // ---- reading the request ----

    private static RefundCommand command(OrderId orderId, RequestBodies.RefundRequest request, String idempotencyKey) {
        try {
            ClientKey key = idempotencyKey == null ? null : ClientKey.of(idempotencyKey);
            RefundCommand.Restock restock;
            if (request.restockAll()) {
                restock = new RefundCommand.Restock.Everything();
            } else if (request.restock().isEmpty()) {
                restock = new RefundCommand.Restock.Nothing();
            } else {
                var lines = new ArrayList<RestockLine>();
                for (int i = 0; i < request.restock().size(); i++) {
                    var item = request.restock().get(i);
                    lines.add(new RestockLine(sku(item.sku(), "restock[" + i + "].sku"), Quantity.of(item.quantity())));
                }
                restock = new RefundCommand.Restock.Lines(lines);
            }
            return new RefundCommand(orderId, request.amount() == null ? OptionalLong.empty() : OptionalLong.of(request.amount()),
                    restock, request.reason(), key);
        } catch (DomainException refused) {
            throw ApiErrors.invalid(refused);
        }
    }

    private static void onlyKnown(Set<String> names, Set<String> known) {
        for (String name : names) {
            if (!known.contains(name)) {
                throw ApiErrors.unknownField(name, "this endpoint takes the query parameters " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private static int limit(@Nullable String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw ApiErrors.invalid("limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ", was " + ApiErrors.echo(value));
    }

    private static Set<OrderStatus> statuses(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        var statuses = EnumSet.noneOf(OrderStatus.class);
        for (String part : value.split(",")) {
            try {
                statuses.add(OrderStatus.valueOf(part.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                throw ApiErrors.invalid("status", "status " + ApiErrors.echo(part.strip()) + " is not one of "
                        + List.of(OrderStatus.values()) + "; several are separated by commas");
            }
        }
        return statuses;
    }

    private static boolean bool(@Nullable String value, String field) {
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiErrors.invalid(field, field + " must be true or false, was " + ApiErrors.echo(value));
    }

    private static @Nullable Instant instant(@Nullable String value, String field) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        try {
            if (text.matches("-?\\d{1,12}")) {
                return Instant.ofEpochSecond(Long.parseLong(text));
            }
            return Instant.parse(text);
        } catch (DateTimeParseException | NumberFormatException unreadable) {
            throw ApiErrors.invalid(field, field + " must be an ISO-8601 instant such as 2026-11-25T00:00:00Z, or Unix"
                    + " seconds; was " + ApiErrors.echo(value));
        }
    }

    private static OrderId id(String value, String field) {
        try {
            return OrderId.of(value);
        } catch (DomainException refused) {
            throw ApiErrors.invalid(field, refused.getMessage().replace("orderId", field));
        }
    }

    private static Sku sku(String value, String field) {
        try {
            return Sku.of(value);
        } catch (DomainException refused) {
            throw ApiErrors.invalid(field, refused.getMessage().replace("sku", field));
        }
    }

    // ---- answering ----

    private ProductView current(Sku sku) {
        return mapper.toView(findProduct(sku));
    }

    private Product findProduct(Sku sku) {
        return queries.product(sku).orElseThrow(() -> productNotFound(sku));
    }

    private static ApiError refusal(RefundResult.Refused refused) {
        return switch (refused.reason()) {
            case NOT_REFUNDABLE -> ApiError.of(HttpStatus.CONFLICT, ApiErrors.INVALID_REQUEST, "order_not_refundable",
                    refused.message()).withField(refused.field());
            case EXCEEDS_PAID -> ApiError.of(HttpStatus.CONFLICT, ApiErrors.INVALID_REQUEST, "refund_exceeds_payment",
                    refused.message()).withField(refused.field());
            case EXCEEDS_SOLD -> ApiError.of(HttpStatus.CONFLICT, ApiErrors.INVALID_REQUEST, "restock_exceeds_sold",
                    refused.message()).withField(refused.field());
            case REQUEST_KEY_USED -> ApiError.of(HttpStatus.CONFLICT, ApiErrors.IDEMPOTENCY, "idempotency_key_reused",
                    refused.message()).withField(refused.field());
            case NOT_IN_ORDER -> ApiError.of(HttpStatus.BAD_REQUEST, ApiErrors.INVALID_REQUEST, "restock_not_in_order",
                    refused.message()).withField(refused.field());
        };
    }

    private static ApiError notRefunded(PaymentFailure failure) {
        String provider = failure.message() == null ? "" : " The provider said: " + failure.message();
        return switch (failure.kind()) {
            case PROVIDER_UNAVAILABLE -> ApiError.of(HttpStatus.SERVICE_UNAVAILABLE, ApiErrors.API, "provider_unavailable",
                    "The payment provider could not be reached; nothing was refunded and the order is as it was. Try again shortly.");
            case INVALID_PAYMENT_DETAILS, MERCHANT_ERROR -> ApiError.of(HttpStatus.BAD_GATEWAY, ApiErrors.API, "refund_failed",
                    "The payment provider refused the refund" + (failure.code() == null ? "" : " (" + failure.code() + ")")
                            + "; nothing was refunded and the order is as it was." + provider);
        };
    }

    private static ApiException orderNotFound(OrderId id) {
        return ApiErrors.notFound("order_not_found", "orderId", "there is no order " + id
                + "; list them with GET /api/admin/orders");
    }

    private static ApiException productNotFound(Sku sku) {
        return ApiErrors.notFound("product_not_found", "sku", "there is no product " + sku
                + "; create it with PUT /api/admin/products/" + sku);
    }
}
