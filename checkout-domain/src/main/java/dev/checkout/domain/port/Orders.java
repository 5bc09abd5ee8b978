package dev.checkout.domain.port;

import dev.checkout.domain.money.CurrencyCode;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderQuery;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.order.SalesFigures;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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
     * Stores a transition of an order that {@link #find} returned (its version is one higher than stored), with its
     * refunds: a new refund is added, a changed one updated, in the same write. Throws
     * {@link ConcurrentOrderUpdateException} if someone else changed the order in between, so of two refunds computed
     * from one read only one is stored. A store keeps each refund's idempotency key and provider refund id unique.
     */
    void update(Order order);

    Optional<Order> find(OrderId id);

    Optional<Order> findByClientKey(ClientKey key);

    /** Orders in one of {@code statuses} last changed before {@code updatedBefore}, oldest first. */
    List<Order> findStale(Set<OrderStatus> statuses, Instant updatedBefore, int limit);

    /**
     * The orders {@code query} selects, newest first (by creation time, then by id, descending), at most
     * {@code query.limit()}, each with its lines and refunds. Paging with the last order's cursor visits every
     * matching order once.
     */
    List<Order> list(OrderQuery query);

    /** Orders with a refund still PENDING whose request is older than {@code requestedBefore}, oldest first. */
    List<Order> findWithPendingRefunds(Instant requestedBefore, int limit);

    /**
     * Sales per currency of orders placed in {@code [from, to)} and of merchant refunds that succeeded in that
     * period (see {@link SalesFigures}); currencies with nothing in the period are left out.
     */
    List<SalesFigures> sales(Instant from, Instant to);

    /**
     * How many orders need the merchant's attention now (as {@link OrderQuery#needsAttention()} selects them), by the
     * currency of the order; currencies with none are left out.
     */
    Map<CurrencyCode, Long> countNeedingAttention();
}
