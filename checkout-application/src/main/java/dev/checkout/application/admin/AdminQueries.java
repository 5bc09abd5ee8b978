package dev.checkout.application.admin;

import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.CurrencyCode;
import dev.checkout.domain.order.DisputeFigures;
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
     * A page of orders, newest first.
     *
     * @param filter which orders, from where, how many
     * @return the page
     * @throws dev.checkout.domain.DomainException (field {@code starting_after}) when the cursor names no order
     */
    Page<Order> orders(OrderFilter filter);

    /**
     * One order.
     *
     * @param id its id
     * @return the order with its lines and refunds, or empty
     */
    Optional<Order> order(OrderId id);

    /**
     * One product.
     *
     * @param sku its SKU
     * @return the product, or empty
     */
    Optional<Product> product(Sku sku);

    /**
     * A page of products in the store's SKU order.
     *
     * @param startingAfter the last SKU of the previous page; empty for the first
     * @param limit         the most products on the page, at least 1
     * @return the page
     */
    Page<Product> products(Optional<Sku> startingAfter, int limit);

    /**
     * Paid orders, revenue, refunds and what needs attention, by currency; purchases per hour over the last day.
     *
     * @return the summary as of now
     */
    Summary summary();

    /**
     * Which orders to list; null ends of the created range are open.
     *
     * @param statuses       the statuses to list; empty for any
     * @param needsAttention only orders needing attention
     * @param createdFrom    inclusive start of the created range, or null
     * @param createdBefore  exclusive end of the created range, or null
     * @param startingAfter  the last order of the previous page; empty for the first
     * @param limit          the most orders on the page, at least 1
     */
    record OrderFilter(Set<OrderStatus> statuses, boolean needsAttention, Instant createdFrom, Instant createdBefore,
                       Optional<OrderId> startingAfter, int limit) {
    }

    /**
     * One page.
     *
     * @param items   what is on it
     * @param hasMore whether a request after its last item finds more
     * @param <T>     what is listed
     */
    record Page<T>(List<T> items, boolean hasMore) {
        /** Copies the items. */
        public Page {
            items = List.copyOf(items);
        }
    }

    /**
     * The shop at {@code at}: per currency, today (since 00:00 UTC), the last 7 days and the orders needing attention
     * (and those in all currencies together);
     * paid orders per hour for the last 24 hours, oldest first, the last bucket being the current hour; the open
     * disputes, as the provider's events reported them to the orders.
     *
     * @param at              the time of the summary
     * @param todayFrom       00:00 UTC today
     * @param last7DaysFrom   seven days before {@code at}
     * @param currencies      the figures of each currency with anything to show
     * @param needsAttention  orders needing attention, in all currencies
     * @param lastDay         24 hourly buckets, oldest first
     * @param openDisputes    orders with a dispute the provider has not closed, in all currencies
     */
    record Summary(Instant at, Instant todayFrom, Instant last7DaysFrom, List<CurrencyFigures> currencies,
                   long needsAttention, List<HourlyPurchases> lastDay, long openDisputes) {
    }

    /**
     * One currency: its sales today and in the last 7 days, its orders needing attention now and its open disputes.
     *
     * @param currency       the currency
     * @param today          since 00:00 UTC
     * @param last7Days      the last seven days
     * @param needsAttention orders in this currency needing attention now
     * @param openDisputes   its disputes the provider has not closed, and their amount
     */
    record CurrencyFigures(CurrencyCode currency, SalesFigures today, SalesFigures last7Days, long needsAttention,
                           DisputeFigures openDisputes) {
    }

    /**
     * Paid orders placed in one hour.
     *
     * @param hourStart  the start of the hour
     * @param paidOrders how many
     */
    record HourlyPurchases(Instant hourStart, long paidOrders) {
    }
}
