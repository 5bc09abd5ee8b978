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

    /**
     * Claims stale orders for work that only one worker may do at a time (the reconciler's: ask the provider, then
     * settle or refund), so that several processes on one store never work on one order at once.
     *
     * <p>Returns up to {@code limit} orders as {@link #findStale} would (in one of {@code statuses}, last changed
     * before {@code updatedBefore}, oldest first), leaving out every order under a claim that lasts beyond
     * {@code now}, and claims each returned order until {@code claimUntil}. Until then no other call of this method,
     * from this process or another on the same store, returns it: two concurrent calls return disjoint orders. A
     * claim lapses by itself at {@code claimUntil} (so a worker that died holds nothing for long), ends with any
     * {@link #update} of the order, or is given up with {@link #releaseClaim}. A claim changes neither the order nor
     * its version, so it never makes an {@link #update} fail.
     *
     * <p>A store must decide a claim in the store itself (a conditional write, or a row lock that skips rows locked
     * by others such as PostgreSQL's {@code FOR UPDATE SKIP LOCKED}), never by a read followed by a write.
     *
     * @param statuses      the statuses to look for; none gives an empty list
     * @param updatedBefore only orders last changed before this instant
     * @param limit         the most orders to return; positive
     * @param now           claims lasting beyond this instant are respected, older ones have lapsed
     * @param claimUntil    how long the new claims last; after {@code now}
     * @return the claimed orders, oldest first; empty when there are none
     * @throws IllegalArgumentException if {@code limit} is not positive or {@code claimUntil} is not after
     *                                  {@code now}
     */
    List<Order> claimStale(Set<OrderStatus> statuses, Instant updatedBefore, int limit, Instant now, Instant claimUntil);

    /**
     * Gives up a claim that {@link #claimStale} took until {@code claimUntil}, so that the next claim may take the
     * order at once instead of after the claim lapsed. Does nothing when the order holds no such claim any more (it
     * lapsed and another worker claimed the order, or an update ended it); never changes the order or its version.
     *
     * @param id         the claimed order
     * @param claimUntil the instant the claim was taken until, as passed to {@link #claimStale}; it tells this
     *                   claim from a later one of another worker
     */
    void releaseClaim(OrderId id, Instant claimUntil);
}
