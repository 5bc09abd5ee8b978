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
 * @param claimFor         how long a pass holds the orders it claimed ({@code Orders.claimStale}); no other
 *                         reconciler on the same store takes them meanwhile. Must exceed the longest provider call
 *                         for one order (like {@code abandonedAfter}); a pass starts no order once half of it is
 *                         gone, and a reconciler that died holds its orders no longer than this
 */
public record ReconcilePolicy(Duration unknownAfter, Duration abandonedAfter, Duration chargeLandsWithin, int batchSize,
                              Duration claimFor) {
    /** 5 s for unknown outcomes, 3 min for abandoned orders, 5 min for a charge to land, 200 orders, 3 min claims. */
    public static final ReconcilePolicy DEFAULT =
            new ReconcilePolicy(Duration.ofSeconds(5), Duration.ofMinutes(3), Duration.ofMinutes(5), 200);

    /**
     * Checks the policy.
     *
     * @throws NullPointerException     if a duration is null
     * @throws IllegalArgumentException if {@code batchSize} or {@code claimFor} is not positive
     */
    public ReconcilePolicy {
        Objects.requireNonNull(unknownAfter, "unknownAfter");
        Objects.requireNonNull(abandonedAfter, "abandonedAfter");
        Objects.requireNonNull(chargeLandsWithin, "chargeLandsWithin");
        Objects.requireNonNull(claimFor, "claimFor");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        if (claimFor.isNegative() || claimFor.isZero()) {
            throw new IllegalArgumentException("claimFor must be positive, was " + claimFor);
        }
    }

    /**
     * A policy whose claims last as long as {@code abandonedAfter}, which already exceeds the longest provider call.
     *
     * @param unknownAfter      see {@link #unknownAfter()}
     * @param abandonedAfter    see {@link #abandonedAfter()}; also the claims' length
     * @param chargeLandsWithin see {@link #chargeLandsWithin()}
     * @param batchSize         see {@link #batchSize()}
     * @throws NullPointerException     if a duration is null
     * @throws IllegalArgumentException if {@code batchSize} or {@code abandonedAfter} is not positive
     */
    public ReconcilePolicy(Duration unknownAfter, Duration abandonedAfter, Duration chargeLandsWithin, int batchSize) {
        this(unknownAfter, abandonedAfter, chargeLandsWithin, batchSize, abandonedAfter);
    }
}
