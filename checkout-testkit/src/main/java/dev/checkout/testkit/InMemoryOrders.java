package dev.checkout.testkit;

import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.port.ConcurrentOrderUpdateException;
import dev.checkout.domain.port.DuplicateClientKeyException;
import dev.checkout.domain.port.Orders;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Orders in memory with the store's guarantees: unique client keys and optimistic versioned updates. */
public final class InMemoryOrders implements Orders {
    private final InMemoryTransactions transactions;
    private final Map<OrderId, Order> byId = new HashMap<>();
    private final Map<ClientKey, OrderId> byClientKey = new HashMap<>();
    /** Until when each claimed order is claimed (lapsed entries may linger; they count as no claim). */
    private final Map<OrderId, Instant> claims = new HashMap<>();

    public InMemoryOrders(InMemoryTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public synchronized void add(Order order) {
        if (byId.containsKey(order.id())) {
            throw new IllegalStateException("order " + order.id() + " already exists");
        }
        var key = order.clientKey();
        if (key.isPresent() && byClientKey.containsKey(key.get())) {
            throw new DuplicateClientKeyException(key.get(), null);
        }
        byId.put(order.id(), order);
        key.ifPresent(k -> byClientKey.put(k, order.id()));
        transactions.onRollback(() -> {
            synchronized (this) {
                byId.remove(order.id());
                key.ifPresent(byClientKey::remove);
            }
        });
    }

    @Override
    public synchronized void update(Order order) {
        Order stored = byId.get(order.id());
        if (stored == null || stored.version() != order.version() - 1) {
            throw new ConcurrentOrderUpdateException(order.id());
        }
        byId.put(order.id(), order);
        Instant claim = claims.remove(order.id()); // an update ends a claim
        transactions.onRollback(() -> {
            synchronized (this) {
                byId.put(order.id(), stored);
                if (claim != null) {
                    claims.put(order.id(), claim);
                }
            }
        });
    }

    @Override
    public synchronized Optional<Order> find(OrderId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<Order> findByClientKey(ClientKey key) {
        return Optional.ofNullable(byClientKey.get(key)).map(byId::get);
    }

    @Override
    public synchronized List<Order> findStale(Set<OrderStatus> statuses, Instant updatedBefore, int limit) {
        return byId.values().stream()
                .filter(o -> statuses.contains(o.status()) && o.updatedAt().isBefore(updatedBefore))
                .sorted(Comparator.comparing(Order::updatedAt))
                .limit(limit)
                .toList();
    }

    /** Atomic under this store's lock, which is what makes two concurrent claims disjoint. */
    @Override
    public synchronized List<Order> claimStale(Set<OrderStatus> statuses, Instant updatedBefore, int limit,
                                               Instant now, Instant claimUntil) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        if (!claimUntil.isAfter(now)) {
            throw new IllegalArgumentException("claimUntil must be after now, was " + claimUntil + " <= " + now);
        }
        List<Order> claimed = byId.values().stream()
                .filter(o -> statuses.contains(o.status()) && o.updatedAt().isBefore(updatedBefore))
                .filter(o -> !claims.containsKey(o.id()) || !claims.get(o.id()).isAfter(now))
                .sorted(Comparator.comparing(Order::updatedAt).thenComparing(o -> o.id().value()))
                .limit(limit)
                .toList();
        claimed.forEach(o -> claims.put(o.id(), claimUntil));
        return claimed;
    }

    @Override
    public synchronized void releaseClaim(OrderId id, Instant claimUntil) {
        claims.remove(id, claimUntil);
    }

    /** Every order, for assertions. */
    public synchronized List<Order> all() {
        return List.copyOf(byId.values());
    }
}
