package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which orders to list, newest first: by status (empty = any), only those that need the merchant's attention, created
 * in {@code [createdFrom, createdBefore)} (either end may be null), and after a cursor (the last order of the
 * previous page; null for the first page).
 *
 * @param statuses       the statuses to list; empty for any
 * @param needsAttention only orders whose payment is unknown, whose compensating refund is pending, or with a merchant
 *                       refund still waiting for the provider's answer
 * @param createdFrom    the inclusive start of the created range, or null
 * @param createdBefore  the exclusive end of the created range, or null
 * @param after          the last order of the previous page, or null for the first page
 * @param limit          the most orders to answer, 1 to {@value #MAX_LIMIT}
 */
public record OrderQuery(Set<OrderStatus> statuses, boolean needsAttention, Instant createdFrom, Instant createdBefore,
                         Cursor after, int limit) {
    /** A store answers at most this many orders at once; an API pages with fewer. */
    public static final int MAX_LIMIT = 1_000;

    /** Statuses that on their own mean someone (or the reconciler) still has to act. */
    public static final Set<OrderStatus> ATTENTION_STATUSES = EnumSet.of(OrderStatus.PAYMENT_UNKNOWN, OrderStatus.REFUND_PENDING);

    /**
     * A position in the newest-first order: what comes after it is strictly older, or as old with a smaller id.
     *
     * @param createdAt the creation time of the last order seen
     * @param id        its id
     */
    public record Cursor(Instant createdAt, OrderId id) {
        /**
         * Checks that both parts are there.
         *
         * @throws DomainException (field {@code starting_after}) if one is null
         */
        public Cursor {
            DomainException.require(createdAt, "starting_after");
            DomainException.require(id, "starting_after");
        }
    }

    /**
     * Checks the limit and the created range; a null set of statuses means any.
     *
     * @throws DomainException if the limit is out of range or the created range is empty
     */
    public OrderQuery {
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(statuses);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new DomainException("limit", "limit must be from 1 to " + MAX_LIMIT + ", was " + limit);
        }
        if (createdFrom != null && createdBefore != null && !createdFrom.isBefore(createdBefore)) {
            throw new DomainException("created[gte]", "the created range is empty: created[gte] must be before created[lt]");
        }
    }

    /**
     * The newest orders, unfiltered.
     *
     * @param limit how many
     * @return the query
     */
    public static OrderQuery newest(int limit) {
        return new OrderQuery(Set.of(), false, null, null, null, limit);
    }

    /**
     * Whether an order belongs in this query's result, ignoring the cursor and the limit.
     *
     * @param order the order
     * @return true if it matches the statuses, the attention filter and the created range
     */
    public boolean matches(Order order) {
        return (statuses.isEmpty() || statuses.contains(order.status()))
                && (!needsAttention || ATTENTION_STATUSES.contains(order.status()) || order.hasPendingRefund())
                && (createdFrom == null || !order.createdAt().isBefore(createdFrom))
                && (createdBefore == null || order.createdAt().isBefore(createdBefore));
    }

    /**
     * Whether an order comes after the cursor in the newest-first order.
     *
     * @param order the order
     * @return true if there is no cursor, or the order is older than it (or as old with a smaller id)
     */
    public boolean isAfterCursor(Order order) {
        if (after == null) {
            return true;
        }
        int byTime = order.createdAt().compareTo(after.createdAt());
        return byTime < 0 || (byTime == 0 && order.id().value().compareTo(after.id().value()) < 0);
    }
}
