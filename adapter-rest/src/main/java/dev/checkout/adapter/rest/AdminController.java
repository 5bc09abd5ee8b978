package dev.checkout.adapter.rest;

import dev.checkout.application.query.ManageCatalogue;
import dev.checkout.domain.DomainException;
import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.CurrencyCode;
import dev.checkout.domain.money.Money;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The merchant's catalogue API, behind the admin token ({@link AdminAuthFilter}). */
@Controller("/api/admin")
@ExecuteOn(TaskExecutors.BLOCKING) // writes the database
@Tag(name = "admin")
@SecurityRequirement(name = CheckoutApiDefinition.ADMIN_TOKEN)
public final class AdminController {
    private final ManageCatalogue catalogue;
    private final RequestBodies bodies;
    private final RestMapper mapper;

    AdminController(ManageCatalogue catalogue, RequestBodies bodies, RestMapper mapper) {
        this.catalogue = catalogue;
        this.bodies = bodies;
        this.mapper = mapper;
    }

    @Put(uri = "/products/{sku}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace a product, its price and its stock")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProductRequest.class)))
    @ApiResponse(responseCode = "200", description = "saved; the product as it is now sold",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProductView.class)))
    @ApiResponse(responseCode = "400", description = "a field is missing or invalid (named in error.field)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "401", description = "no admin token, or a wrong one",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    ProductView putProduct(String sku, @Nullable @Body byte[] body) {
        Product product = toProduct(sku, bodies.product(body));
        catalogue.save(product);
        return mapper.toView(product);
    }

    private static Product toProduct(String sku, ProductRequest request) {
        try {
            Sku id = Sku.of(sku);
            if (request.sku() != null && !request.sku().equals(sku)) {
                throw ApiErrors.invalid("sku", "sku in the body must be the SKU in the path (\"" + sku + "\") or be left"
                        + " out; to sell a product under another SKU, PUT it to /api/admin/products/<that SKU>");
            }
            if (request.unitAmount() == null) {
                throw ApiErrors.invalid("unitAmount", "unitAmount is required: the price of one unit in minor units, e.g. 1999 for 19.99");
            }
            if (request.unitAmount() < 1) {
                // Money itself refuses negatives, but would name the field "amount".
                throw ApiErrors.invalid("unitAmount", "unitAmount must be between 1 and " + Product.MAX_UNIT_AMOUNT
                        + " minor units, was " + request.unitAmount());
            }
            if (request.currency() == null) {
                throw ApiErrors.invalid("currency", "currency is required, e.g. \"usd\"");
            }
            if (request.available() == null) {
                throw ApiErrors.invalid("available", "available is required: the units in stock, 0 or more");
            }
            return new Product(id, request.name(), Money.of(request.unitAmount(), CurrencyCode.of(request.currency())),
                    request.available());
        } catch (DomainException refused) {
            throw ApiErrors.invalid(refused);
        }
    }
}
