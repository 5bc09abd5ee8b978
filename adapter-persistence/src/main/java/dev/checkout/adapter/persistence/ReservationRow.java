package dev.checkout.adapter.persistence;

import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A row of {@code reservations}: units of one SKU held for one order. */
@MappedEntity("reservations")
record ReservationRow(String orderId, String sku, int quantity, String state, Instant expiresAt) {
}
