package dev.checkout.testkit;

import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.inventory.Reservation;
import dev.checkout.domain.inventory.ReservationOutcome;
import dev.checkout.domain.inventory.ReservationState;
import dev.checkout.domain.inventory.StockAdjustment;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderLine;
import dev.checkout.domain.port.Catalogue;
import dev.checkout.domain.port.Inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Products and their reservations in memory: the fake behind both {@link Catalogue} and {@link Inventory}, since
 * both read and write the same stock. Every method is atomic; inside an {@link InMemoryTransactions} transaction its
 * writes are undone on rollback.
 */
public final class InMemoryStock implements Catalogue, Inventory {
    private final InMemoryTransactions transactions;
    private final TreeMap<Sku, Product> products = new TreeMap<>();
    private final Map<OrderId, List<Reservation>> reservations = new LinkedHashMap<>();

    public InMemoryStock(InMemoryTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public synchronized Optional<Product> find(Sku sku) {
        return Optional.ofNullable(products.get(sku));
    }

    @Override
    public synchronized Map<Sku, Product> findAll(Collection<Sku> skus) {
        var found = new HashMap<Sku, Product>();
        skus.forEach(sku -> {
            Product product = products.get(sku);
            if (product != null) {
                found.put(sku, product);
            }
        });
        return found;
    }

    @Override
    public synchronized List<Product> list() {
        return List.copyOf(products.values());
    }

    @Override
    public synchronized List<Product> page(Optional<Sku> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        var from = after.isPresent() ? products.tailMap(after.get(), false) : products;
        return from.values().stream().limit(limit).toList();
    }

    @Override
    public synchronized boolean updateDetails(Sku sku, String name, Money unitPrice) {
        Product before = products.get(sku);
        if (before == null) {
            return false;
        }
        save(new Product(sku, name, unitPrice, before.available()));
        return true;
    }

    @Override
    public synchronized StockAdjustment adjustStock(Sku sku, long delta) {
        Product before = products.get(sku);
        if (before == null) {
            return new StockAdjustment.UnknownProduct();
        }
        long after;
        try {
            after = Math.addExact(before.available(), delta);
        } catch (ArithmeticException tooMany) {
            throw new IllegalArgumentException("stock of " + sku + " would overflow");
        }
        if (after < 0) {
            return new StockAdjustment.WouldGoNegative(before.available());
        }
        addAvailable(sku, delta);
        transactions.onRollback(() -> {
            synchronized (this) {
                addAvailable(sku, -delta);
            }
        });
        return new StockAdjustment.Adjusted(after);
    }

    @Override
    public synchronized void save(Product product) {
        Product before = products.put(product.sku(), product);
        transactions.onRollback(() -> {
            synchronized (this) {
                if (before == null) {
                    products.remove(product.sku());
                } else {
                    products.put(product.sku(), before);
                }
            }
        });
    }

    @Override
    public synchronized ReservationOutcome reserve(OrderId order, List<OrderLine> lines, Instant expiresAt) {
        if (reservations.containsKey(order)) {
            return new ReservationOutcome.Reserved();
        }
        var sorted = lines.stream().sorted(Comparator.comparing(OrderLine::sku)).toList();
        var shortSkus = sorted.stream()
                .filter(line -> {
                    Product product = products.get(line.sku());
                    return product == null || product.available() < line.quantity().value();
                })
                .map(OrderLine::sku)
                .toList();
        if (!shortSkus.isEmpty()) {
            return new ReservationOutcome.Insufficient(shortSkus);
        }
        var held = new ArrayList<Reservation>(sorted.size());
        for (OrderLine line : sorted) {
            addAvailable(line.sku(), -line.quantity().value());
            held.add(new Reservation(order, line.sku(), line.quantity(), ReservationState.RESERVED, expiresAt));
        }
        reservations.put(order, List.copyOf(held));
        transactions.onRollback(() -> {
            synchronized (this) {
                held.forEach(r -> addAvailable(r.sku(), r.quantity().value()));
                reservations.remove(order);
            }
        });
        return new ReservationOutcome.Reserved();
    }

    @Override
    public synchronized void commit(OrderId order) {
        moveReserved(order, ReservationState.COMMITTED);
    }

    @Override
    public synchronized void release(OrderId order) {
        moveReserved(order, ReservationState.RELEASED);
    }

    private void moveReserved(OrderId order, ReservationState target) {
        List<Reservation> before = reservations.get(order);
        if (before == null) {
            return;
        }
        UnaryOperator<Reservation> move = r -> r.state() == ReservationState.RESERVED
                ? new Reservation(r.orderId(), r.sku(), r.quantity(), target, r.expiresAt()) : r;
        var after = before.stream().map(move).toList();
        int returned = 0;
        if (target == ReservationState.RELEASED) {
            for (Reservation r : before) {
                if (r.state() == ReservationState.RESERVED) {
                    addAvailable(r.sku(), r.quantity().value());
                    returned++;
                }
            }
        }
        reservations.put(order, after);
        boolean gaveBack = returned > 0;
        transactions.onRollback(() -> {
            synchronized (this) {
                if (gaveBack) {
                    before.stream().filter(r -> r.state() == ReservationState.RESERVED)
                            .forEach(r -> addAvailable(r.sku(), -r.quantity().value()));
                }
                reservations.put(order, before);
            }
        });
    }

    private void addAvailable(Sku sku, long delta) {
        // A product replaced by the merchant while units were reserved keeps its new level; units come back to it.
        products.computeIfPresent(sku, (s, p) -> p.withAvailable(Math.max(0, p.available() + delta)));
    }

    @Override
    public synchronized List<Reservation> reservationsOf(OrderId order) {
        return reservations.getOrDefault(order, List.of());
    }

    @Override
    public synchronized List<OrderId> expiredReservations(Instant now, int limit) {
        return reservations.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(r -> r.state() == ReservationState.RESERVED && r.expiresAt().isBefore(now)))
                .sorted(Comparator.comparing(e -> e.getValue().getFirst().expiresAt()))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Units available now, for assertions. */
    public synchronized long available(Sku sku) {
        Product product = products.get(sku);
        return product == null ? 0 : product.available();
    }

    /** Units held by RESERVED reservations across all orders, for assertions. */
    public synchronized long reservedUnits() {
        return reservations.values().stream().flatMap(List::stream)
                .filter(r -> r.state() == ReservationState.RESERVED).mapToLong(r -> r.quantity().value()).sum();
    }
}
