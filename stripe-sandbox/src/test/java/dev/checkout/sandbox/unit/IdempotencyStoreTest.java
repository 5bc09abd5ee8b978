package dev.checkout.sandbox.unit;

import dev.checkout.sandbox.MutableClock;
import dev.checkout.sandbox.api.Reply;
import dev.checkout.sandbox.json.JsonBody;
import dev.checkout.sandbox.store.IdempotencyStore;
import dev.checkout.sandbox.store.IdempotencyStore.Claim;
import dev.checkout.sandbox.store.IdempotencyStore.Claimed;
import dev.checkout.sandbox.store.IdempotencyStore.InFlight;
import dev.checkout.sandbox.store.IdempotencyStore.Mismatch;
import dev.checkout.sandbox.store.IdempotencyStore.Replay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The idempotency store's ring and int index: growth, exact oldest-first eviction, release, expiry, accounts,
 * awkward keys, hash collisions, a comparison against a plain model, and concurrent use.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hung store fails, not hangs
class IdempotencyStoreTest {
    private static final long DAY = Duration.ofHours(24).toMillis();
    private static final JsonBody BODY = w -> w.beginObject().endObject();

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

    /** A reply that names its request, so a replay can be traced back to the request that made it. */
    private static Reply reply(String requestId) {
        return new Reply(200, BODY, Map.of("rid", requestId));
    }

    /** Claims and completes {@code key}, which must be new. */
    private static void put(IdempotencyStore store, String account, String key, String requestId) {
        Claim c = store.claim(account, key, 1, 2, requestId);
        assertThat(c).as(key).isInstanceOf(Claimed.class);
        store.complete((Claimed) c, reply(requestId));
    }

    private static void assertReplays(IdempotencyStore store, String account, String key, String requestId) {
        assertThat(store.claim(account, key, 1, 2, "req_retry")).as(key)
                .isEqualTo(new Replay(reply(requestId), requestId));
    }

    @Test
    void grows_past_several_index_doublings_and_finds_every_key() {
        IdempotencyStore store = new IdempotencyStore(2_000_000, DAY, clock);
        int n = 100_000; // the index starts at 1,024 slots: this doubles it eight times
        for (int i = 0; i < n; i++) {
            put(store, "acct_a", "key-" + i, "req_" + i);
        }

        assertThat(store.size()).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            assertReplays(store, "acct_a", "key-" + i, "req_" + i);
        }
        assertThat(store.claim("acct_a", "key-" + n, 1, 2, "req_x")).isInstanceOf(Claimed.class);
        assertThat(store.size()).isEqualTo(n + 1);
    }

    @Test
    void at_capacity_exactly_the_oldest_keys_are_evicted() {
        // 1,000 fits one ring chunk; 16,385 needs a second chunk of a single slot
        for (int[] c : new int[][] {{1_000, 5_000}, {16_385, 40_000}}) {
            int capacity = c[0];
            int n = c[1];
            IdempotencyStore store = new IdempotencyStore(capacity, DAY, clock);
            for (int i = 0; i < n; i++) {
                put(store, "acct_a", "key-" + i, "req_" + i);
                assertThat(store.size()).isEqualTo(Math.min(i + 1, capacity));
            }

            for (int i = n - capacity; i < n; i++) {
                assertReplays(store, "acct_a", "key-" + i, "req_" + i);
            }
            assertThat(store.size()).isEqualTo(capacity);
            for (int i = 0; i < n - capacity; i++) {
                assertThat(store.claim("acct_a", "key-" + i, 1, 2, "req_again")).as("key-" + i)
                        .isInstanceOf(Claimed.class);
            }
            assertThat(store.size()).isEqualTo(capacity);
        }
    }

    @Test
    void a_released_key_can_be_claimed_again() {
        IdempotencyStore store = new IdempotencyStore(100, DAY, clock);
        var first = (Claimed) store.claim("acct_a", "k", 1, 2, "req_1");
        store.release(first);
        assertThat(store.size()).isZero();

        // released, not stored: other parameters are no mismatch, and the new request's reply is the one kept
        var second = (Claimed) store.claim("acct_a", "k", 7, 7, "req_2");
        assertThat(store.claim("acct_a", "k", 7, 7, "req_3")).isInstanceOf(InFlight.class);
        store.complete(second, reply("req_2"));
        assertThat(store.claim("acct_a", "k", 7, 7, "req_4")).isEqualTo(new Replay(reply("req_2"), "req_2"));
        assertThat(store.claim("acct_a", "k", 1, 2, "req_5")).isInstanceOf(Mismatch.class);

        // releasing the first claim again must not touch the entry that now holds the key
        store.release(first);
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.claim("acct_a", "k", 7, 7, "req_6")).isEqualTo(new Replay(reply("req_2"), "req_2"));
    }

    @Test
    void a_stale_claim_does_not_release_the_entry_that_took_its_slot_or_key() {
        IdempotencyStore store = new IdempotencyStore(2, DAY, clock);
        var a = (Claimed) store.claim("acct_a", "a", 1, 2, "req_a");
        put(store, "acct_a", "b", "req_b");
        put(store, "acct_a", "c", "req_c"); // evicts a; c sits in a's ring slot
        store.release(a);
        assertThat(store.size()).isEqualTo(2);
        assertReplays(store, "acct_a", "c", "req_c");

        var d = (Claimed) store.claim("acct_a", "d", 1, 2, "req_d");
        clock.advance(Duration.ofHours(25));
        var d2 = (Claimed) store.claim("acct_a", "d", 1, 2, "req_d2"); // d expired: a fresh entry for the key
        store.release(d);
        store.complete(d2, reply("req_d2"));
        assertReplays(store, "acct_a", "d", "req_d2");
    }

    @Test
    void an_expired_key_is_removed_on_claim_and_starts_afresh() {
        IdempotencyStore store = new IdempotencyStore(100, DAY, clock);
        put(store, "acct_a", "k", "req_1");
        clock.advance(Duration.ofHours(24).minusMillis(1));
        assertReplays(store, "acct_a", "k", "req_1");
        clock.advance(Duration.ofMillis(1));

        // other parameters: no mismatch, since the old entry no longer counts
        var fresh = (Claimed) store.claim("acct_a", "k", 5, 6, "req_2");
        assertThat(store.size()).isEqualTo(1);
        store.complete(fresh, reply("req_2"));
        assertThat(store.claim("acct_a", "k", 5, 6, "req_3")).isEqualTo(new Replay(reply("req_2"), "req_2"));
        assertThat(store.sweep()).isZero();
    }

    @Test
    void sweep_drops_expired_keys_from_the_oldest_end_over_several_batches() {
        IdempotencyStore store = new IdempotencyStore(1_000_000, DAY, clock);
        int old = 25_000; // more than two sweep batches
        for (int i = 0; i < old; i++) {
            put(store, "acct_a", "old-" + i, "req_o" + i);
        }
        // holes in the ring: released claims and keys removed on claim must not stop or miscount the sweep
        for (int i = 0; i < old; i += 7) {
            var c = (Claimed) store.claim("acct_a", "hole-" + i, 1, 2, "req_h");
            store.release(c);
        }
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 5_000; i++) {
            put(store, "acct_a", "new-" + i, "req_n" + i);
        }
        assertThat(store.sweep()).isZero();

        clock.advance(Duration.ofHours(23));
        assertThat(store.sweep()).isEqualTo(old);
        assertThat(store.size()).isEqualTo(5_000);
        assertThat(store.sweep()).isZero();
        for (int i = 0; i < 5_000; i++) {
            assertReplays(store, "acct_a", "new-" + i, "req_n" + i);
        }
        assertThat(store.claim("acct_a", "old-0", 1, 2, "req_z")).isInstanceOf(Claimed.class);

        clock.advance(Duration.ofHours(1));
        assertThat(store.sweep()).isEqualTo(5_000); // old-0, claimed again a moment ago, stays
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void sweep_after_the_ring_wrapped_starts_at_the_oldest_stored_key() {
        IdempotencyStore store = new IdempotencyStore(1_000, DAY, clock);
        for (int i = 0; i < 3_000; i++) {
            put(store, "acct_a", "key-" + i, "req_" + i);
        }
        clock.advance(Duration.ofHours(1));
        for (int i = 3_000; i < 3_500; i++) { // these take ring slots 0 to 499, ahead of older keys in 500 to 999
            put(store, "acct_a", "key-" + i, "req_" + i);
        }
        clock.advance(Duration.ofHours(23));
        assertThat(store.sweep()).isEqualTo(500);
        assertThat(store.size()).isEqualTo(500);
        for (int i = 3_000; i < 3_500; i++) {
            assertReplays(store, "acct_a", "key-" + i, "req_" + i);
        }
        clock.advance(Duration.ofHours(1));
        assertThat(store.sweep()).isEqualTo(500);
        assertThat(store.size()).isZero();
    }

    @Test
    void the_same_key_under_two_accounts_is_two_keys() {
        // accounts with equal String hash codes, so that only the account comparison tells the two keys apart
        String accountA = "acct_Aa";
        String accountB = "acct_BB";
        assertThat(accountA.hashCode()).isEqualTo(accountB.hashCode());
        IdempotencyStore store = new IdempotencyStore(100, DAY, clock);
        put(store, accountA, "k", "req_a");
        // an equal account string that is another instance still names the same account
        var b = (Claimed) store.claim(new String(accountB.toCharArray()), "k", 8, 9, "req_b");
        store.complete(b, reply("req_b"));

        assertThat(store.size()).isEqualTo(2);
        assertReplays(store, accountA, "k", "req_a");
        assertThat(store.claim(accountB, "k", 8, 9, "req_x")).isEqualTo(new Replay(reply("req_b"), "req_b"));
        assertThat(store.claim(accountB, "k", 1, 2, "req_y")).isInstanceOf(Mismatch.class);
        assertThat(store.claim("acct_c", "k", 1, 2, "req_z")).isInstanceOf(Claimed.class);
    }

    @Test
    void keys_are_compared_by_all_their_bytes() {
        IdempotencyStore store = new IdempotencyStore(100, DAY, clock);
        String prefix = "x".repeat(200);
        List<String> keys = List.of("clé", "cle\u0301", "日本語-キー", "emoji-\uD83D\uDE00", "emoji-\uD83D\uDE01",
                prefix + "a", prefix + "b", prefix + "a" + "é", "ab", "a", "abc");
        for (int i = 0; i < keys.size(); i++) {
            // non-ASCII request ids come back as they went in
            put(store, "acct_a", keys.get(i), "req_ü" + i);
        }
        assertThat(store.size()).isEqualTo(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            assertReplays(store, "acct_a", keys.get(i), "req_ü" + i);
        }
    }

    @Test
    void a_key_and_request_id_packed_into_the_same_bytes_are_still_different_keys() {
        IdempotencyStore store = new IdempotencyStore(100, DAY, clock);
        put(store, "acct_a", "ab", "c");
        put(store, "acct_a", "a", "bc");
        put(store, "acct_a", "", "abc");
        assertReplays(store, "acct_a", "ab", "c");
        assertReplays(store, "acct_a", "a", "bc");
        assertReplays(store, "acct_a", "", "abc");
        assertThat(store.claim("acct_a", "abc", 1, 2, "req_q")).isInstanceOf(Claimed.class);
    }

    /** Strings made of "Aa" and "BB" blocks: equal String hash codes, and equal polynomial hashes of their bytes. */
    private static List<String> collidingKeys(int blocks) {
        List<String> keys = new ArrayList<>();
        for (int bits = 0; bits < 1 << blocks; bits++) {
            StringBuilder sb = new StringBuilder();
            for (int b = 0; b < blocks; b++) {
                sb.append((bits >>> b & 1) == 0 ? "Aa" : "BB");
            }
            keys.add(sb.toString());
        }
        return keys;
    }

    @Test
    void keys_with_colliding_hashes_are_all_stored_found_and_removed() {
        List<String> colliding = collidingKeys(9);
        int expected = Arrays.hashCode(colliding.get(0).getBytes(StandardCharsets.UTF_8));
        assertThat(colliding).hasSize(512).allSatisfy(k -> {
            assertThat(k.hashCode()).isEqualTo(colliding.get(0).hashCode());
            assertThat(Arrays.hashCode(k.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
        });

        IdempotencyStore store = new IdempotencyStore(100_000, DAY, clock);
        List<Claimed> claims = new ArrayList<>();
        for (int i = 0; i < colliding.size(); i++) {
            claims.add((Claimed) store.claim("acct_a", colliding.get(i), 1, 2, "req_c" + i));
            put(store, "acct_a", "plain-" + i, "req_p" + i); // interleaved, to share the probe runs
        }
        // release every third colliding key: deletions from the middle of one long probe run
        for (int i = 0; i < colliding.size(); i++) {
            if (i % 3 == 0) {
                store.release(claims.get(i));
            } else {
                store.complete(claims.get(i), reply("req_c" + i));
            }
        }
        for (int i = 0; i < colliding.size(); i++) {
            assertReplays(store, "acct_a", "plain-" + i, "req_p" + i);
            if (i % 3 != 0) {
                assertReplays(store, "acct_a", colliding.get(i), "req_c" + i);
            }
        }
        int size = store.size();
        for (int i = 0; i < colliding.size(); i += 3) {
            assertThat(store.claim("acct_a", colliding.get(i), 1, 2, "req_r")).as(colliding.get(i))
                    .isInstanceOf(Claimed.class);
        }
        assertThat(store.size()).isEqualTo(size + (colliding.size() + 2) / 3);
    }

    /** The model's idea of one stored key. */
    private static final class ModelEntry {
        final String id;
        final long seq;
        final long fingerprint;
        final long created;
        final String requestId;
        Reply reply;

        ModelEntry(String id, long seq, long fingerprint, long created, String requestId) {
            this.id = id;
            this.seq = seq;
            this.fingerprint = fingerprint;
            this.created = created;
            this.requestId = requestId;
        }
    }

    /**
     * Random claims, completes, releases, clock moves and sweeps against the store and a plain model of its rules
     * (a map by key and a map by insertion sequence); every answer must agree.
     */
    @Test
    void agrees_with_a_plain_model_over_random_operations() {
        int capacity = 2_000;
        long retention = 1_000_000;
        IdempotencyStore store = new IdempotencyStore(capacity, retention, clock);
        Map<String, ModelEntry> byKey = new HashMap<>();
        Map<Long, ModelEntry> bySeq = new HashMap<>();
        long next = 0;
        long head = 0;
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            pool.add("key-" + i);
        }
        pool.addAll(collidingKeys(8));
        String[] accounts = {"acct_a", "acct_b"};
        List<Claimed> open = new ArrayList<>();
        List<ModelEntry> openModel = new ArrayList<>();
        Random random = new Random(42);

        for (int op = 0; op < 300_000; op++) {
            long now = clock.millis();
            int kind = random.nextInt(100);
            if (kind < 60) {
                String account = accounts[random.nextInt(2)];
                String key = pool.get(random.nextInt(pool.size()));
                long fingerprint = random.nextInt(8) == 0 ? 2 : 1;
                String requestId = "req_" + op;
                String id = account + "\u0000" + key;
                Claim got = store.claim(account, key, fingerprint, 0, requestId);

                ModelEntry e = byKey.get(id);
                if (e != null && now - e.created >= retention) {
                    byKey.remove(id);
                    bySeq.remove(e.seq);
                    e = null;
                }
                if (e == null) {
                    ModelEntry fresh = new ModelEntry(id, next++, fingerprint, now, requestId);
                    ModelEntry evicted = bySeq.remove(fresh.seq - capacity); // whatever still sits in the slot
                    if (evicted != null) {
                        byKey.remove(evicted.id);
                    }
                    byKey.put(id, fresh);
                    bySeq.put(fresh.seq, fresh);
                    assertThat(got).as("op %d", op).isInstanceOf(Claimed.class);
                    open.add((Claimed) got);
                    openModel.add(fresh);
                } else {
                    Claim want = e.fingerprint != fingerprint ? new Mismatch()
                            : e.reply == null ? new InFlight()
                            : new Replay(e.reply, e.requestId);
                    assertThat(got).as("op %d", op).isEqualTo(want);
                }
            } else if (kind < 90 && !open.isEmpty()) {
                int i = random.nextInt(open.size());
                Claimed c = open.remove(i);
                ModelEntry e = openModel.remove(i);
                if (random.nextInt(4) == 0) {
                    store.release(c);
                    if (byKey.get(e.id) == e) {
                        byKey.remove(e.id);
                        bySeq.remove(e.seq);
                    }
                } else {
                    e.reply = reply(e.requestId);
                    store.complete(c, e.reply);
                }
            } else if (kind < 99) {
                clock.advance(Duration.ofMillis(random.nextInt(2_000)));
            } else {
                int dropped = 0;
                head = Math.max(head, next - capacity);
                for (; head < next; head++) {
                    ModelEntry e = bySeq.get(head);
                    if (e != null) {
                        if (now - e.created < retention) {
                            break;
                        }
                        bySeq.remove(head);
                        byKey.remove(e.id);
                        dropped++;
                    }
                }
                assertThat(store.sweep()).as("op %d", op).isEqualTo(dropped);
            }
            assertThat(store.size()).as("op %d", op).isEqualTo(byKey.size());
        }
    }

    /**
     * Eight threads claim overlapping keys and release or complete their claims. A key is never claimed while
     * someone holds it or after it was completed, every replay carries its own request's reply, and at the end
     * every completed key is still there and nothing else is.
     */
    @Test
    void concurrent_claims_keep_every_key_claimed_once_and_lose_nothing() throws Exception {
        IdempotencyStore store = new IdempotencyStore(1_000_000, DAY, clock);
        int keys = 4_000;
        int threads = 8;
        int perThread = 20_000;
        AtomicIntegerArray state = new AtomicIntegerArray(keys); // 0 free, 1 held, 2 completed
        AtomicReferenceArray<String> completedBy = new AtomicReferenceArray<>(keys);
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(Thread.ofPlatform().start(() -> {
                Random random = new Random(thread);
                try {
                    start.await();
                    for (int n = 0; n < perThread; n++) {
                        int k = random.nextInt(keys);
                        String requestId = "req_t" + thread + "_" + n;
                        Claim c = store.claim(account(k), "key-" + k, k, 0, requestId);
                        switch (c) {
                            case Claimed claimed -> {
                                if (!state.compareAndSet(k, 0, 1)) {
                                    errors.add("key " + k + " claimed in state " + state.get(k));
                                }
                                if (random.nextInt(3) == 0) {
                                    state.set(k, 0); // before the release: a claim right after must see "free"
                                    store.release(claimed);
                                } else {
                                    completedBy.set(k, requestId);
                                    store.complete(claimed, reply(requestId));
                                    state.set(k, 2);
                                }
                            }
                            case Replay r -> {
                                if (!r.originalRequestId().equals(completedBy.get(k))
                                        || !r.reply().equals(reply(r.originalRequestId()))) {
                                    errors.add("key " + k + " replayed " + r + ", completed by " + completedBy.get(k));
                                }
                            }
                            case Mismatch m -> errors.add("key " + k + ": mismatch");
                            case InFlight f -> {
                            }
                        }
                    }
                } catch (Throwable e) {
                    errors.add(e.toString());
                }
            }));
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertThat(errors).isEmpty();

        int completed = 0;
        for (int k = 0; k < keys; k++) {
            assertThat(state.get(k)).isNotEqualTo(1);
            completed += state.get(k) == 2 ? 1 : 0;
        }
        assertThat(completed).isGreaterThan(keys / 2);
        assertThat(store.size()).isEqualTo(completed);
        for (int k = 0; k < keys; k++) {
            Claim c = store.claim(account(k), "key-" + k, k, 0, "req_final");
            if (state.get(k) == 2) {
                assertThat(c).as("key %d", k).isEqualTo(new Replay(reply(completedBy.get(k)), completedBy.get(k)));
            } else {
                assertThat(c).as("key %d", k).isInstanceOf(Claimed.class);
            }
        }
    }

    private static String account(int k) {
        return k % 2 == 0 ? "acct_even" : "acct_odd";
    }

    /**
     * Claims under eviction, releases, a moving clock and concurrent sweeps: replies always belong to their key and
     * request, the store never exceeds its capacity, and the index and ring agree at the end.
     */
    @Test
    void concurrent_claims_with_eviction_and_sweeps_stay_consistent() throws Exception {
        int capacity = 1_000;
        IdempotencyStore store = new IdempotencyStore(capacity, 10_000, clock);
        int keys = 5_000;
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(6);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int thread = t;
            workers.add(Thread.ofPlatform().start(() -> {
                Random random = new Random(100 + thread);
                try {
                    start.await();
                    for (int n = 0; n < 20_000; n++) {
                        int k = random.nextInt(keys);
                        String requestId = "req_k" + k + "_t" + thread + "_" + n;
                        Claim c = store.claim("acct_a", "key-" + k, k, 0, requestId);
                        if (c instanceof Claimed claimed) {
                            if (random.nextInt(4) == 0) {
                                store.release(claimed);
                            } else {
                                store.complete(claimed, reply(requestId));
                            }
                        } else if (c instanceof Replay r) {
                            String id = r.originalRequestId();
                            if (!id.startsWith("req_k" + k + "_") || !r.reply().equals(reply(id))) {
                                errors.add("key " + k + " replayed " + r);
                            }
                        } else if (c instanceof Mismatch) {
                            errors.add("key " + k + ": mismatch");
                        }
                        if (store.size() > capacity) {
                            errors.add("size " + store.size());
                        }
                    }
                    // so that the last thread to finish leaves a key the sweeper cannot have expired yet
                    put(store, "acct_a", "last-" + thread, "req_last" + thread);
                } catch (Throwable e) {
                    errors.add(e.toString());
                } finally {
                    done.countDown();
                }
            }));
        }
        Thread sweeper = Thread.ofPlatform().start(() -> {
            try {
                start.await();
                while (done.getCount() > 0) {
                    clock.advance(Duration.ofMillis(500));
                    store.sweep();
                    Thread.sleep(1);
                }
            } catch (Throwable e) {
                errors.add(e.toString());
            }
        });
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        sweeper.join();
        assertThat(errors).isEmpty();

        // every stored entry is reachable through the index: sweeping all of them finds each one
        int size = store.size();
        assertThat(size).isBetween(1, capacity);
        clock.advance(Duration.ofSeconds(10));
        assertThat(store.sweep()).isEqualTo(size);
        assertThat(store.size()).isZero();
        // and the index holds nothing stale
        for (int k = 0; k < keys; k++) {
            assertThat(store.claim("acct_a", "key-" + k, k, 0, "req_final")).isInstanceOf(Claimed.class);
        }
        assertThat(store.size()).isEqualTo(capacity);
    }
}
