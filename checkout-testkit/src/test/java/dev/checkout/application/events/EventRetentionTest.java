package dev.checkout.application.events;

import dev.checkout.testkit.InMemoryReceivedEvents;
import dev.checkout.testkit.InMemoryTransactions;
import dev.checkout.testkit.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sweep of received events: what is older than the retention goes, a bounded number of batches per pass. */
class EventRetentionTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryReceivedEvents received = new InMemoryReceivedEvents(transactions);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private void receive(String id, Duration ago) {
        transactions.run(() -> received.record(id, "charge.succeeded", NOW.minus(ago)));
    }

    @Test
    void a_sweep_forgets_what_is_older_than_the_retention_in_batches_and_the_next_goes_on() {
        for (int i = 0; i < 25; i++) {
            receive("evt_old" + i, Duration.ofDays(31).plusMinutes(i));
        }
        receive("evt_recent", Duration.ofDays(29));
        receive("evt_just_inside", Duration.ofDays(30).minusSeconds(1));
        var retention = new EventRetention(received, transactions, clock, Duration.ofDays(30), 10, 2);

        assertThat(retention.sweep()).as("two batches of ten, then the pass stops").isEqualTo(20);
        assertThat(received.size()).isEqualTo(7);
        assertThat(received.contains("evt_old24")).as("the oldest go first").isFalse();
        assertThat(received.contains("evt_old0")).isTrue();

        assertThat(retention.sweep()).isEqualTo(5);
        assertThat(retention.sweep()).isZero();
        assertThat(received.contains("evt_recent")).isTrue();
        assertThat(received.contains("evt_just_inside")).isTrue();
        assertThat(received.size()).isEqualTo(2);
    }

    @Test
    void the_retention_counts_back_from_the_clock() {
        var moving = new MutableClock();
        receive("evt_a", Duration.ZERO);
        var retention = new EventRetention(received, transactions, moving, Duration.ofDays(30));
        moving.set(NOW.plus(Duration.ofDays(29)));
        assertThat(retention.sweep()).isZero();
        moving.set(NOW.plus(Duration.ofDays(30)).plusSeconds(1));
        assertThat(retention.sweep()).isEqualTo(1);
        assertThat(received.contains("evt_a")).isFalse();
    }

    @Test
    void a_non_positive_retention_or_batch_is_refused() {
        assertThatThrownBy(() -> new EventRetention(received, transactions, clock, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> new EventRetention(received, transactions, clock, Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventRetention(received, transactions, clock, Duration.ofDays(1), 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch");
    }
}
