package dev.checkout.application.purchase;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the purchase.
 *
 * <p>{@code reservationHold} is how long stock stays reserved for an order whose payment is unknown before the
 * reconciler must look at it; it bounds how long a crash can keep units off sale.
 *
 * <p>{@code concurrentPlacements} is how many purchases may be placing their order (TX1) at once; the rest wait their
 * turn, first come first served. Set it below the database pool size, so that recording a charge that has already
 * gone through (TX2) always finds a connection free instead of queueing behind a burst of new orders; 0 means no
 * limit. The charge call itself is never limited: a slow provider must not hold the queue.
 *
 * @param reservationHold the expiry given to each reservation, counted from the order's placing; positive
 * @param concurrentPlacements the most purchases in TX1 at once, or 0 for no limit
 */
public record PurchasePolicy(Duration reservationHold, int concurrentPlacements) {
    /** A 15-minute hold, placements unlimited. */
    public static final PurchasePolicy DEFAULT = new PurchasePolicy(Duration.ofMinutes(15), 0);

    /**
     * Validates the policy.
     *
     * @throws NullPointerException if {@code reservationHold} is null
     * @throws IllegalArgumentException if {@code reservationHold} is not positive or {@code concurrentPlacements}
     *         is negative
     */
    public PurchasePolicy {
        Objects.requireNonNull(reservationHold, "reservationHold");
        if (reservationHold.isNegative() || reservationHold.isZero()) {
            throw new IllegalArgumentException("reservationHold must be positive");
        }
        if (concurrentPlacements < 0) {
            throw new IllegalArgumentException("concurrentPlacements must be 0 (no limit) or positive");
        }
    }

    /**
     * A policy with placements unlimited.
     *
     * @param reservationHold the expiry given to each reservation; positive
     */
    public PurchasePolicy(Duration reservationHold) {
        this(reservationHold, 0);
    }
}
