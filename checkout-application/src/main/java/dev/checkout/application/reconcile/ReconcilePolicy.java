package dev.checkout.application.reconcile;

import java.time.Duration;
import java.util.Objects;

/**
 * When the reconciler may decide about an order.
 *
 * @param unknownAfter     a PAYMENT_UNKNOWN order is looked at once it is this old (lets a slow charge finish)
 * @param abandonedAfter   a PENDING_PAYMENT order this old was abandoned by a crash; must exceed the longest charge
 *                         call (connect + read timeout, times retries), or a live purchase would be settled under it
 * @param chargeLandsWithin a charge the provider does not know this long after the order was placed never happened;
 *                         only then is the order FAILED and its stock released
 * @param batchSize        orders looked at per pass and kind
 */
public record ReconcilePolicy(Duration unknownAfter, Duration abandonedAfter, Duration chargeLandsWithin, int batchSize) {
    /** 5 s for unknown outcomes, 3 min for abandoned orders, 5 min for a charge to land, 200 orders per batch. */
    public static final ReconcilePolicy DEFAULT =
            new ReconcilePolicy(Duration.ofSeconds(5), Duration.ofMinutes(3), Duration.ofMinutes(5), 200);

    /**
     * Validates the policy.
     *
     * @throws NullPointerException if a duration is null
     * @throws IllegalArgumentException if {@code batchSize} is not positive
     */
    public ReconcilePolicy {
        Objects.requireNonNull(unknownAfter, "unknownAfter");
        Objects.requireNonNull(abandonedAfter, "abandonedAfter");
        Objects.requireNonNull(chargeLandsWithin, "chargeLandsWithin");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
    }
}
