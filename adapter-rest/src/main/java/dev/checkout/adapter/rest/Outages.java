package dev.checkout.adapter.rest;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells a failure that means "something the checkout depends on is down, try again" from a bug. The API's catch-all
 * handler asks every bean of this type about an exception nothing closer handled: a recognised outage is answered
 * 503 with {@code Retry-After}, in the API's one error shape with the request id, where it would otherwise be a 500.
 * This adapter knows no database; whoever wires one in says what its outages look like (checkout-app does it for
 * the database), so this module needs none of its classes.
 */
public interface Outages {

    /** The outage {@code failure} (or one of its causes) shows, or empty when it is not one. */
    Optional<Outage> recognise(Throwable failure);

    /**
     * What the caller is told: a machine-readable {@code code}, a {@code message} the buyer can be shown as is, and
     * how long to wait before trying again (sent as {@code Retry-After}, in whole seconds).
     */
    record Outage(String code, String message, Duration retryAfter) {
        public Outage {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            if (retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
            }
        }
    }
}
