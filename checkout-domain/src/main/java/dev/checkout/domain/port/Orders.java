package dev.checkout.domain.port;

import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where orders are kept. */
public interface Orders {

    /**
     * Stores a new order. Throws {@link DuplicateClientKeyException} when another order holds its client key:
     * the store enforces uniqueness itself, so two concurrent requests with one key make one order.
     */
    void add(Order order);

    /**
     * Stores a transition of an order that {@link #find} returned (its version is one higher than stored).
     * Throws {@link ConcurrentOrderUpdateException} if someone else changed the order in between.
     */
    void update(Order order);

    Optional<Order> find(OrderId id);

    Optional<Order> findByClientKey(ClientKey key);

    /** Orders in one of {@code statuses} last changed before {@code updatedBefore}, oldest first. */
    List<Order> findStale(Set<OrderStatus> statuses, Instant updatedBefore, int limit);
}
