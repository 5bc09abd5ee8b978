package dev.checkout.app.lifecycle;

import dev.checkout.adapter.rest.Outages;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * A purchase refused because this instance is draining: nothing was written or charged, and the same request sent
 * again (to another instance, through the load balancer) is safe. Answered 503 {@code shutting_down} with
 * {@code Retry-After: 1} in the API's error shape.
 */
public final class ShuttingDown extends RuntimeException {
    static final Outages.Outage OUTAGE = new Outages.Outage("shutting_down",
            "This server is shutting down; nothing was charged. Please try again in a moment.", Duration.ofSeconds(1));

    ShuttingDown() {
        super("draining: new purchases are refused", null, false, false);
    }

    /** Tells the API's error handler what a {@link ShuttingDown} means. */
    @Singleton
    static final class Recognised implements Outages {
        @Override
        public Optional<Outage> recognise(Throwable failure) {
            return failure instanceof ShuttingDown ? Optional.of(OUTAGE) : Optional.empty();
        }
    }
}
