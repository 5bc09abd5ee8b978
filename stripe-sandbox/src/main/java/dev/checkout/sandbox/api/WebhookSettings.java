package dev.checkout.sandbox.api;

import java.time.Duration;
import java.util.List;

/**
 * How the sandbox delivers events to webhook endpoints (spec 13.3 and PaymentIntents spec 10).
 *
 * @param retryDelays   the waits before the second, third, ... attempt; an event that failed them all stays pending
 *                      (Stripe's test mode: three retries over a few hours)
 * @param connectTimeout how long a delivery waits to connect
 * @param timeout       how long a delivery waits for the whole answer; no answer in time counts as a failure
 * @param maxPending    deliveries queued or waiting for a retry at once, over all endpoints; beyond it a delivery is
 *                      dropped (and its event stays pending), so an endpoint that never answers holds bounded memory
 * @param maxEndpoints  webhook endpoints per account
 * @param forwardTo     a URL that receives every event of every account (like the Stripe CLI's forwarding), or null
 * @param forwardSecret the {@code whsec_...} secret the forwarded events are signed with
 * @param maxRate       delivery attempts started per second at most, over all endpoints (0: no limit); the rest wait
 *                      in the queue, within {@code maxPending}, so deliveries never take the cores from the API
 */
public record WebhookSettings(List<Duration> retryDelays, Duration connectTimeout, Duration timeout, int maxPending,
        int maxEndpoints, String forwardTo, String forwardSecret, int maxRate) {

    /** The secret forwarded events are signed with unless configured (documented, so a local receiver can use it). */
    public static final String DEFAULT_FORWARD_SECRET = "whsec_sandboxLocalForwardingSecret0000";

    public WebhookSettings {
        retryDelays = List.copyOf(retryDelays);
    }

    /** Delivery attempts per second unless configured: plenty for local work, a few percent of a core. */
    public static final int DEFAULT_MAX_RATE = 200;

    /**
     * Three retries after 5 min, 30 min and 2 h; 10 s to connect, 30 s in all; 10,000 pending; 16 endpoints; 200
     * attempts per second.
     */
    public static WebhookSettings defaults() {
        return new WebhookSettings(List.of(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2)),
                Duration.ofSeconds(10), Duration.ofSeconds(30), 10_000, 16, null, DEFAULT_FORWARD_SECRET,
                DEFAULT_MAX_RATE);
    }
}
