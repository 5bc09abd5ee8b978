package dev.checkout.app.errors;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database cannot be reached (no connection within the pool's timeout, connection refused, lost): 503, "try
 * again", instead of a 500. A purchase that fails this way failed before or around its first write, and a charge is
 * never made inside a transaction, so nothing was charged by this request; an order left half-way is settled by the
 * reconciler once the database is back.
 */
@Produces
@Singleton
public class DatabaseUnavailableHandler implements ExceptionHandler<io.micronaut.data.exceptions.DataAccessException, HttpResponse<DatabaseUnavailableHandler.Body>> {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);

    /** The error shape every other error of this API uses. */
    @Serdeable
    public record Body(Error error) {
        /** One error. */
        @Serdeable
        public record Error(String type, String code, String message) {
        }
    }

    /** The same answer for a connection that could not be had or was lost ({@code ConnectionException}). */
    @Produces
    @Singleton
    public static class LostConnection implements ExceptionHandler<ConnectionException, HttpResponse<Body>> {
        @Override
        public HttpResponse<Body> handle(HttpRequest request, ConnectionException exception) {
            return unavailable(request, exception);
        }
    }

    @Override
    public HttpResponse<Body> handle(HttpRequest request, io.micronaut.data.exceptions.DataAccessException exception) {
        return unavailable(request, exception);
    }

    static HttpResponse<Body> unavailable(HttpRequest<?> request, RuntimeException exception) {
        LOG.warn("{} {}: database unavailable: {}", request.getMethod(), request.getPath(), exception.toString());
        return HttpResponse.<Body>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .body(new Body(new Body.Error("api_error", "database_unavailable",
                        "The shop cannot reach its database right now; nothing was charged. Please try again in a moment.")));
    }
}
