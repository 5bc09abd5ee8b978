package dev.checkout.application.purchase;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the purchase. {@code reservationHold} is how long stock stays reserved for an order whose payment is
 * unknown before the reconciler must look at it; it bounds how long a crash can keep units off sale.
 */
public record PurchasePolicy(Duration reservationHold) {
    public static final PurchasePolicy DEFAULT = new PurchasePolicy(Duration.ofMinutes(15));

    public PurchasePolicy {
        Objects.requireNonNull(reservationHold, "reservationHold");
        if (reservationHold.isNegative() || reservationHold.isZero()) {
            throw new IllegalArgumentException("reservationHold must be positive");
        }
    }
}
