package dev.checkout.testkit.contract;

import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.order.PendingAuthentication;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.ClientSecret;
import dev.checkout.domain.payment.DeclineReason;
import dev.checkout.domain.payment.PaymentAttemptId;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.port.ConcurrentOrderUpdateException;
import dev.checkout.domain.port.DuplicateClientKeyException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import static dev.checkout.testkit.contract.ContractData.T0;
import static dev.checkout.testkit.contract.ContractData.clientKey;
import static dev.checkout.testkit.contract.ContractData.line;
import static dev.checkout.testkit.contract.ContractData.orderId;
import static dev.checkout.testkit.contract.ContractData.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link dev.checkout.domain.port.Orders} must do. */
public abstract class OrdersContract {

    protected abstract StoreSet stores();

    private Sku stocked() {
        return OrderFixtures.stocked(stores());
    }

    private Order placed(Optional<ClientKey> key) {
        return OrderFixtures.placed(stores(), key);
    }

    private static void assertSame(Order actual, Order expected) {
        OrderFixtures.assertSameOrder(actual, expected);
    }

    @Test
    public void an_added_order_comes_back_whole() {
        Order order = placed(Optional.of(clientKey()));

        assertSame(stores().orders().find(order.id()).orElseThrow(), order);
        assertSame(stores().orders().findByClientKey(order.clientKey().orElseThrow()).orElseThrow(), order);
    }

    @Test
    public void an_unknown_order_is_not_found() {
        assertThat(stores().orders().find(orderId())).isEmpty();
        assertThat(stores().orders().findByClientKey(clientKey())).isEmpty();
    }

    @Test
    public void every_transition_round_trips_with_its_details() {
        var decline = new DeclineReason("card_declined", "insufficient_funds", "Your card has insufficient funds.");
        var failure = new PaymentFailure(PaymentFailure.Kind.INVALID_PAYMENT_DETAILS, "token_already_used", "used");
        Order declined = placed(Optional.empty()).markDeclined(decline, T0.plusSeconds(1));
        Order failed = placed(Optional.empty()).markFailed(failure, T0.plusSeconds(2));
        Order paid = placed(Optional.empty()).markPaid(ChargeId.of("ch_123"), T0.plusSeconds(3));
        Order unknownThenRefunded = placed(Optional.empty()).markPaymentUnknown(T0.plusSeconds(4))
                .markRefundPending(ChargeId.of("ch_456"), T0.plusSeconds(5));
        Order refunded = unknownThenRefunded.markRefunded(ChargeId.of("ch_456"), T0.plusSeconds(6));
        Order declineWithoutCode = placed(Optional.empty())
                .markDeclined(new DeclineReason("expired_card", null, "Your card has expired."), T0.plusSeconds(7));

        for (Order o : List.of(declined, failed, paid, declineWithoutCode)) {
            stores().transactions().run(() -> stores().orders().update(o));
            assertSame(stores().orders().find(o.id()).orElseThrow(), o);
        }
        Order pending = unknownThenRefunded;
        stores().transactions().run(() -> {
            Order stored = stores().orders().find(pending.id()).orElseThrow();
            stores().orders().update(stored.markPaymentUnknown(T0.plusSeconds(4)));
        });
        stores().transactions().run(() -> stores().orders().update(pending));
        stores().transactions().run(() -> stores().orders().update(refunded));
        assertSame(stores().orders().find(refunded.id()).orElseThrow(), refunded);
    }

    @Test
    public void an_order_awaiting_authentication_keeps_it_until_its_next_transition() {
        var pending = new PendingAuthentication(new PaymentAttemptId("pi_" + orderId().value()),
                ClientSecret.of("pi_secret_" + orderId().value()), T0.plusSeconds(600));
        Order placed = placed(Optional.empty());
        Order waiting = placed.awaitAuthentication(pending, T0.plusSeconds(1));

        stores().transactions().run(() -> stores().orders().update(waiting));

        Order stored = stores().orders().find(waiting.id()).orElseThrow();
        assertSame(stored, waiting);
        assertThat(stored.pendingAuthentication()).contains(pending);
        assertThat(stores().orders().claimStale(EnumSet.of(OrderStatus.AWAITING_AUTHENTICATION), T0.plusSeconds(2), 100,
                T0.plusSeconds(2), T0.plusSeconds(60))).extracting(Order::id).contains(waiting.id());

        Order paid = stored.markPaid(ChargeId.of("ch_after_3ds"), T0.plusSeconds(3));
        stores().transactions().run(() -> stores().orders().update(paid));

        Order settled = stores().orders().find(waiting.id()).orElseThrow();
        assertSame(settled, paid);
        assertThat(settled.pendingAuthentication()).as("settling ends the authentication").isEmpty();
    }

    @Test
    public void a_second_order_with_the_same_client_key_is_refused_by_the_store() {
        ClientKey key = clientKey();
        placed(Optional.of(key));
        Sku sku = stocked();
        Order second = ContractData.order(orderId(), Optional.of(key), List.of(line(sku, 1, 5_00)), T0);

        assertThatThrownBy(() -> stores().transactions().run(() -> stores().orders().add(second)))
                .isInstanceOf(DuplicateClientKeyException.class);
        assertThat(stores().orders().find(second.id())).isEmpty();
    }

    @Test
    public void concurrent_orders_with_one_client_key_make_exactly_one_order() throws Exception {
        ClientKey key = clientKey();
        Sku sku = stocked();
        var results = InventoryContract.race(16, i -> {
            Order order = ContractData.order(orderId(), Optional.of(key), List.of(line(sku, 1, 5_00)), T0);
            try {
                stores().transactions().run(() -> stores().orders().add(order));
                return "added";
            } catch (DuplicateClientKeyException e) {
                return "duplicate";
            }
        });
        assertThat(results).filteredOn("added"::equals).hasSize(1);
        assertThat(results).filteredOn("duplicate"::equals).hasSize(15);
    }

    @Test
    public void a_stale_update_is_refused() {
        Order order = placed(Optional.empty());
        Order paid = order.markPaid(ChargeId.of("ch_1"), T0.plusSeconds(1));
        Order declined = order.markDeclined(new DeclineReason("card_declined", "generic_decline", "no"), T0.plusSeconds(1));
        stores().transactions().run(() -> stores().orders().update(paid));

        assertThatThrownBy(() -> stores().transactions().run(() -> stores().orders().update(declined)))
                .isInstanceOf(ConcurrentOrderUpdateException.class);
        assertThat(stores().orders().find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    public void stale_orders_are_found_by_status_and_age_oldest_first() {
        var later = T0.plus(Duration.ofDays(400));
        Order oldUnknown = placed(Optional.empty()).markPaymentUnknown(later.minusSeconds(30));
        Order newerUnknown = placed(Optional.empty()).markPaymentUnknown(later.minusSeconds(20));
        Order fresh = placed(Optional.empty()).markPaymentUnknown(later.plusSeconds(10));
        Order paid = placed(Optional.empty()).markPaid(ChargeId.of("ch_9"), later.minusSeconds(40));
        for (Order o : List.of(oldUnknown, newerUnknown, fresh, paid)) {
            stores().transactions().run(() -> stores().orders().update(o));
        }

        List<OrderId> stale = stores().orders().findStale(EnumSet.of(OrderStatus.PAYMENT_UNKNOWN), later, 10_000)
                .stream().map(Order::id).toList();

        assertThat(stale).contains(oldUnknown.id(), newerUnknown.id()).doesNotContain(fresh.id(), paid.id());
        assertThat(stale.indexOf(oldUnknown.id())).isLessThan(stale.indexOf(newerUnknown.id()));
        assertThat(stores().orders().findStale(EnumSet.of(OrderStatus.PAYMENT_UNKNOWN), later, 1)).hasSize(1);
    }

    // ---- claims: several workers on one store ----
    // Each claim test places its orders at an epoch of its own, years before every other test's orders, and settles
    // them at the end, so that the oldest-first claims of a shared database return this test's orders only.

    private Instant claimEpoch() {
        return T0.minus(Duration.ofDays(3_650)).minus(Duration.ofMinutes(ThreadLocalRandom.current().nextInt(1, 5_000_000)));
    }

    /** A PAYMENT_UNKNOWN order last changed at {@code at}. */
    private Order unknownAt(Instant at) {
        Order placed = ContractData.order(orderId(), Optional.empty(), List.of(line(stocked(), 1, 5_00)), at);
        stores().transactions().run(() -> stores().orders().add(placed));
        Order unknown = placed.markPaymentUnknown(at);
        stores().transactions().run(() -> stores().orders().update(unknown));
        return unknown;
    }

    private void settle(List<Order> orders, Instant at) {
        for (Order o : orders) {
            Order now = stores().orders().find(o.id()).orElseThrow();
            if (!now.status().isFinal()) {
                stores().transactions().run(() -> stores().orders().update(now.markDeclined(
                        new DeclineReason("card_declined", "generic_decline", "test over"), at)));
            }
        }
    }

    private static List<OrderId> ids(List<Order> orders) {
        return orders.stream().map(Order::id).toList();
    }

    @Test
    public void a_claimed_order_is_not_claimed_again_until_its_claim_lapses() {
        Instant e = claimEpoch();
        List<Order> mine = List.of(unknownAt(e), unknownAt(e.plusSeconds(1)), unknownAt(e.plusSeconds(2)));
        var unknown = EnumSet.of(OrderStatus.PAYMENT_UNKNOWN);
        Instant before = e.plusSeconds(10);
        Instant now = e.plusSeconds(3_600);
        Instant until = now.plusSeconds(60);
        try {
            assertThat(ids(stores().orders().claimStale(unknown, before, 2, now, until)))
                    .as("the two oldest").containsExactly(mine.get(0).id(), mine.get(1).id());
            assertThat(ids(stores().orders().claimStale(unknown, before, 10, now, until)))
                    .as("the one not claimed yet").containsExactly(mine.get(2).id());
            assertThat(stores().orders().claimStale(unknown, before, 10, now.plusSeconds(59), until.plusSeconds(59)))
                    .as("all claimed until later").isEmpty();
            assertThat(ids(stores().orders().claimStale(unknown, before, 10, until, until.plusSeconds(60))))
                    .as("every claim lapsed at its end").containsExactlyElementsOf(ids(mine));
            assertThat(stores().orders().findStale(unknown, before, 10)).as("findStale ignores claims").hasSize(3);
            assertThat(stores().orders().find(mine.get(0).id()).orElseThrow().version())
                    .as("a claim is no transition").isEqualTo(mine.get(0).version());
        } finally {
            settle(mine, e.plusSeconds(20));
        }
    }

    @Test
    public void a_released_claim_frees_the_order_at_once_and_an_update_ends_a_claim() {
        Instant e = claimEpoch();
        Order first = unknownAt(e);
        Sku a = stocked();
        Order pending = ContractData.order(orderId(), Optional.empty(), List.of(line(a, 1, 5_00)), e.plusSeconds(1));
        stores().transactions().run(() -> stores().orders().add(pending));
        var open = EnumSet.of(OrderStatus.PAYMENT_UNKNOWN, OrderStatus.PENDING_PAYMENT);
        Instant before = e.plusSeconds(10);
        Instant now = e.plusSeconds(3_600);
        Instant until = now.plusSeconds(60);
        try {
            assertThat(ids(stores().orders().claimStale(open, before, 10, now, until))).containsExactly(first.id(), pending.id());

            stores().orders().releaseClaim(first.id(), until.plusSeconds(1));
            assertThat(stores().orders().claimStale(open, before, 10, now, until)).as("another claim's end releases nothing").isEmpty();
            stores().orders().releaseClaim(first.id(), until);
            assertThat(ids(stores().orders().claimStale(open, before, 10, now, until))).as("released").containsExactly(first.id());

            // the claim did not change the order: the worker's transition of what it read goes through, and ends the claim
            Order unknown = pending.markPaymentUnknown(e.plusSeconds(2));
            stores().transactions().run(() -> stores().orders().update(unknown));
            assertThat(ids(stores().orders().claimStale(open, before, 10, now, until))).as("updated").containsExactly(unknown.id());
        } finally {
            settle(List.of(first, pending), e.plusSeconds(20));
        }
    }

    @Test
    public void concurrent_claims_never_return_one_order_twice() throws Exception {
        Instant e = claimEpoch();
        var mine = new ArrayList<Order>();
        for (int i = 0; i < 40; i++) {
            mine.add(unknownAt(e.plusMillis(i)));
        }
        var unknown = EnumSet.of(OrderStatus.PAYMENT_UNKNOWN);
        Instant before = e.plusSeconds(10);
        Instant now = e.plusSeconds(3_600);
        Instant until = now.plusSeconds(600);
        var claimed = new ConcurrentLinkedQueue<OrderId>();
        int workers = 8;
        var start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            var done = new ArrayList<Future<?>>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (int w = 0; w < workers; w++) {
                done.add(pool.submit(() -> {
                    start.await();
                    // a store may hand a claimer fewer rows than exist while others hold theirs locked: ask again
                    while (claimed.size() < mine.size() && System.nanoTime() < deadline) {
                        stores().orders().claimStale(unknown, before, 3, now, until).forEach(o -> claimed.add(o.id()));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            settle(mine, e.plusSeconds(20));
        }
        assertThat(claimed).as("every order claimed once, none twice").hasSize(mine.size())
                .containsExactlyInAnyOrderElementsOf(ids(mine));
    }

    @Test
    public void a_claim_needs_a_positive_limit_and_an_end_after_now() {
        var unknown = EnumSet.of(OrderStatus.PAYMENT_UNKNOWN);
        assertThatThrownBy(() -> stores().orders().claimStale(unknown, T0, 0, T0, T0.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stores().orders().claimStale(unknown, T0, 1, T0, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
