package dev.checkout.adapter.rest;

import dev.checkout.application.query.ShopQueries;
import dev.checkout.domain.DomainException;
import dev.checkout.domain.order.OrderId;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** The read side for the storefront: what is for sale, and what became of an order. */
@Controller(value = "/api", produces = MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING) // both read the database
@Tag(name = "shop")
public final class ShopController {
    private final ShopQueries shop;
    private final RestMapper mapper;

    ShopController(ShopQueries shop, RestMapper mapper) {
        this.shop = shop;
        this.mapper = mapper;
    }

    @Get("/products")
    @Operation(summary = "The products for sale, with their prices and units available")
    List<ProductView> products() {
        return mapper.toProductViews(shop.products());
    }

    @Get("/orders/{id}")
    @Operation(summary = "One order: its status, lines, total, charge id, and why a payment failed")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OrderView.class)))
    @ApiResponse(responseCode = "400", description = "not an order id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "404", description = "no such order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    OrderView order(String id) {
        OrderId orderId;
        try {
            orderId = OrderId.of(id);
        } catch (DomainException refused) {
            throw ApiErrors.invalid(refused);
        }
        return shop.order(orderId).map(mapper::toView).orElseThrow(() -> ApiErrors.notFound("order_not_found", "orderId",
                "there is no order " + orderId + "; use the orderId that POST /purchase answered with"));
    }
}
