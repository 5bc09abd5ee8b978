package dev.checkout.sandbox.unit;

import dev.checkout.sandbox.MutableClock;
import dev.checkout.sandbox.api.Accounts;
import dev.checkout.sandbox.api.Reply;
import dev.checkout.sandbox.store.IdempotencyStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounded idempotency store (expiry, eviction by count) and key masking; the tables have {@link TableTest}. */
class StoresTest {
    @Test
    void idempotency_keys_expire_after_the_retention_and_are_swept() {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        IdempotencyStore store = new IdempotencyStore(100, Duration.ofHours(24).toMillis(), clock);
        Reply reply = new Reply(200, w -> w.beginObject().endObject());

        var claim = (IdempotencyStore.Claimed) store.claim("a", "k", 1, 2, "req_1");
        assertThat(store.claim("a", "k", 1, 2, "req_2")).isInstanceOf(IdempotencyStore.InFlight.class);
        store.complete(claim, reply);
        assertThat(store.claim("a", "k", 1, 2, "req_3"))
                .isEqualTo(new IdempotencyStore.Replay(reply, "req_1"));
        assertThat(store.claim("a", "k", 1, 3, "req_4"))
                .isInstanceOf(IdempotencyStore.Mismatch.class);
        assertThat(store.claim("b", "k", 9, 9, "req_5")).isInstanceOf(IdempotencyStore.Claimed.class);

        clock.advance(Duration.ofHours(24));
        assertThat(store.sweep()).isEqualTo(2);
        assertThat(store.size()).isZero();
        assertThat(store.claim("a", "k", 1, 3, "req_6")).isInstanceOf(IdempotencyStore.Claimed.class);
    }

    @Test
    void idempotency_keys_past_capacity_evict_the_oldest() {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        IdempotencyStore store = new IdempotencyStore(2, Duration.ofHours(24).toMillis(), clock);
        for (String k : new String[] {"k1", "k2", "k3"}) {
            var c = (IdempotencyStore.Claimed) store.claim("a", k, 1, 1, "req");
            store.complete(c, new Reply(200, w -> w.beginObject().endObject()));
        }

        assertThat(store.size()).isEqualTo(2);
        assertThat(store.claim("a", "k1", 1, 1, "req")).isInstanceOf(IdempotencyStore.Claimed.class);
        assertThat(store.claim("a", "k3", 1, 1, "req")).isInstanceOf(IdempotencyStore.Replay.class);
    }

    @Test
    void keys_are_masked_keeping_prefix_and_last_four() {
        assertThat(Accounts.mask("sk_test_abcdefghijklmnop1234")).isEqualTo("sk_test_****************1234");
        assertThat(Accounts.mask("pk_live_ab")).isEqualTo("pk_live_ab");
        assertThat(Accounts.mask("whatever12345")).isEqualTo("*********2345");
    }
}
