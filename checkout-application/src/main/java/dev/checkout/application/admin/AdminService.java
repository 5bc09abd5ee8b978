package dev.checkout.application.admin;

import dev.checkout.application.TransactionRunner;
import dev.checkout.domain.DomainException;
import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.inventory.StockAdjustment;
import dev.checkout.domain.money.CurrencyCode;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.DisputeFigures;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderQuery;
import dev.checkout.domain.order.SalesFigures;
import dev.checkout.domain.port.Catalogue;
import dev.checkout.domain.port.Orders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** The merchant's reads straight from the ports, and stock changes each in a transaction of its own. */
public final class AdminService implements AdminQueries, ManageStock {
    static final int HOURS = 24;

    private final Orders orders;
    private final Catalogue catalogue;
    private final TransactionRunner transactions;
    private final Clock clock;

    /**
     * The merchant's reads and stock changes on these ports.
     *
     * @param orders       where orders are kept
     * @param catalogue    the products
     * @param transactions the local transactions of the writes
     * @param clock        what "today" and "the last 24 hours" mean
     */
    public AdminService(Orders orders, Catalogue catalogue, TransactionRunner transactions, Clock clock) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Page<Order> orders(OrderFilter filter) {
        OrderQuery.Cursor cursor = filter.startingAfter().map(id -> orders.find(id)
                .map(o -> new OrderQuery.Cursor(o.createdAt(), o.id()))
                .orElseThrow(() -> new DomainException("starting_after", "there is no order " + id
                        + "; pass the id of the last order of the previous page"))).orElse(null);
        // One more than asked says whether there is a next page without a count.
        int limit = filter.limit();
        List<Order> found = orders.list(new OrderQuery(filter.statuses(), filter.needsAttention(), filter.createdFrom(),
                filter.createdBefore(), cursor, limit + 1));
        return new Page<>(found.subList(0, Math.min(limit, found.size())), found.size() > limit);
    }

    @Override
    public Optional<Order> order(OrderId id) {
        return orders.find(id);
    }

    @Override
    public Optional<Product> product(Sku sku) {
        return catalogue.find(sku);
    }

    @Override
    public Page<Product> products(Optional<Sku> startingAfter, int limit) {
        List<Product> found = catalogue.page(startingAfter, limit + 1);
        return new Page<>(found.subList(0, Math.min(limit, found.size())), found.size() > limit);
    }

    @Override
    public Summary summary() {
        Instant now = clock.instant();
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        Instant week = now.minus(Duration.ofDays(7));
        Instant end = now.plusNanos(1); // [from, to): the current instant counts
        var lastWeek = new TreeMap<String, SalesFigures>();
        var sinceMidnight = new TreeMap<String, SalesFigures>();
        var currencies = new TreeMap<String, CurrencyCode>();
        for (SalesFigures figures : orders.sales(week, end)) {
            lastWeek.put(figures.currency().code(), figures);
            currencies.put(figures.currency().code(), figures.currency());
        }
        for (SalesFigures figures : orders.sales(today, end)) {
            sinceMidnight.put(figures.currency().code(), figures);
            currencies.put(figures.currency().code(), figures.currency());
        }
        Map<CurrencyCode, Long> attention = orders.countNeedingAttention();
        attention.keySet().forEach(c -> currencies.put(c.code(), c));
        var disputes = new TreeMap<String, DisputeFigures>();
        for (DisputeFigures figures : orders.openDisputes()) {
            disputes.put(figures.currency().code(), figures);
            currencies.put(figures.currency().code(), figures.currency());
        }
        var byCurrency = new ArrayList<CurrencyFigures>();
        for (CurrencyCode currency : currencies.values()) {
            byCurrency.add(new CurrencyFigures(currency,
                    sinceMidnight.getOrDefault(currency.code(), SalesFigures.none(currency)),
                    lastWeek.getOrDefault(currency.code(), SalesFigures.none(currency)),
                    attention.getOrDefault(currency, 0L),
                    disputes.getOrDefault(currency.code(), DisputeFigures.none(currency))));
        }
        var hours = new ArrayList<HourlyPurchases>(HOURS);
        Instant firstHour = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS - 1));
        for (int i = 0; i < HOURS; i++) {
            Instant from = firstHour.plus(Duration.ofHours(i));
            Instant to = i == HOURS - 1 ? end : from.plus(Duration.ofHours(1));
            long paid = orders.sales(from, to).stream().mapToLong(SalesFigures::paidOrders).sum();
            hours.add(new HourlyPurchases(from, paid));
        }
        long needingAttention = attention.values().stream().mapToLong(Long::longValue).sum();
        long openDisputes = disputes.values().stream().mapToLong(DisputeFigures::open).sum();
        return new Summary(now, today, week, byCurrency, needingAttention, hours, openDisputes);
    }

    @Override
    public StockAdjustment adjustStock(Sku sku, long delta) {
        return transactions.call(() -> catalogue.adjustStock(sku, delta));
    }

    @Override
    public boolean updateDetails(Sku sku, String name, Money unitPrice) {
        // The product's own rules (name length, price range) judge the new values; its stock is not written.
        Product checked = new Product(sku, name, unitPrice, 0);
        return transactions.call(() -> catalogue.updateDetails(sku, checked.name(), checked.unitPrice()));
    }
}
