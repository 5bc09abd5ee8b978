package dev.checkout.domain.inventory;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.Quantity;

import java.time.Instant;

/** Units of one product held for one order, with the time after which the reconciler looks at it. */
public record Reservation(OrderId orderId, Sku sku, Quantity quantity, ReservationState state, Instant expiresAt) {
    public Reservation {
        DomainException.require(orderId, "orderId");
        DomainException.require(sku, "sku");
        DomainException.require(quantity, "quantity");
        DomainException.require(state, "state");
        DomainException.require(expiresAt, "expiresAt");
    }
}
