package dev.checkout.adapter.out.persistence;

import java.time.Instant;

/** A row of {@code reservations}: units of one SKU held for one order. */
record ReservationRow(String orderId, String sku, int quantity, String state, Instant expiresAt) {
}
