package dev.checkout.testkit.contract;

import dev.checkout.application.TransactionRunner;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.DeferredRefund;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.payment.RefundId;
import dev.checkout.domain.port.ReceivedEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
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
 * in batches when asked ({@link ReceivedEvents#forgetBefore}); keep deferred refunds once per refund id, list the
 * pending ones by charge and oldest first, mark them done once, and forget them in batches.
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

    private static DeferredRefund deferred(ChargeId charge, long amount, Optional<PaymentKey> key, Instant at) {
        return new DeferredRefund(new RefundId(ContractData.unique("re")), charge, Money.of(amount, "usd"), key,
                ContractData.unique("evt"), at);
    }

    @Test
    public void a_deferred_refund_is_kept_once_by_its_refund_id_and_listed_by_its_charge_until_done() {
        ChargeId charge = ChargeId.of(ContractData.unique("ch"));
        ChargeId other = ChargeId.of(ContractData.unique("ch"));
        var first = deferred(charge, 300, Optional.empty(), T0);
        var second = deferred(charge, 200, Optional.of(new PaymentKey("dashboard-key-1")), T0.plusSeconds(5));
        var elsewhere = deferred(other, 100, Optional.empty(), T0);
        assertThat(events().deferredRefunds(charge)).isEmpty();

        assertThat(transactions().call(() -> events().defer(second))).isTrue();
        assertThat(transactions().call(() -> events().defer(first))).isTrue();
        assertThat(transactions().call(() -> events().defer(elsewhere))).isTrue();
        var again = new DeferredRefund(first.refund(), charge, Money.of(300, "usd"), Optional.empty(),
                ContractData.unique("evt"), T0.plusSeconds(60));
        assertThat(transactions().call(() -> events().defer(again))).as("another event of the same refund").isFalse();

        assertThat(events().deferredRefunds(charge)).as("oldest first, as kept").containsExactly(first, second);
        assertThat(events().deferredRefunds(other)).containsExactly(elsewhere);

        assertThat(transactions().call(() -> events().deferredRefundDone(first.refund(), T0.plusSeconds(90)))).isTrue();
        assertThat(events().deferredRefunds(charge)).containsExactly(second);
        assertThat(events().deferredRefundDone(first.refund(), T0.plusSeconds(91))).as("done once").isFalse();
        assertThat(events().deferredRefundDone(new RefundId(ContractData.unique("re")), T0)).as("never deferred").isFalse();
        assertThat(transactions().call(() -> events().defer(again))).as("a done refund is still known").isFalse();
        assertThat(events().deferredRefunds(charge)).containsExactly(second);
    }

    @Test
    public void deferring_or_marking_done_in_a_transaction_that_rolls_back_changes_nothing() {
        ChargeId charge = ChargeId.of(ContractData.unique("ch"));
        var refund = deferred(charge, 500, Optional.empty(), T0);
        assertThatThrownBy(() -> transactions().run(() -> {
            events().defer(refund);
            throw new IllegalStateException("the event's transaction failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(events().deferredRefunds(charge)).isEmpty();

        assertThat(transactions().call(() -> events().defer(refund))).isTrue();
        assertThatThrownBy(() -> transactions().run(() -> {
            events().deferredRefundDone(refund.refund(), T0.plusSeconds(1));
            throw new IllegalStateException("the order's update failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(events().deferredRefunds(charge)).containsExactly(refund);
    }

    @Test
    public void the_pending_deferred_refunds_are_listed_oldest_first_a_page_at_a_time_whatever_their_charge() {
        // before every other test's deferred refunds, which share the store
        Instant longAgo = T0.minus(Duration.ofDays(7000));
        var oldest = deferred(ChargeId.of(ContractData.unique("ch")), 100, Optional.empty(), longAgo);
        var doneOne = deferred(ChargeId.of(ContractData.unique("ch")), 100, Optional.empty(), longAgo.plusSeconds(1));
        var older = deferred(ChargeId.of(ContractData.unique("ch")), 100, Optional.empty(), longAgo.plusSeconds(2));
        transactions().run(() -> {
            events().defer(older);
            events().defer(doneOne);
            events().defer(oldest);
            events().deferredRefundDone(doneOne.refund(), longAgo.plusSeconds(3));
        });

        assertThat(events().deferredRefunds(null, 2)).containsExactly(oldest, older);
        assertThat(events().deferredRefunds(null, 1)).containsExactly(oldest);
        assertThat(events().deferredRefunds(oldest, 1)).as("the next page").containsExactly(older);
        // of two received at the same time, the refund id decides
        var twin = new DeferredRefund(new RefundId(oldest.refund().value() + "b"), oldest.charge(), oldest.amount(),
                Optional.empty(), ContractData.unique("evt"), oldest.receivedAt());
        transactions().run(() -> events().defer(twin));
        assertThat(events().deferredRefunds(oldest, 2)).containsExactly(twin, older);
        assertThat(events().deferredRefunds(twin, 1)).containsExactly(older);
        // leave nothing pending this long ago for other runs on the same database
        transactions().run(() -> {
            events().deferredRefundDone(oldest.refund(), T0);
            events().deferredRefundDone(twin.refund(), T0);
            events().deferredRefundDone(older.refund(), T0);
        });
        assertThat(events().deferredRefunds(null, 1)).doesNotContain(oldest, twin, older);
    }

    @Test
    public void deferred_refunds_before_a_cutoff_are_forgotten_in_batches_done_or_not() {
        // older than the deferred refunds of the tests above, so that this cutoff reaches none of theirs
        Instant longAgo = T0.minus(Duration.ofDays(9000));
        ChargeId charge = ChargeId.of(ContractData.unique("ch"));
        var oldest = deferred(charge, 100, Optional.empty(), longAgo);
        var older = deferred(charge, 200, Optional.empty(), longAgo.plusSeconds(60));
        var old = deferred(charge, 300, Optional.empty(), longAgo.plusSeconds(120));
        var kept = deferred(charge, 400, Optional.empty(), longAgo.plus(Duration.ofDays(10)));
        transactions().run(() -> {
            events().defer(old);
            events().defer(oldest);
            events().defer(kept);
            events().defer(older);
            events().deferredRefundDone(oldest.refund(), longAgo.plusSeconds(10));
        });
        Instant cutoff = longAgo.plus(Duration.ofDays(1));

        assertThatThrownBy(() -> transactions().run(() -> {
            events().forgetDeferredRefundsBefore(cutoff, 10);
            throw new IllegalStateException("the sweep's transaction failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(events().deferredRefunds(charge)).containsExactly(older, old, kept);

        assertThat(transactions().call(() -> events().forgetDeferredRefundsBefore(cutoff, 2))).isEqualTo(2);
        assertThat(events().deferredRefunds(charge)).as("the done oldest and the older went").containsExactly(old, kept);
        assertThat(events().forgetDeferredRefundsBefore(cutoff, 2)).isEqualTo(1);
        assertThat(events().forgetDeferredRefundsBefore(cutoff, 2)).isZero();
        assertThat(events().deferredRefunds(charge)).containsExactly(kept);
        // a forgotten refund that came again would be kept anew
        assertThat(transactions().call(() -> events().defer(oldest))).isTrue();
        // leave nothing this long ago for the other tests and later runs on the same database
        assertThat(events().forgetDeferredRefundsBefore(longAgo.plus(Duration.ofDays(20)), 10)).isEqualTo(2);
    }
}
