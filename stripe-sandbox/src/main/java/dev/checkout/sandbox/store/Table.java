package dev.checkout.sandbox.store;

import dev.checkout.sandbox.api.Ids;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One kind of object in memory, built so that a million stored objects cost the garbage collector next to nothing.
 *
 * <p>Each stored object is one {@code byte[]} (its header and its {@link Codecs.Codec} encoding) in a ring of
 * {@code capacity} slots: the object with insertion number {@code seq} lives in slot {@code seq % capacity}, so
 * storing object {@code seq} evicts object {@code seq - capacity}, exactly oldest first, with no queue. There is no
 * id map either: an id made by {@link #newId()} carries its insertion number (scrambled, so ids still look random),
 * and a lookup decodes it, reads the one slot and compares the stored id. Lists use a per-account array of
 * (sort key, insertion number) pairs. Before this, each charge was some 25 objects (records, strings, map and queue
 * nodes), which ZGC traced again and again once a million were stored.
 *
 * <p>Reads take no lock. Writes to one slot ({@link #update}) are serialized by one of 64 striped locks and land
 * with a compare-and-set, which an eviction by a newer insert wins: the update then finds the object gone.
 */
public final class Table<T extends Stored> {
    private static final int CHUNK_BITS = 14;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int ID_CHARS = 24;
    private static final int SEQ_CHARS = 11;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
            .toCharArray();
    private static final byte[] DIGIT = new byte[128];
    private static final long M1 = 0xD6E8FEB86659FD93L;
    private static final long M2 = 0x9E3779B97F4A7C15L;
    private static final long M1_INVERSE = inverse(M1);
    private static final long M2_INVERSE = inverse(M2);

    static {
        java.util.Arrays.fill(DIGIT, (byte) -1);
        for (int i = 0; i < BASE62.length; i++) {
            DIGIT[BASE62[i]] = (byte) i;
        }
    }

    private final String prefix;
    private final int capacity;
    private final boolean indexed;
    private final Codecs.Codec<T> codec;
    private final long scramble = new SecureRandom().nextLong();
    private final AtomicLong nextSeq = new AtomicLong();
    private final AtomicReferenceArray<AtomicReferenceArray<byte[]>> chunks;
    private final AtomicInteger size = new AtomicInteger();
    private final ConcurrentHashMap<String, AccountIndex> byAccount = new ConcurrentHashMap<>();
    private final Object[] stripes = new Object[64];

    /**
     * @param prefix  the ids' prefix, such as {@code ch_}
     * @param indexed whether lists are served (tokens are never listed, so they skip the per-account index)
     */
    public Table(String prefix, int capacity, boolean indexed, Codecs.Codec<T> codec) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.prefix = prefix;
        this.capacity = capacity;
        this.indexed = indexed;
        this.codec = codec;
        this.chunks = new AtomicReferenceArray<>((int) ((capacity + (long) CHUNK - 1) >>> CHUNK_BITS));
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * A stored object and its record; the record is an immutable snapshot that {@link #decode} turns back. After an
     * {@link #update}, {@code previous} is the record it replaced (the same array when nothing changed).
     */
    public record Row<T>(T value, byte[] record, byte[] previous) {
        public Row(T value, byte[] record) {
            this(value, record, record);
        }

        /** Whether the update changed the object (an update that wrote equal values did not). */
        public boolean changed() {
            return record != previous && !java.util.Arrays.equals(record, previous);
        }
    }

    /** A page of results, newest first. */
    public record Page<T>(List<T> data, boolean hasMore) {
        public static <T> Page<T> empty() {
            return new Page<>(List.of(), false);
        }
    }

    // ---------------------------------------------------------------- ids

    /** A fresh id for an object of this table: the prefix, 11 characters of insertion number, 13 random ones. */
    public String newId() {
        long seq = nextSeq.getAndIncrement();
        char[] out = new char[prefix.length() + ID_CHARS];
        prefix.getChars(0, prefix.length(), out, 0);
        int p = prefix.length();
        long v = scrambleSeq(seq);
        // the first digit takes an unsigned division; the rest of the value fits a signed long
        long q = Long.divideUnsigned(v, 62);
        out[p + SEQ_CHARS - 1] = BASE62[(int) (v - q * 62)];
        for (int i = SEQ_CHARS - 2; i >= 0; i--) {
            out[p + i] = BASE62[(int) (q % 62)];
            q /= 62;
        }
        Ids.fillRandom(out, p + SEQ_CHARS);
        return new String(out);
    }

    /** The insertion number an id of this table carries, or -1 if it cannot be one of ours. */
    long seqOf(String id) {
        if (id == null || id.length() != prefix.length() + ID_CHARS || !id.startsWith(prefix)) {
            return -1;
        }
        long v = 0;
        int p = prefix.length();
        for (int i = 0; i < SEQ_CHARS; i++) {
            char c = id.charAt(p + i);
            int d = c < 128 ? DIGIT[c] : -1;
            if (d < 0) {
                return -1;
            }
            if (i == SEQ_CHARS - 1 && Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, 62)) > 0) {
                return -1; // more than 64 bits
            }
            v = v * 62 + d;
        }
        long seq = unscrambleSeq(v);
        return seq >= 0 && seq < nextSeq.get() ? seq : -1;
    }

    private long scrambleSeq(long seq) {
        long x = seq ^ scramble;
        x *= M1;
        x ^= x >>> 32;
        x *= M2;
        return x ^ (x >>> 32);
    }

    private long unscrambleSeq(long v) {
        long x = v ^ (v >>> 32);
        x *= M2_INVERSE;
        x ^= x >>> 32;
        x *= M1_INVERSE;
        return x ^ scramble;
    }

    /** The inverse of an odd number modulo 2^64 (Newton's iteration doubles the correct bits each round). */
    private static long inverse(long odd) {
        long x = odd;
        for (int i = 0; i < 5; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }

    // ---------------------------------------------------------------- records

    private static long seqOfRecord(byte[] rec) {
        return (long) LONGS.get(rec, 0);
    }

    private static long sortKeyOfRecord(byte[] rec) {
        return (long) LONGS.get(rec, 8);
    }

    private byte[] encode(long seq, T obj) {
        Bytes.Out out = Bytes.local();
        out.long64(seq);
        out.long64(obj.sortKey());
        out.string(obj.id());
        out.string(obj.accountId());
        codec.write(obj, out);
        return out.toArray();
    }

    /** The object a record holds (a new instance on every call). */
    public T decode(byte[] rec) {
        Bytes.In in = new Bytes.In(rec, 16);
        String id = in.string();
        String account = in.string();
        return codec.read(id, account, sortKeyOfRecord(rec), in);
    }

    private AtomicReferenceArray<byte[]> chunk(long seq) {
        int slot = (int) (seq % capacity);
        int c = slot >>> CHUNK_BITS;
        AtomicReferenceArray<byte[]> chunk = chunks.get(c);
        if (chunk == null) {
            int length = (int) Math.min(CHUNK, capacity - ((long) c << CHUNK_BITS));
            chunks.compareAndSet(c, null, new AtomicReferenceArray<>(length));
            chunk = chunks.get(c);
        }
        return chunk;
    }

    private static int offset(long seq, int capacity) {
        return (int) (seq % capacity) & (CHUNK - 1);
    }

    /** The record in the slot of insertion number {@code seq} if it is still that object's, or null (evicted). */
    private byte[] current(long seq) {
        byte[] rec = chunk(seq).get(offset(seq, capacity));
        return rec != null && seqOfRecord(rec) == seq ? rec : null;
    }

    /** The current record of the object with this id (any account), or null. */
    private byte[] find(String id) {
        long seq = seqOf(id);
        byte[] rec = seq < 0 ? null : current(seq);
        if (rec == null) {
            return null;
        }
        Bytes.In in = new Bytes.In(rec, 16);
        return id.equals(in.string()) ? rec : null;
    }

    private static String accountOf(byte[] rec) {
        Bytes.In in = new Bytes.In(rec, 16);
        in.string();
        return in.string();
    }

    // ---------------------------------------------------------------- operations

    /** Stores an object whose id came from {@link #newId()}; returns its record. */
    public byte[] insert(T obj) {
        long seq = seqOf(obj.id());
        if (seq < 0) {
            throw new IllegalArgumentException("not an id of this table: " + obj.id());
        }
        byte[] rec = encode(seq, obj);
        AccountIndex index = indexed ? byAccount.computeIfAbsent(obj.accountId(), a -> new AccountIndex()) : null;
        if (index != null) {
            // indexed before it is visible, so that its eviction always finds the entry to remove
            index.add(obj.sortKey(), seq);
        }
        AtomicReferenceArray<byte[]> chunk = chunk(seq);
        int at = offset(seq, capacity);
        while (true) {
            byte[] cur = chunk.get(at);
            if (cur != null && seqOfRecord(cur) > seq) {
                // a newer object took the slot first (possible only with a tiny capacity): this one is born evicted
                if (index != null) {
                    index.remove(obj.sortKey(), seq);
                }
                return rec;
            }
            if (chunk.compareAndSet(at, cur, rec)) {
                if (cur == null) {
                    size.incrementAndGet();
                } else {
                    evicted(cur);
                }
                return rec;
            }
        }
    }

    private void evicted(byte[] old) {
        if (indexed) {
            AccountIndex index = byAccount.get(accountOf(old));
            if (index != null) {
                index.remove(sortKeyOfRecord(old), seqOfRecord(old));
            }
        }
    }

    /** The object if it exists and belongs to {@code accountId}; other accounts' objects are invisible. */
    public T get(String accountId, String id) {
        byte[] rec = find(id);
        if (rec == null) {
            return null;
        }
        T t = decode(rec);
        return t.accountId().equals(accountId) ? t : null;
    }

    /** Whether the object with this id is still stored (not evicted), whatever its account; decodes nothing. */
    public boolean contains(String id) {
        return find(id) != null;
    }

    /** The object with this id whatever its account (for expanding a reference that is known to be ours). */
    public T byId(String id) {
        byte[] rec = find(id);
        return rec == null ? null : decode(rec);
    }

    /**
     * Atomically replaces the object with {@code fn(current)}; {@code fn} may throw to refuse the change (nothing
     * changes then). Returns the new object and its record, or null if it does not exist for this account.
     */
    public Row<T> update(String accountId, String id, UnaryOperator<T> fn) {
        long seq = seqOf(id);
        if (seq < 0) {
            return null;
        }
        AtomicReferenceArray<byte[]> chunk = chunk(seq);
        int at = offset(seq, capacity);
        synchronized (stripes[(int) (seq & (stripes.length - 1))]) {
            byte[] cur = current(seq);
            if (cur == null) {
                return null;
            }
            T current = decode(cur);
            if (!current.id().equals(id) || !current.accountId().equals(accountId)) {
                return null;
            }
            T next = fn.apply(current);
            if (next == current) {
                return new Row<>(current, cur, cur);
            }
            byte[] rec = encode(seq, next);
            // fails only if a newer object evicted this one meanwhile
            return chunk.compareAndSet(at, cur, rec) ? new Row<>(next, rec, cur) : null;
        }
    }

    public int size() {
        return size.get();
    }

    /**
     * Newest-first paging over one account's objects with sort keys in [{@code fromKey}, {@code toKey}).
     * {@code startingAfter}/{@code endingBefore} are sort keys of cursor objects (or null); {@code filter} skips
     * objects without counting them.
     */
    public Page<T> page(String accountId, long fromKey, long toKey, Long startingAfter, Long endingBefore, int limit,
            Predicate<T> filter) {
        AccountIndex index = indexed ? byAccount.get(accountId) : null;
        if (index == null || fromKey >= toKey) {
            return Page.empty();
        }
        List<T> out = new ArrayList<>(Math.min(limit, 100));
        long[] keys = new long[128];
        long[] seqs = new long[128];
        boolean more = false;
        if (endingBefore != null) {
            // from the cursor towards newer objects; the page shows the ones nearest the cursor, newest first
            long lowKey = endingBefore == Long.MAX_VALUE ? toKey : Math.max(fromKey, endingBefore + 1);
            long lowSeq = Long.MIN_VALUE;
            int n;
            do {
                n = index.ascending(lowKey, lowSeq, toKey, keys, seqs);
                more = collect(keys, seqs, n, out, limit, filter);
                if (n > 0) {
                    lowKey = keys[n - 1];
                    lowSeq = seqs[n - 1] + 1;
                }
            } while (!more && n == keys.length);
            Collections.reverse(out);
            return new Page<>(out, more);
        }
        long highKey = startingAfter != null ? Math.min(toKey, startingAfter) : toKey;
        long highSeq = Long.MIN_VALUE;
        int n;
        do {
            n = index.descending(highKey, highSeq, fromKey, keys, seqs);
            more = collect(keys, seqs, n, out, limit, filter);
            if (n > 0) {
                highKey = keys[n - 1];
                highSeq = seqs[n - 1];
            }
        } while (!more && n == keys.length);
        return new Page<>(out, more);
    }

    /**
     * Adds the live, matching objects of one batch of index pairs to {@code out} until it holds {@code limit};
     * returns true if a further one exists then (the page has more).
     */
    private boolean collect(long[] keys, long[] seqs, int n, List<T> out, int limit, Predicate<T> filter) {
        for (int i = 0; i < n; i++) {
            T t = live(keys[i], seqs[i], filter);
            if (t == null) {
                continue;
            }
            if (out.size() == limit) {
                return true;
            }
            out.add(t);
        }
        return false;
    }

    /** The indexed object if it is still stored and passes the filter. */
    private T live(long sortKey, long seq, Predicate<T> filter) {
        byte[] rec = current(seq);
        if (rec == null || sortKeyOfRecord(rec) != sortKey) {
            return null;
        }
        T t = decode(rec);
        return filter.test(t) ? t : null;
    }

    /** The same paging over an explicit set of objects (e.g. one charge's refunds), in any order. */
    public static <T extends Stored> Page<T> pageOf(List<T> items, Long startingAfter, Long endingBefore, int limit) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingLong((T t) -> t.sortKey()).reversed());
        if (endingBefore != null) {
            List<T> newer = sorted.stream().filter(t -> t.sortKey() > endingBefore).toList();
            int from = Math.max(0, newer.size() - limit);
            return new Page<>(newer.subList(from, newer.size()), from > 0);
        }
        List<T> older = startingAfter == null ? sorted
                : sorted.stream().filter(t -> t.sortKey() < startingAfter).toList();
        return new Page<>(older.subList(0, Math.min(limit, older.size())), older.size() > limit);
    }

    /**
     * One account's (sort key, insertion number) pairs in ascending order, in two parallel arrays used as a deque:
     * objects arrive in sort-key order almost always (appended) and leave oldest first (the head moves), so both
     * are O(1); the rare exception shifts part of the array.
     */
    static final class AccountIndex {
        private long[] keys = new long[16];
        private long[] seqs = new long[16];
        private int start;
        private int end;

        synchronized void add(long key, long seq) {
            if (end == keys.length) {
                makeRoom();
            }
            if (start == end || compare(keys[end - 1], seqs[end - 1], key, seq) < 0) {
                keys[end] = key;
                seqs[end] = seq;
                end++;
                return;
            }
            int at = lowerBound(key, seq);
            System.arraycopy(keys, at, keys, at + 1, end - at);
            System.arraycopy(seqs, at, seqs, at + 1, end - at);
            keys[at] = key;
            seqs[at] = seq;
            end++;
        }

        synchronized void remove(long key, long seq) {
            int at = start < end && keys[start] == key && seqs[start] == seq ? start : lowerBound(key, seq);
            if (at >= end || keys[at] != key || seqs[at] != seq) {
                return;
            }
            System.arraycopy(keys, start, keys, start + 1, at - start);
            System.arraycopy(seqs, start, seqs, start + 1, at - start);
            start++;
            if (start == end) {
                start = 0;
                end = 0;
                if (keys.length > 1024) {
                    keys = new long[16];
                    seqs = new long[16];
                }
            }
        }

        /** Copies up to {@code keys.length} pairs at or above (lowKey, lowSeq) and below {@code toKey}. */
        synchronized int ascending(long lowKey, long lowSeq, long toKey, long[] outKeys, long[] outSeqs) {
            int n = 0;
            for (int i = lowerBound(lowKey, lowSeq); i < end && n < outKeys.length && keys[i] < toKey; i++) {
                outKeys[n] = keys[i];
                outSeqs[n++] = seqs[i];
            }
            return n;
        }

        /** Copies up to {@code keys.length} pairs below (highKey, highSeq) and at or above {@code fromKey}, newest first. */
        synchronized int descending(long highKey, long highSeq, long fromKey, long[] outKeys, long[] outSeqs) {
            int n = 0;
            for (int i = lowerBound(highKey, highSeq) - 1; i >= start && n < outKeys.length && keys[i] >= fromKey;
                    i--) {
                outKeys[n] = keys[i];
                outSeqs[n++] = seqs[i];
            }
            return n;
        }

        synchronized int size() {
            return end - start;
        }

        /** The first position whose pair is not below (key, seq). */
        private int lowerBound(long key, long seq) {
            int lo = start;
            int hi = end;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (compare(keys[mid], seqs[mid], key, seq) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        private static int compare(long k1, long s1, long k2, long s2) {
            int c = Long.compare(k1, k2);
            return c != 0 ? c : Long.compare(s1, s2);
        }

        private void makeRoom() {
            int n = end - start;
            long[] k = keys;
            long[] s = seqs;
            if (n >= keys.length / 2) {
                k = new long[keys.length * 2];
                s = new long[keys.length * 2];
            }
            System.arraycopy(keys, start, k, 0, n);
            System.arraycopy(seqs, start, s, 0, n);
            keys = k;
            seqs = s;
            start = 0;
            end = n;
        }
    }
}
