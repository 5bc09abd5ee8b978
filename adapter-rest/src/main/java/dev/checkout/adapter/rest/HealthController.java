package dev.checkout.adapter.rest;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /health}: liveness only (the process answers HTTP). It steps aside when the app adds
 * micronaut-management, whose health endpoint owns the same path and can report readiness.
 */
@Controller("/health")
@Requires(missingClasses = "io.micronaut.management.endpoint.health.HealthEndpoint")
@Requires(property = "checkout.http.health.enabled", notEquals = "false")
@Tag(name = "operations")
public final class HealthController {
    private static final HealthView UP = new HealthView("UP");

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Liveness: answers while the server runs")
    HealthView health() {
        return UP; // on the event loop: no blocking work
    }
}
