package dev.checkout.domain.port;

import dev.checkout.domain.inventory.Reservation;
import dev.checkout.domain.inventory.ReservationOutcome;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderLine;

import java.time.Instant;
import java.util.List;

/**
 * Stock held for orders. Every method is idempotent per order, and reserving is all or nothing: a store must
 * decrement with one conditional write per line ({@code available >= quantity}), never read-then-write.
 */
public interface Inventory {

    /**
     * Holds every line's quantity for the order until {@code expiresAt}, or nothing at all. Reserving an order
     * that already holds its reservation answers {@code Reserved} without taking stock twice.
     */
    ReservationOutcome reserve(OrderId order, List<OrderLine> lines, Instant expiresAt);

    /** The order was paid: its reserved units are sold. No effect if already committed or released. */
    void commit(OrderId order);

    /** The order will not be paid: its reserved units return to stock. No effect if already committed or released. */
    void release(OrderId order);

    /** The order's reservations in any state. */
    List<Reservation> reservationsOf(OrderId order);

    /** Orders still holding RESERVED units whose expiry is before {@code now}, oldest first. */
    List<OrderId> expiredReservations(Instant now, int limit);
}
