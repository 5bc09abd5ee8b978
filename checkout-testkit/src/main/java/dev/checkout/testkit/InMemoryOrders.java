package dev.checkout.testkit;

import dev.checkout.domain.money.CurrencyCode;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.DisputeFigures;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderQuery;
import dev.checkout.domain.order.OrderRefund;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.order.SalesFigures;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.payment.RefundId;
import dev.checkout.domain.port.ConcurrentOrderUpdateException;
import dev.checkout.domain.port.DuplicateClientKeyException;
import dev.checkout.domain.port.Orders;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Orders in memory with the store's guarantees: unique client keys, optimistic versioned updates, and refunds whose
 * idempotency keys and provider refund ids are unique across all orders.
 */
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
        checkRefundsUnique(order);
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
    public synchronized Optional<Order> findByCharge(ChargeId charge) {
        return byId.values().stream().filter(o -> o.chargeId().filter(charge::equals).isPresent()).findFirst();
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

    /** As a database's unique constraints would: no refund key or provider refund id on two refunds. */
    private void checkRefundsUnique(Order updated) {
        var keys = new HashSet<PaymentKey>();
        var providerIds = new HashSet<RefundId>();
        for (Order order : byId.values()) {
            Order current = order.id().equals(updated.id()) ? updated : order;
            for (OrderRefund refund : current.refunds()) {
                if (!keys.add(refund.idempotencyKey(current.id()))
                        || refund.providerRefund().isPresent() && !providerIds.add(refund.providerRefundId())) {
                    throw new IllegalStateException("refund #" + refund.sequence() + " of order " + current.id()
                            + " repeats a refund key or provider refund id");
                }
            }
        }
    }

    @Override
    public synchronized List<Order> list(OrderQuery query) {
        return byId.values().stream()
                .filter(query::matches)
                .filter(query::isAfterCursor)
                .sorted(Comparator.comparing(Order::createdAt).thenComparing(o -> o.id().value()).reversed())
                .limit(query.limit())
                .toList();
    }

    @Override
    public synchronized List<Order> findWithPendingRefunds(Instant requestedBefore, int limit) {
        return byId.values().stream()
                .filter(o -> o.refunds().stream().anyMatch(r -> r.status() == OrderRefund.Status.PENDING
                        && r.createdAt().isBefore(requestedBefore)))
                .sorted(Comparator.comparing(o -> o.refunds().stream().filter(r -> r.status() == OrderRefund.Status.PENDING)
                        .map(OrderRefund::createdAt).min(Comparator.naturalOrder()).orElseThrow()))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<SalesFigures> sales(Instant from, Instant to) {
        var byCurrency = new LinkedHashMap<CurrencyCode, SalesFigures>();
        for (Order order : byId.values()) {
            CurrencyCode currency = order.total().currency();
            if (within(order.createdAt(), from, to) && wasPaid(order)) {
                byCurrency.merge(currency, new SalesFigures(currency, 1, order.total(), 0, Money.zero(currency)), SalesFigures::plus);
            }
            for (OrderRefund refund : order.refunds()) {
                if (refund.status() == OrderRefund.Status.SUCCEEDED && within(refund.updatedAt(), from, to)) {
                    byCurrency.merge(currency, new SalesFigures(currency, 0, Money.zero(currency), 1, refund.amount()), SalesFigures::plus);
                }
            }
        }
        return List.copyOf(byCurrency.values());
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && at.isBefore(to);
    }

    /** Paid, refunded later or not; an order the checkout itself refunded (it could not record the charge) was never a sale. */
    private static boolean wasPaid(Order order) {
        return order.status() == OrderStatus.PAID || order.status() == OrderStatus.PARTIALLY_REFUNDED
                || order.status() == OrderStatus.REFUNDED
                && order.refunds().stream().anyMatch(r -> r.status() == OrderRefund.Status.SUCCEEDED);
    }

    @Override
    public synchronized Map<CurrencyCode, Long> countNeedingAttention() {
        return byId.values().stream()
                .filter(o -> OrderQuery.ATTENTION_STATUSES.contains(o.status()) || o.hasPendingRefund())
                .collect(java.util.stream.Collectors.groupingBy(o -> o.total().currency(), java.util.stream.Collectors.counting()));
    }

    @Override
    public synchronized List<DisputeFigures> openDisputes() {
        Map<CurrencyCode, DisputeFigures> byCurrency = new java.util.TreeMap<>(
                Comparator.comparing(CurrencyCode::code));
        for (Order order : byId.values()) {
            order.dispute().filter(d -> !d.closed()).ifPresent(d -> byCurrency.merge(d.amount().currency(),
                    new DisputeFigures(d.amount().currency(), 1, d.amount()),
                    (a, b) -> new DisputeFigures(a.currency(), a.open() + b.open(), a.amount().plus(b.amount()))));
        }
        return List.copyOf(byCurrency.values());
    }

    /** Every order, for assertions. */
    public synchronized List<Order> all() {
        return List.copyOf(byId.values());
    }
}
