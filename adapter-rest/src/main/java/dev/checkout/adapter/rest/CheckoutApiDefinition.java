package dev.checkout.adapter.rest;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The OpenAPI document of this module's controllers, generated at compile time into
 * {@code META-INF/swagger/checkout-api.yml} inside this jar (the app serves it; see README).
 */
@OpenAPIDefinition(info = @Info(title = "Checkout", version = "0.1.0",
        description = "Token + charges checkout: the storefront sends a provider token and its cart; the server re-prices,"
                + " charges and answers. Every error body is {\"error\": {type, code, message, field?, requestId}}."))
@SecurityScheme(name = CheckoutApiDefinition.ADMIN_TOKEN, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "the value of checkout.admin-token (CHECKOUT_ADMIN_TOKEN)")
final class CheckoutApiDefinition {
    static final String ADMIN_TOKEN = "adminToken";

    private CheckoutApiDefinition() {
    }
}
