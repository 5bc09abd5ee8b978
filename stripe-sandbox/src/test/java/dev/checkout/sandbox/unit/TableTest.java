package dev.checkout.sandbox.unit;

import dev.checkout.sandbox.store.Bytes;
import dev.checkout.sandbox.store.Codecs;
import dev.checkout.sandbox.store.Stored;
import dev.checkout.sandbox.store.Table;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ring table: ids that find their slot, oldest-first eviction, atomic updates, and paging like Stripe's lists. */
class TableTest {
    record Thing(String id, String accountId, long sortKey, long value) implements Stored {
    }

    static final Codecs.Codec<Thing> THINGS = new Codecs.Codec<>() {
        @Override
        public void write(Thing t, Bytes.Out out) {
            out.varLong(t.value());
        }

        @Override
        public Thing read(String id, String accountId, long sortKey, Bytes.In in) {
            return new Thing(id, accountId, sortKey, in.varLong());
        }
    };

    private static Thing put(Table<Thing> table, String account, long sortKey, long value) {
        Thing t = new Thing(table.newId(), account, sortKey, value);
        table.insert(t);
        return t;
    }

    /** Runs {@code task} on {@code threads} threads released at once, and rethrows the first failure. */
    private static void together(int threads, Runnable task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                done.add(pool.submit(() -> {
                    go.await();
                    task.run();
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void ids_look_like_stripes_and_find_their_object() {
        Table<Thing> table = new Table<>("ch_", 1000, false, THINGS);
        Set<String> ids = new HashSet<>();
        List<Thing> things = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Thing t = put(table, "acct", i, i * 7L);
            assertThat(t.id()).matches("ch_[0-9A-Za-z]{24}");
            ids.add(t.id());
            things.add(t);
        }
        assertThat(ids).hasSize(1000);
        for (Thing t : things) {
            assertThat(table.get("acct", t.id())).isEqualTo(t);
            assertThat(table.byId(t.id())).isEqualTo(t);
        }
        // consecutive objects do not get neighbouring ids
        assertThat(things.get(1).id().substring(3, 14)).isNotEqualTo(things.get(0).id().substring(3, 14));
    }

    @Test
    void ids_that_are_not_ours_find_nothing() {
        Table<Thing> table = new Table<>("ch_", 10, false, THINGS);
        Table<Thing> other = new Table<>("ch_", 10, false, THINGS);
        Thing t = put(table, "acct", 1, 1);
        Thing elsewhere = put(other, "acct", 1, 1);
        char last = t.id().charAt(t.id().length() - 1);
        String tampered = t.id().substring(0, t.id().length() - 1) + (last == 'a' ? 'b' : 'a');

        assertThat(table.get("acct", tampered)).isNull();
        assertThat(table.get("acct", elsewhere.id())).isNull();
        assertThat(table.get("acct", "re_" + t.id().substring(3))).isNull();
        for (String junk : new String[] {null, "", "ch_", "ch_zzzzzzzzzzzzzzzzzzzzzzzz", "ch_" + "é".repeat(24),
                t.id() + "x", t.id().substring(0, 20), "ch_-_-_-_-_-_-_-_-_-_-_-_-"}) {
            assertThat(table.get("acct", junk)).as(junk).isNull();
            assertThat(table.update("acct", junk, x -> x)).as(junk).isNull();
        }
        assertThatThrownBy(() -> table.insert(new Thing("ch_made_up_by_hand_000000", "acct", 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void past_its_capacity_it_evicts_exactly_the_oldest() {
        Table<Thing> table = new Table<>("t_", 3, true, THINGS);
        List<Thing> things = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            things.add(put(table, "acct", Stored.sortKey(1000, i), i));
        }

        assertThat(table.size()).isEqualTo(3);
        assertThat(table.get("acct", things.get(0).id())).isNull();
        assertThat(table.get("acct", things.get(1).id())).isNull();
        assertThat(table.get("acct", things.get(4).id())).isEqualTo(things.get(4));
        assertThat(table.get("other", things.get(4).id())).isNull();
        assertThat(table.page("acct", Long.MIN_VALUE, Long.MAX_VALUE, null, null, 10, x -> true).data())
                .extracting(Thing::value).containsExactly(5L, 4L, 3L);
    }

    @Test
    void an_update_is_atomic_can_refuse_and_leaves_earlier_snapshots_alone() {
        Table<Thing> table = new Table<>("t_", 10, true, THINGS);
        Thing t = put(table, "acct", 1, 0);
        byte[] before = table.insert(new Thing(table.newId(), "acct", 2, 99));

        Table.Row<Thing> row = table.update("acct", t.id(), x -> new Thing(x.id(), x.accountId(), x.sortKey(), 5));
        assertThat(row.value().value()).isEqualTo(5);
        assertThat(table.decode(row.record())).isEqualTo(row.value());
        assertThat(table.decode(before).value()).isEqualTo(99);

        assertThatThrownBy(() -> table.update("acct", t.id(), x -> {
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        assertThat(table.get("acct", t.id()).value()).isEqualTo(5);
        assertThat(table.update("other", t.id(), x -> new Thing(x.id(), x.accountId(), x.sortKey(), 6))).isNull();
        assertThat(table.get("acct", t.id()).value()).isEqualTo(5);
    }

    @Test
    void concurrent_updates_of_one_object_are_never_lost() throws Exception {
        Table<Thing> table = new Table<>("t_", 100, false, THINGS);
        Thing t = put(table, "acct", 1, 0);
        int threads = 4;
        int each = 5_000;
        together(threads, () -> {
            for (int k = 0; k < each; k++) {
                table.update("acct", t.id(), x -> new Thing(x.id(), x.accountId(), x.sortKey(), x.value() + 1));
            }
        });
        assertThat(table.get("acct", t.id()).value()).isEqualTo((long) threads * each);
    }

    @Test
    void concurrent_inserts_keep_exactly_the_newest_objects_listed() throws Exception {
        int capacity = 1_000;
        Table<Thing> table = new Table<>("t_", capacity, true, THINGS);
        int threads = 4;
        int each = 10_000;
        List<Thing> all = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicLong keys = new java.util.concurrent.atomic.AtomicLong();
        together(threads, () -> {
            for (int k = 0; k < each; k++) {
                Thing t = new Thing(table.newId(), "acct", Stored.sortKey(0, keys.incrementAndGet()), 0);
                all.add(t);
                table.insert(t);
            }
        });
        List<String> present = all.stream().map(Thing::id).filter(id -> table.get("acct", id) != null).toList();
        assertThat(present).hasSize(capacity);
        assertThat(table.size()).isEqualTo(capacity);
        // the list holds exactly what is stored, each object once, newest first across pages
        List<Thing> listed = new ArrayList<>();
        Long after = null;
        Table.Page<Thing> page;
        do {
            page = table.page("acct", Long.MIN_VALUE, Long.MAX_VALUE, after, null, 100, x -> true);
            listed.addAll(page.data());
            after = page.data().isEmpty() ? null : page.data().getLast().sortKey();
        } while (page.hasMore());
        assertThat(listed).extracting(Thing::id).containsExactlyInAnyOrderElementsOf(present);
        assertThat(listed).isSortedAccordingTo(Comparator.comparingLong(Thing::sortKey).reversed());
    }

    /** Paging checked against a plain sorted list, with sort keys arriving out of order and evictions under way. */
    @RepeatedTest(20)
    void pages_match_a_sorted_list_of_what_is_stored() {
        Random random = new Random();
        int capacity = 60;
        Table<Thing> table = new Table<>("t_", capacity, true, THINGS);
        List<Thing> inserted = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            // mostly ascending keys (created seconds, then a sequence), sometimes one from the past
            long created = random.nextInt(10) == 0 ? random.nextInt(20) : 20 + i / 5;
            Thing t = put(table, random.nextInt(4) == 0 ? "other" : "acct", Stored.sortKey(created, i), i);
            inserted.add(t);
        }
        List<Thing> stored = inserted.subList(inserted.size() - capacity, inserted.size()).stream()
                .filter(t -> t.accountId().equals("acct"))
                .sorted(Comparator.comparingLong(Thing::sortKey).reversed()).toList();
        for (int q = 0; q < 200; q++) {
            long from = random.nextBoolean() ? Long.MIN_VALUE : Stored.minKeyFor(random.nextInt(70));
            long to = random.nextBoolean() ? Long.MAX_VALUE : Stored.minKeyFor(random.nextInt(70));
            int limit = 1 + random.nextInt(12);
            Predicate<Thing> filter = random.nextBoolean() ? x -> true : x -> x.value() % 3 != 0;
            Thing cursor = stored.isEmpty() ? null : stored.get(random.nextInt(stored.size()));
            int mode = random.nextInt(3);
            Long after = mode == 1 && cursor != null ? cursor.sortKey() : null;
            Long before = mode == 2 && cursor != null ? cursor.sortKey() : null;

            List<Thing> matching = stored.stream()
                    .filter(t -> t.sortKey() >= from && t.sortKey() < to && filter.test(t))
                    .filter(t -> after == null || t.sortKey() < after)
                    .filter(t -> before == null || t.sortKey() > before).toList();
            List<Thing> expected;
            boolean more = matching.size() > limit;
            if (before != null) {
                expected = matching.subList(Math.max(0, matching.size() - limit), matching.size());
            } else {
                expected = matching.subList(0, Math.min(limit, matching.size()));
            }

            Table.Page<Thing> page = table.page("acct", from, to, after, before, limit, filter);
            assertThat(page.data()).as("from %d to %d after %s before %s limit %d", from, to, after, before, limit)
                    .containsExactlyElementsOf(expected);
            assertThat(page.hasMore()).isEqualTo(more);
        }
    }

    @Test
    void an_explicit_set_pages_the_same_way() {
        Table<Thing> table = new Table<>("t_", 10, false, THINGS);
        List<Thing> things = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            things.add(new Thing(table.newId(), "acct", Stored.sortKey(100, 4 - i), i));
        }
        // sort keys 4..0 for values 0..4: newest first is value 0
        assertThat(Table.pageOf(things, null, null, 2).data()).extracting(Thing::value)
                .containsExactly(0L, 1L);
        assertThat(Table.pageOf(things, things.get(1).sortKey(), null, 10).data())
                .extracting(Thing::value).containsExactly(2L, 3L, 4L);
        Table.Page<Thing> newer = Table.pageOf(things, null, things.get(4).sortKey(), 2);
        assertThat(newer.data()).extracting(Thing::value).containsExactly(2L, 3L);
        assertThat(newer.hasMore()).isTrue();
    }
}
