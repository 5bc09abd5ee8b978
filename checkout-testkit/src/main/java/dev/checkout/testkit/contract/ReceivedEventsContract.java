package dev.checkout.testkit.contract;

import dev.checkout.application.TransactionRunner;
import dev.checkout.domain.port.ReceivedEvents;
import org.junit.jupiter.api.Test;

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
 * races in the store so that of several deliveries of one event exactly one records it.
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
}
