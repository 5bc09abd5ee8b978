package dev.checkout.sandbox.store;

import dev.checkout.sandbox.api.Reply;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idempotency keys per account (spec 7). A key is claimed with one {@code putIfAbsent} before the endpoint runs
 * (the in-flight marker), and completed with the reply afterwards. Entries expire after the retention period
 * (24 h by default) and the oldest are evicted past {@code capacity}; both are checked on lookup and swept from
 * the FIFO head, so no lookup ever scans.
 */
public final class IdempotencyStore {
    /** What a claim found. */
    public sealed interface Claim {
    }

    /** The key is ours: run the endpoint, then {@link #complete} or {@link #release}. */
    public record Claimed(Entry entry) implements Claim {
    }

    /** Another request with this key is still running. */
    public record InFlight() implements Claim {
    }

    /** The key was used before with these parameters: replay. */
    public record Replay(Reply reply, String originalRequestId) implements Claim {
    }

    /** The key was used before with other parameters, or on another endpoint. */
    public record Mismatch() implements Claim {
    }

    /** The map key: an account and the caller's key (a record, so no concatenated string per request). */
    private record Key(String accountId, String key) {
    }

    /** One key's state; {@code reply} is null while the first request runs. */
    public static final class Entry {
        final Key mapKey;
        final long hashHi;
        final long hashLo;
        final long createdMillis;
        volatile Reply reply;
        volatile String requestId;

        Entry(Key mapKey, long hashHi, long hashLo, long createdMillis, String requestId) {
            this.mapKey = mapKey;
            this.hashHi = hashHi;
            this.hashLo = hashLo;
            this.createdMillis = createdMillis;
            this.requestId = requestId;
        }
    }

    private final ConcurrentHashMap<Key, Entry> entries;
    private final ConcurrentLinkedQueue<Entry> fifo = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;
    private final long retentionMillis;
    private final Clock clock;

    public IdempotencyStore(int capacity, long retentionMillis, Clock clock) {
        this.capacity = capacity;
        this.retentionMillis = retentionMillis;
        this.clock = clock;
        this.entries = new ConcurrentHashMap<>(Math.min(capacity, 1 << 20), 0.75f, 4);
    }

    /**
     * Claims {@code key} for one request. The 128-bit fingerprint (of the endpoint and the parameters) decides
     * whether a later request with the same key is a replay or a mismatch.
     */
    public Claim claim(String accountId, String key, long hashHi, long hashLo, String requestId) {
        Key mapKey = new Key(accountId, key);
        long now = clock.millis();
        Entry fresh = new Entry(mapKey, hashHi, hashLo, now, requestId);
        while (true) {
            Entry existing = entries.putIfAbsent(mapKey, fresh);
            if (existing == null) {
                fifo.add(fresh);
                if (size.incrementAndGet() > capacity) {
                    evictOne();
                }
                return new Claimed(fresh);
            }
            if (now - existing.createdMillis >= retentionMillis) {
                // expired: the key starts afresh (spec 7, "after pruning, a reused key starts a fresh request")
                if (entries.remove(mapKey, existing)) {
                    size.decrementAndGet();
                }
                continue;
            }
            if (existing.hashHi != hashHi || existing.hashLo != hashLo) {
                return new Mismatch();
            }
            Reply r = existing.reply;
            if (r == null) {
                return new InFlight();
            }
            return new Replay(r, existing.requestId);
        }
    }

    /** Stores the reply of an executed request so that retries replay it. */
    public void complete(Claimed claim, Reply reply) {
        claim.entry().reply = reply;
    }

    /** Forgets a claim whose request was not executed (so the caller may retry with the same key). */
    public void release(Claimed claim) {
        if (entries.remove(claim.entry().mapKey, claim.entry())) {
            size.decrementAndGet();
        }
    }

    private void evictOne() {
        Entry e = fifo.poll();
        if (e != null && entries.remove(e.mapKey, e)) {
            size.decrementAndGet();
        }
    }

    /** Drops expired keys from the head of the FIFO; called periodically. Returns how many were dropped. */
    public int sweep() {
        long now = clock.millis();
        int n = 0;
        while (true) {
            Entry e = fifo.peek();
            if (e == null || now - e.createdMillis < retentionMillis) {
                return n;
            }
            if (fifo.remove(e) && entries.remove(e.mapKey, e)) {
                size.decrementAndGet();
                n++;
            }
        }
    }

    public int size() {
        return size.get();
    }
}
