package dev.checkout.sandbox.store;

import dev.checkout.sandbox.api.Reply;
import dev.checkout.sandbox.json.JsonBody;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;

/**
 * Idempotency keys per account (spec 7): a key is claimed before the endpoint runs (the in-flight marker) and
 * completed with the reply afterwards; a retry with the same parameters replays that reply, with other parameters
 * it is a mismatch. Keys expire after the retention period (24 h by default) and the oldest are evicted past
 * {@code capacity}.
 *
 * <p>Every SDK POST carries a key and the store holds up to millions of them, so the layout is chosen for the
 * garbage collector: each key costs its {@link Entry}, one {@code byte[]} (the key's UTF-8 bytes followed by the
 * original request id) and the caller's reply body, and nothing else. Entries sit in a FIFO ring indexed by their
 * insertion sequence ({@code slot = seq % capacity}, chunks allocated on first use), so inserting entry
 * {@code seq} evicts exactly entry {@code seq - capacity} without a queue node. The lookup index is an
 * open-addressing table of {@code int}s (ring slot + 1, 0 = empty) with linear probing and backward-shift
 * deletion, so it has no per-entry node and no tombstones either. The bits of an index value above the slot carry
 * the key's hash, so a probe past another key rarely has to load that key's entry. One lock guards ring and index
 * and is held for O(1) work; hashing and encoding happen before it is taken, and {@link #sweep} works in bounded
 * batches.
 */
public final class IdempotencyStore {
    /** Ring chunk size: a small embedded sandbox allocates one chunk, not {@code capacity} slots. */
    private static final int CHUNK_BITS = 14;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int INITIAL_INDEX = 1024;
    /** Largest capacity whose index (a power of two at most half full) still fits in an array. */
    private static final int MAX_CAPACITY = 1 << 29;
    /** Ring positions {@link #sweep} visits per lock hold, so requests wait at most about a millisecond. */
    private static final int SWEEP_BATCH = 10_000;
    /** Stands for a completed reply whose body is null, since a null body means "in flight". */
    private static final JsonBody NULL_BODY = w -> {
    };

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

    /**
     * One key's state, opaque to callers. Its fields replace the map key, the key and request-id strings and the
     * reply record the store used to keep per key; {@code body} is null while the first request runs and is
     * written last, so a reader that sees it also sees {@code status} and {@code headers}.
     */
    public static final class Entry {
        final String accountId;
        /** The key's UTF-8 bytes, then the original request id's UTF-8 bytes. */
        final byte[] bytes;
        final int keyLength;
        final int hash;
        final long hashHi;
        final long hashLo;
        final long createdMillis;
        /** Insertion sequence; written and read under the store's lock. */
        long seq;
        int status;
        Map<String, String> headers;
        volatile JsonBody body;

        Entry(String accountId, byte[] bytes, int keyLength, int hash, long hashHi, long hashLo, long createdMillis) {
            this.accountId = accountId;
            this.bytes = bytes;
            this.keyLength = keyLength;
            this.hash = hash;
            this.hashHi = hashHi;
            this.hashLo = hashLo;
            this.createdMillis = createdMillis;
        }

        String requestId() {
            return new String(bytes, keyLength, bytes.length - keyLength, StandardCharsets.UTF_8);
        }
    }

    private final int capacity;
    /** Low bits of an index value that hold the ring slot + 1; the bits above are a tag from the key's hash. */
    private final int slotMask;
    private final long retentionMillis;
    private final Clock clock;
    private final Object lock = new Object();

    // all below guarded by lock
    /** The ring: slot {@code s} lives at {@code ring[s >>> CHUNK_BITS][s & (CHUNK - 1)]}; chunks are made lazily. */
    private final Entry[][] ring;
    /** Open-addressing index of {@link #indexValue}s, 0 for empty; its length is a power of two, at most half full. */
    private int[] index = new int[INITIAL_INDEX];
    /** Sequence number of the next insertion. */
    private long nextSeq;
    /** No live entry has a sequence below this: where {@link #sweep} resumes. */
    private long headSeq;
    private int count;

    public IdempotencyStore(int capacity, long retentionMillis, Clock clock) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be between 1 and " + MAX_CAPACITY + ": " + capacity);
        }
        this.capacity = capacity;
        this.slotMask = (1 << (32 - Integer.numberOfLeadingZeros(capacity))) - 1;
        this.retentionMillis = retentionMillis;
        this.clock = clock;
        this.ring = new Entry[(capacity + CHUNK - 1) >>> CHUNK_BITS][];
    }

    /**
     * Claims {@code key} for one request. The 128-bit fingerprint (of the endpoint and the parameters) decides
     * whether a later request with the same key is a replay or a mismatch.
     */
    public Claim claim(String accountId, String key, long hashHi, long hashLo, String requestId) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        byte[] idBytes = requestId.getBytes(StandardCharsets.UTF_8);
        byte[] packed = Arrays.copyOf(keyBytes, keyBytes.length + idBytes.length);
        System.arraycopy(idBytes, 0, packed, keyBytes.length, idBytes.length);
        int hash = hash(accountId, keyBytes);
        long now = clock.millis();

        Entry found;
        Entry fresh = null;
        JsonBody body = null;
        synchronized (lock) {
            int pos = find(accountId, packed, keyBytes.length, hash);
            found = pos < 0 ? null : slotEntry(slotOfValue(index[pos]));
            if (found != null && now - found.createdMillis >= retentionMillis) {
                // expired: the key starts afresh (spec 7, "after pruning, a reused key starts a fresh request")
                removeAt(pos, found);
                found = null;
            }
            if (found == null) {
                fresh = new Entry(accountId, packed, keyBytes.length, hash, hashHi, hashLo, now);
                insert(fresh);
            } else {
                body = found.body;
            }
        }
        if (fresh != null) {
            return new Claimed(fresh);
        }
        if (found.hashHi != hashHi || found.hashLo != hashLo) {
            return new Mismatch();
        }
        if (body == null) {
            return new InFlight();
        }
        return new Replay(new Reply(found.status, body == NULL_BODY ? null : body, found.headers),
                found.requestId());
    }

    /** Stores the reply of an executed request so that retries replay it. */
    public void complete(Claimed claim, Reply reply) {
        Entry e = claim.entry();
        e.status = reply.status();
        e.headers = reply.headers();
        e.body = reply.body() == null ? NULL_BODY : reply.body(); // volatile write last: publishes the two above
    }

    /** Forgets a claim whose request was not executed (so the caller may retry with the same key). */
    public void release(Claimed claim) {
        Entry e = claim.entry();
        synchronized (lock) {
            int slot = slotOfSeq(e.seq);
            if (slotEntry(slot) == e) {
                removeAt(positionOf(e.hash, indexValue(e.hash, slot)), e);
            }
        }
    }

    /**
     * Drops expired keys from the oldest end of the ring; called periodically. Works in batches of 10,000 ring
     * positions per lock hold so that requests are not held up. Returns how many keys were dropped.
     */
    public int sweep() {
        long now = clock.millis();
        int dropped = 0;
        while (true) {
            synchronized (lock) {
                headSeq = Math.max(headSeq, nextSeq - capacity); // older positions have been overwritten
                for (int visited = 0; visited < SWEEP_BATCH; visited++) {
                    if (headSeq == nextSeq) {
                        return dropped;
                    }
                    int slot = slotOfSeq(headSeq);
                    Entry e = slotEntry(slot);
                    if (e != null) {
                        if (now - e.createdMillis < retentionMillis) {
                            return dropped;
                        }
                        removeAt(positionOf(e.hash, indexValue(e.hash, slot)), e);
                        dropped++;
                    }
                    headSeq++;
                }
            }
            Thread.yield(); // let waiting requests in before the next batch
        }
    }

    /** Keys stored, expired ones not yet swept included. */
    public int size() {
        synchronized (lock) {
            return count;
        }
    }

    /**
     * The index hash of a key: the account's (cached) string hash and the polynomial hash of the key's bytes,
     * mixed so that the low bits used for the table position depend on all of them (murmur3's finalizer).
     */
    private static int hash(String accountId, byte[] keyBytes) {
        int h = Arrays.hashCode(keyBytes) + accountId.hashCode() * 0x9E3779B9;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    private int slotOfSeq(long seq) {
        return (int) (seq % capacity);
    }

    /** An index value: the ring slot + 1 in the low bits, the hash's high bits as a tag above them. */
    private int indexValue(int hash, int slot) {
        return (hash & ~slotMask) | (slot + 1);
    }

    /** The ring slot an index value points to. */
    private int slotOfValue(int indexValue) {
        return (indexValue & slotMask) - 1;
    }

    private Entry slotEntry(int slot) {
        Entry[] chunk = ring[slot >>> CHUNK_BITS];
        return chunk == null ? null : chunk[slot & (CHUNK - 1)];
    }

    /** Index position of the entry for this account and key, or -1. */
    private int find(String accountId, byte[] packed, int keyLength, int hash) {
        int[] t = index;
        int mask = t.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            int v = t[i];
            if (v == 0) {
                return -1;
            }
            if (((v ^ hash) & ~slotMask) != 0) {
                continue; // the tag bits differ: another key, no need to look at its entry
            }
            Entry e = slotEntry(slotOfValue(v));
            // ranges of different lengths are unequal: a key is never mistaken for a prefix of key + request id
            if (e.hash == hash && e.accountId.equals(accountId)
                    && Arrays.equals(e.bytes, 0, e.keyLength, packed, 0, keyLength)) {
                return i;
            }
        }
    }

    /** Index position holding {@code value} (see {@link #indexValue}), which must be there. */
    private int positionOf(int hash, int value) {
        int[] t = index;
        int mask = t.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            int v = t[i];
            if (v == value) {
                return i;
            }
            if (v == 0) {
                throw new IllegalStateException("idempotency index lost ring slot " + slotOfValue(value));
            }
        }
    }

    /**
     * Appends at the ring's tail, evicting the entry {@code capacity} insertions older if it is still there. Keys
     * released or found expired leave empty slots behind, so eviction goes by age, not by count: after such
     * removals the oldest key may leave while fewer than {@code capacity} are stored.
     */
    private void insert(Entry fresh) {
        long seq = nextSeq++;
        int slot = slotOfSeq(seq);
        Entry[] chunk = ring[slot >>> CHUNK_BITS];
        if (chunk == null) {
            int first = slot & ~(CHUNK - 1);
            chunk = ring[slot >>> CHUNK_BITS] = new Entry[Math.min(CHUNK, capacity - first)];
        }
        Entry old = chunk[slot & (CHUNK - 1)];
        if (old != null) {
            removeAt(positionOf(old.hash, indexValue(old.hash, slot)), old);
        }
        if (count >= index.length >>> 1) {
            grow();
        }
        fresh.seq = seq;
        chunk[slot & (CHUNK - 1)] = fresh;
        int[] t = index;
        int mask = t.length - 1;
        int i = fresh.hash & mask;
        while (t[i] != 0) {
            i = (i + 1) & mask;
        }
        t[i] = indexValue(fresh.hash, slot);
        count++;
    }

    /** Removes {@code e}, found at index position {@code pos}, from the index and the ring. */
    private void removeAt(int pos, Entry e) {
        int[] t = index;
        int mask = t.length - 1;
        int slot = slotOfValue(t[pos]);
        // backward shift: pull later entries of the probe run into the hole unless their home lies after it
        int hole = pos;
        for (int j = (pos + 1) & mask; t[j] != 0; j = (j + 1) & mask) {
            int home = slotEntry(slotOfValue(t[j])).hash & mask;
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                t[hole] = t[j];
                hole = j;
            }
        }
        t[hole] = 0;
        ring[slot >>> CHUNK_BITS][slot & (CHUNK - 1)] = null;
        count--;
        assert slotOfSeq(e.seq) == slot;
    }

    private void grow() {
        int[] old = index;
        int[] t = new int[old.length << 1];
        int mask = t.length - 1;
        for (int v : old) {
            if (v != 0) {
                int i = slotEntry(slotOfValue(v)).hash & mask;
                while (t[i] != 0) {
                    i = (i + 1) & mask;
                }
                t[i] = v;
            }
        }
        index = t;
    }
}
