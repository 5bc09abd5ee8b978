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
 * <p>{@code authenticationWindow} is how long a buyer whom the provider asks to authenticate (3-D Secure) has for it,
 * counted from the provider's answer; the order's stock stays reserved meanwhile, and the reconciler expires the
 * order (cancels the attempt, releases the stock) once it has passed.
 *
 * @param reservationHold the expiry given to each reservation, counted from the order's placing; positive
 * @param concurrentPlacements the most purchases in TX1 at once, or 0 for no limit
 * @param authenticationWindow the buyer's time to authenticate; positive
 */
public record PurchasePolicy(Duration reservationHold, int concurrentPlacements, Duration authenticationWindow) {
    /** The buyer's time to authenticate unless configured: Stripe's test page takes seconds, a bank's app minutes. */
    public static final Duration DEFAULT_AUTHENTICATION_WINDOW = Duration.ofMinutes(10);
    /** A 15-minute hold, placements unlimited, the default authentication window. */
    public static final PurchasePolicy DEFAULT = new PurchasePolicy(Duration.ofMinutes(15), 0);

    /**
     * Validates the policy.
     *
     * @throws NullPointerException if {@code reservationHold} or {@code authenticationWindow} is null
     * @throws IllegalArgumentException if {@code reservationHold} or {@code authenticationWindow} is not positive or
     *         {@code concurrentPlacements} is negative
     */
    public PurchasePolicy {
        Objects.requireNonNull(reservationHold, "reservationHold");
        Objects.requireNonNull(authenticationWindow, "authenticationWindow");
        if (authenticationWindow.isNegative() || authenticationWindow.isZero()) {
            throw new IllegalArgumentException("authenticationWindow must be positive");
        }
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

    /**
     * A policy with the {@link #DEFAULT_AUTHENTICATION_WINDOW}.
     *
     * @param reservationHold the expiry given to each reservation; positive
     * @param concurrentPlacements the most purchases in TX1 at once, or 0 for no limit
     */
    public PurchasePolicy(Duration reservationHold, int concurrentPlacements) {
        this(reservationHold, concurrentPlacements, DEFAULT_AUTHENTICATION_WINDOW);
    }
}
