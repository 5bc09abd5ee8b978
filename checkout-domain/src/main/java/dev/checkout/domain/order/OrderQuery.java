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
 * @param needsAttention only orders whose payment is unknown, whose compensating refund is pending, or with a merchant
 *                       refund still waiting for the provider's answer
 */
public record OrderQuery(Set<OrderStatus> statuses, boolean needsAttention, Instant createdFrom, Instant createdBefore,
                         Cursor after, int limit) {
    /** A store answers at most this many orders at once; an API pages with fewer. */
    public static final int MAX_LIMIT = 1_000;

    /** Statuses that on their own mean someone (or the reconciler) still has to act. */
    public static final Set<OrderStatus> ATTENTION_STATUSES = EnumSet.of(OrderStatus.PAYMENT_UNKNOWN, OrderStatus.REFUND_PENDING);

    /** A position in the newest-first order: strictly older than this creation time, or as old with a smaller id. */
    public record Cursor(Instant createdAt, OrderId id) {
        public Cursor {
            DomainException.require(createdAt, "starting_after");
            DomainException.require(id, "starting_after");
        }
    }

    public OrderQuery {
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(statuses);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new DomainException("limit", "limit must be from 1 to " + MAX_LIMIT + ", was " + limit);
        }
        if (createdFrom != null && createdBefore != null && !createdFrom.isBefore(createdBefore)) {
            throw new DomainException("created[gte]", "the created range is empty: created[gte] must be before created[lt]");
        }
    }

    public static OrderQuery newest(int limit) {
        return new OrderQuery(Set.of(), false, null, null, null, limit);
    }

    /** Whether {@code order} belongs in this query's result (ignoring the cursor and the limit). */
    public boolean matches(Order order) {
        return (statuses.isEmpty() || statuses.contains(order.status()))
                && (!needsAttention || ATTENTION_STATUSES.contains(order.status()) || order.hasPendingRefund())
                && (createdFrom == null || !order.createdAt().isBefore(createdFrom))
                && (createdBefore == null || order.createdAt().isBefore(createdBefore));
    }

    /** Whether {@code order} comes after the cursor in the newest-first order. */
    public boolean isAfterCursor(Order order) {
        if (after == null) {
            return true;
        }
        int byTime = order.createdAt().compareTo(after.createdAt());
        return byTime < 0 || (byTime == 0 && order.id().value().compareTo(after.id().value()) < 0);
    }
}
