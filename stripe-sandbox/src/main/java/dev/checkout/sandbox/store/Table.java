package dev.checkout.sandbox.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One kind of object in memory: a concurrent id map, a per-account index ordered by sort key for lists, and a
 * FIFO of ids so that, past {@code capacity} objects, the oldest are evicted. No global lock: writes to one
 * object go through {@link ConcurrentHashMap#compute}, which serializes them per id.
 */
public final class Table<T extends Stored> {
    private final int capacity;
    private final ConcurrentHashMap<String, T> byId;
    private final ConcurrentHashMap<String, ConcurrentSkipListMap<Long, String>> byAccount = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<T> insertionOrder = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final boolean indexed;

    /** @param indexed whether lists are served (tokens are never listed, so they skip the ordered index) */
    public Table(int capacity, boolean indexed) {
        this.capacity = capacity;
        this.indexed = indexed;
        // pre-sized so that growing past a million objects does not stall a request on a resize
        this.byId = new ConcurrentHashMap<>(Math.min(capacity, 1 << 20), 0.75f, 4);
    }

    public void insert(T obj) {
        byId.put(obj.id(), obj);
        if (indexed) {
            byAccount.computeIfAbsent(obj.accountId(), a -> new ConcurrentSkipListMap<>()).put(obj.sortKey(), obj.id());
        }
        insertionOrder.add(obj);
        if (size.incrementAndGet() > capacity) {
            evictOldest();
        }
    }

    private void evictOldest() {
        T old = insertionOrder.poll();
        if (old == null) {
            return;
        }
        size.decrementAndGet();
        byId.remove(old.id());
        if (indexed) {
            ConcurrentSkipListMap<Long, String> idx = byAccount.get(old.accountId());
            if (idx != null) {
                idx.remove(old.sortKey(), old.id());
            }
        }
    }

    /** The object if it exists and belongs to {@code accountId}; other accounts' objects are invisible. */
    public T get(String accountId, String id) {
        T t = byId.get(id);
        return t != null && t.accountId().equals(accountId) ? t : null;
    }

    /**
     * Atomically replaces the object with {@code fn(current)}; {@code fn} may throw to refuse the change. Returns the
     * new object, or null if it does not exist for this account.
     */
    public T update(String accountId, String id, UnaryOperator<T> fn) {
        T r = byId.computeIfPresent(id, (k, cur) -> cur.accountId().equals(accountId) ? fn.apply(cur) : cur);
        return r != null && r.accountId().equals(accountId) ? r : null;
    }

    public int size() {
        return size.get();
    }

    /** A page of results, newest first. */
    public record Page<T>(List<T> data, boolean hasMore) {
    }

    /**
     * Newest-first paging over one account's objects with sort keys in [{@code fromKey}, {@code toKey}).
     * {@code startingAfter}/{@code endingBefore} are sort keys of cursor objects (or null).
     */
    public Page<T> page(String accountId, long fromKey, long toKey, Long startingAfter, Long endingBefore, int limit,
            Predicate<T> filter) {
        ConcurrentSkipListMap<Long, String> idx = byAccount.get(accountId);
        if (idx == null || fromKey >= toKey) {
            return new Page<>(List.of(), false);
        }
        return pageOf(idx.subMap(fromKey, true, toKey, false), startingAfter, endingBefore, limit, filter, byId);
    }

    /** Same paging over an explicit set of objects (e.g. one charge's refunds). */
    public static <T extends Stored> Page<T> pageOf(NavigableMap<Long, String> range, Long startingAfter,
            Long endingBefore, int limit, Predicate<T> filter, Map<String, T> lookup) {
        List<T> out = new ArrayList<>(Math.min(limit, 100));
        if (endingBefore != null) {
            // walk from the cursor towards newer objects, then present newest first
            NavigableMap<Long, String> newer = range.tailMap(endingBefore, false);
            boolean more = false;
            for (String id : newer.values()) {
                T t = lookup.get(id);
                if (t == null || !filter.test(t)) {
                    continue;
                }
                if (out.size() == limit) {
                    more = true;
                    break;
                }
                out.add(t);
            }
            java.util.Collections.reverse(out);
            return new Page<>(out, more);
        }
        NavigableMap<Long, String> older = startingAfter != null ? range.headMap(startingAfter, false) : range;
        boolean more = false;
        for (String id : older.descendingMap().values()) {
            T t = lookup.get(id);
            if (t == null || !filter.test(t)) {
                continue;
            }
            if (out.size() == limit) {
                more = true;
                break;
            }
            out.add(t);
        }
        return new Page<>(out, more);
    }

    public Map<String, T> view() {
        return byId;
    }
}
