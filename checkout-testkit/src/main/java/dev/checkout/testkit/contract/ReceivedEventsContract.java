package dev.checkout.testkit.contract;

import dev.checkout.application.TransactionRunner;
import dev.checkout.domain.port.ReceivedEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.checkout.testkit.contract.ContractData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a {@link ReceivedEvents} must do: record an event id once, as part of the caller's transaction, and decide
 * races in the store so that of several deliveries of one event exactly one records it; and forget the oldest ones
 * in batches when asked ({@link ReceivedEvents#forgetBefore}).
 */
public abstract class ReceivedEventsContract {

    /** {@return the store under test} */
    protected abstract ReceivedEvents events();

    /** {@return the transactions the store takes part in} */
    protected abstract TransactionRunner transactions();

    @Test
    public void an_event_is_recorded_once() {
        String id = ContractData.unique("evt");
        assertThat(events().contains(id)).isFalse();

        assertThat(transactions().call(() -> events().record(id, "charge.succeeded", T0))).isTrue();
        assertThat(events().contains(id)).isTrue();
        assertThat(transactions().call(() -> events().record(id, "charge.succeeded", T0))).isFalse();
    }

    @Test
    public void an_event_recorded_in_a_transaction_that_rolls_back_is_not_recorded() {
        String id = ContractData.unique("evt");
        assertThatThrownBy(() -> transactions().run(() -> {
            events().record(id, "refund.created", T0);
            throw new IllegalStateException("the change the event caused failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(events().contains(id)).isFalse();
        assertThat(transactions().call(() -> events().record(id, "refund.created", T0))).isTrue();
    }

    @Test
    public void of_deliveries_racing_to_record_one_event_exactly_one_records_it() throws Exception {
        String id = ContractData.unique("evt");
        int racers = 8;
        var recorded = new AtomicInteger();
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(racers)) {
            var done = new ArrayList<Future<?>>();
            for (int i = 0; i < racers; i++) {
                done.add(pool.submit(() -> {
                    start.await();
                    try {
                        if (transactions().call(() -> events().record(id, "charge.dispute.created", T0))) {
                            recorded.incrementAndGet();
                        }
                    } catch (RuntimeException lostTheRace) {
                        // allowed: the store refused the second insert and the transaction rolled back
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertThat(recorded).hasValue(1);
        assertThat(events().contains(id)).isTrue();
    }

    @Test
    public void the_oldest_events_before_a_cutoff_are_forgotten_in_batches_and_newer_ones_kept() {
        // far before every other test's events, which share the store
        Instant longAgo = T0.minus(Duration.ofDays(3000));
        String oldest = ContractData.unique("evt");
        String older = ContractData.unique("evt");
        String old = ContractData.unique("evt");
        String kept = ContractData.unique("evt");
        transactions().run(() -> {
            events().record(old, "charge.refunded", longAgo.plusSeconds(120));
            events().record(oldest, "charge.succeeded", longAgo);
            events().record(kept, "charge.dispute.closed", longAgo.plus(Duration.ofDays(10)));
            events().record(older, "refund.created", longAgo.plusSeconds(60));
        });
        Instant cutoff = longAgo.plus(Duration.ofDays(1));

        assertThat(transactions().call(() -> events().forgetBefore(cutoff, 2))).isEqualTo(2);
        assertThat(events().contains(oldest)).isFalse();
        assertThat(events().contains(older)).isFalse();
        assertThat(events().contains(old)).as("the third oldest waits for the next batch").isTrue();

        assertThat(events().forgetBefore(cutoff, 2)).as("outside a transaction too").isEqualTo(1);
        assertThat(events().contains(old)).isFalse();
        assertThat(events().forgetBefore(cutoff, 2)).isZero();
        assertThat(events().contains(kept)).isTrue();
        // a forgotten event that came again would count as new
        assertThat(transactions().call(() -> events().record(oldest, "charge.succeeded", T0))).isTrue();
    }

    @Test
    public void forgetting_in_a_transaction_that_rolls_back_forgets_nothing() {
        // older than the events of the test above, so that neither's cutoff reaches the other's
        Instant longAgo = T0.minus(Duration.ofDays(5000));
        String id = ContractData.unique("evt");
        transactions().run(() -> events().record(id, "charge.succeeded", longAgo));

        assertThatThrownBy(() -> transactions().run(() -> {
            events().forgetBefore(longAgo.plusSeconds(1), 10);
            throw new IllegalStateException("the sweep's transaction failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(events().contains(id)).isTrue();
        assertThat(events().forgetBefore(longAgo.plusSeconds(1), 10)).isEqualTo(1);
        assertThat(events().contains(id)).isFalse();
    }
}
