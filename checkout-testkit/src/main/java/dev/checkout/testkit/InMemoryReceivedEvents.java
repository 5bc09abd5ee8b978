package dev.checkout.testkit;

import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.DeferredRefund;
import dev.checkout.domain.payment.RefundId;
import dev.checkout.domain.port.ReceivedEvents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link ReceivedEvents} in memory: event ids and deferred refunds in insertion order, undone with the surrounding
 * transaction.
 */
public final class InMemoryReceivedEvents implements ReceivedEvents {
    private record Received(String type, Instant receivedAt) {
    }

    private final InMemoryTransactions transactions;
    private final Map<String, Received> events = new LinkedHashMap<>();
    private final Map<RefundId, DeferredRefund> deferred = new LinkedHashMap<>();
    private final Map<RefundId, Instant> deferredDone = new LinkedHashMap<>();

    public InMemoryReceivedEvents(InMemoryTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public synchronized boolean record(String eventId, String type, Instant receivedAt) {
        if (events.containsKey(eventId)) {
            return false;
        }
        events.put(eventId, new Received(type, receivedAt));
        transactions.onRollback(() -> {
            synchronized (this) {
                events.remove(eventId);
            }
        });
        return true;
    }

    @Override
    public synchronized boolean contains(String eventId) {
        return events.containsKey(eventId);
    }

    @Override
    public synchronized int forgetBefore(Instant cutoff, int limit) {
        List<Map.Entry<String, Received>> old = new ArrayList<>();
        for (Map.Entry<String, Received> e : events.entrySet()) {
            if (e.getValue().receivedAt().isBefore(cutoff)) {
                old.add(Map.entry(e.getKey(), e.getValue()));
            }
        }
        old.sort(Comparator.comparing(e -> e.getValue().receivedAt()));
        List<Map.Entry<String, Received>> gone = old.subList(0, Math.min(limit, old.size()));
        for (Map.Entry<String, Received> e : gone) {
            events.remove(e.getKey());
        }
        List<Map.Entry<String, Received>> undo = List.copyOf(gone);
        transactions.onRollback(() -> {
            synchronized (this) {
                undo.forEach(e -> events.putIfAbsent(e.getKey(), e.getValue()));
            }
        });
        return undo.size();
    }

    /** How many events are recorded. */
    public synchronized int size() {
        return events.size();
    }

    @Override
    public synchronized boolean defer(DeferredRefund refund) {
        Objects.requireNonNull(refund, "refund");
        if (deferred.containsKey(refund.refund())) {
            return false;
        }
        deferred.put(refund.refund(), refund);
        transactions.onRollback(() -> {
            synchronized (this) {
                deferred.remove(refund.refund());
            }
        });
        return true;
    }

    @Override
    public synchronized List<DeferredRefund> deferredRefunds(ChargeId charge) {
        Objects.requireNonNull(charge, "charge");
        return pending().stream().filter(d -> d.charge().equals(charge)).toList();
    }

    @Override
    public synchronized List<DeferredRefund> deferredRefunds(DeferredRefund after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return pending().stream().filter(d -> after == null || OLDEST_FIRST.compare(d, after) > 0).limit(limit).toList();
    }

    private static final Comparator<DeferredRefund> OLDEST_FIRST = Comparator.comparing(DeferredRefund::receivedAt)
            .thenComparing(d -> d.refund().value());

    private List<DeferredRefund> pending() {
        return deferred.values().stream().filter(d -> !deferredDone.containsKey(d.refund())).sorted(OLDEST_FIRST).toList();
    }

    @Override
    public synchronized boolean deferredRefundDone(RefundId refund, Instant doneAt) {
        if (!deferred.containsKey(refund) || deferredDone.containsKey(refund)) {
            return false;
        }
        deferredDone.put(refund, doneAt);
        transactions.onRollback(() -> {
            synchronized (this) {
                deferredDone.remove(refund);
            }
        });
        return true;
    }

    @Override
    public synchronized int forgetDeferredRefundsBefore(Instant cutoff, int limit) {
        List<DeferredRefund> gone = deferred.values().stream().filter(d -> d.receivedAt().isBefore(cutoff))
                .sorted(Comparator.comparing(DeferredRefund::receivedAt)).limit(limit).toList();
        Map<RefundId, Instant> goneDone = new LinkedHashMap<>();
        for (DeferredRefund d : gone) {
            deferred.remove(d.refund());
            Instant done = deferredDone.remove(d.refund());
            if (done != null) {
                goneDone.put(d.refund(), done);
            }
        }
        transactions.onRollback(() -> {
            synchronized (this) {
                gone.forEach(d -> deferred.putIfAbsent(d.refund(), d));
                goneDone.forEach(deferredDone::putIfAbsent);
            }
        });
        return gone.size();
    }

    /** How many deferred refunds are kept, done or not. */
    public synchronized int deferredSize() {
        return deferred.size();
    }
}
