package dev.checkout.domain.inventory;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.Quantity;

import java.time.Instant;

/**
 * Units of one product held for one order (one line of its reservation), with the time after which the reconciler
 * looks at it.
 *
 * @param orderId the order the units are held for
 * @param sku the product
 * @param quantity how many units
 * @param state where the units stand: held, sold or given back
 * @param expiresAt when a line still {@code RESERVED} becomes due for the reconciler; passing it releases nothing
 *                  by itself
 */
public record Reservation(OrderId orderId, Sku sku, Quantity quantity, ReservationState state, Instant expiresAt) {
    /**
     * Validates the reservation.
     *
     * @throws DomainException if a component is null
     */
    public Reservation {
        DomainException.require(orderId, "orderId");
        DomainException.require(sku, "sku");
        DomainException.require(quantity, "quantity");
        DomainException.require(state, "state");
        DomainException.require(expiresAt, "expiresAt");
    }
}
