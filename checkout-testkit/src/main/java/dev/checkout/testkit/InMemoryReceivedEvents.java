package dev.checkout.testkit;

import dev.checkout.domain.port.ReceivedEvents;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** {@link ReceivedEvents} in memory: event ids in insertion order, undone with the surrounding transaction. */
public final class InMemoryReceivedEvents implements ReceivedEvents {
    private final InMemoryTransactions transactions;
    private final Map<String, String> types = new LinkedHashMap<>();

    public InMemoryReceivedEvents(InMemoryTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public synchronized boolean record(String eventId, String type, Instant receivedAt) {
        if (types.containsKey(eventId)) {
            return false;
        }
        types.put(eventId, type);
        transactions.onRollback(() -> {
            synchronized (this) {
                types.remove(eventId);
            }
        });
        return true;
    }

    @Override
    public synchronized boolean contains(String eventId) {
        return types.containsKey(eventId);
    }

    /** How many events are recorded. */
    public synchronized int size() {
        return types.size();
    }
}
