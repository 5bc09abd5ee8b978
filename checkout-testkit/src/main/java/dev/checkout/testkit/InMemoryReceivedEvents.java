package dev.checkout.testkit;

import dev.checkout.domain.port.ReceivedEvents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@link ReceivedEvents} in memory: event ids in insertion order, undone with the surrounding transaction. */
public final class InMemoryReceivedEvents implements ReceivedEvents {
    private record Received(String type, Instant receivedAt) {
    }

    private final InMemoryTransactions transactions;
    private final Map<String, Received> events = new LinkedHashMap<>();

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
}
