package dev.checkout.application.admin;

import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.CurrencyCode;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.order.SalesFigures;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The merchant's read side: orders, products and a summary of the shop. */
public interface AdminQueries {

    /**
     * A page of orders, newest first. Throws {@code DomainException} (field {@code starting_after}) when the cursor
     * names no order.
     */
    Page<Order> orders(OrderFilter filter);

    Optional<Order> order(OrderId id);

    Optional<Product> product(Sku sku);

    /** A page of products in the store's SKU order, after {@code startingAfter}. */
    Page<Product> products(Optional<Sku> startingAfter, int limit);

    /** Paid orders, revenue, refunds and what needs attention, by currency; purchases per hour over the last day. */
    Summary summary();

    /** Which orders to list; null ends of the created range are open. */
    record OrderFilter(Set<OrderStatus> statuses, boolean needsAttention, Instant createdFrom, Instant createdBefore,
                       Optional<OrderId> startingAfter, int limit) {
    }

    /** One page; {@code hasMore} says whether a request after its last item finds more. */
    record Page<T>(List<T> items, boolean hasMore) {
        public Page {
            items = List.copyOf(items);
        }
    }

    /**
     * The shop at {@code at}: per currency, today (since 00:00 UTC), the last 7 days and the orders needing attention
     * (and those in all currencies together);
     * paid orders per hour for the last 24 hours, oldest first, the last bucket being the current hour. Disputes are
     * not tracked by this checkout yet (no part of it receives them), which {@code disputesTracked} says plainly.
     */
    record Summary(Instant at, Instant todayFrom, Instant last7DaysFrom, List<CurrencyFigures> currencies,
                   long needsAttention, List<HourlyPurchases> lastDay, boolean disputesTracked) {
    }

    /** One currency: its sales today and in the last 7 days, and its orders needing attention now. */
    record CurrencyFigures(CurrencyCode currency, SalesFigures today, SalesFigures last7Days, long needsAttention) {
    }

    record HourlyPurchases(Instant hourStart, long paidOrders) {
    }
}
