package dev.checkout.application.reconcile;

import dev.checkout.application.purchase.PurchaseCommand;
import dev.checkout.application.purchase.PurchaseResult.PaymentPending;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.payment.Charge;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.ChargeOutcome;
import dev.checkout.domain.payment.ChargeRequest;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.payment.Refund;
import dev.checkout.domain.port.PaymentGateway;
import dev.checkout.testkit.InMemoryCheckout;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two reconcilers, as on two instances, over one store and one provider (the fakes): the orders one of them claimed
 * are not touched by the other, whatever the timing, and the orders of a reconciler that died are taken over once
 * its claims lapse. The provider counts who asked it about which order.
 */
class RacingReconcilersTest {
    private static final int ORDERS = 12;

    /** The fake provider seen through one reconciler: counts its lookups and can hold the first one. */
    static final class Watched implements PaymentGateway {
        private final PaymentGateway provider;
        private final Map<OrderId, AtomicInteger> lookups;
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch proceed;

        Watched(PaymentGateway provider, Map<OrderId, AtomicInteger> lookups, boolean hold) {
            this.provider = provider;
            this.lookups = lookups;
            this.proceed = new CountDownLatch(hold ? 1 : 0);
        }

        @Override
        public ChargeOutcome charge(ChargeRequest request) {
            return provider.charge(request);
        }

        @Override
        public Refund refund(ChargeId charge, Money amount, PaymentKey idempotencyKey) {
            return provider.refund(charge, amount, idempotencyKey);
        }

        @Override
        public Optional<Charge> findCharge(ChargeId charge) {
            return provider.findCharge(charge);
        }

        @Override
        public Optional<ChargeOutcome> findChargeForOrder(OrderId orderId, Instant notBefore) {
            lookups.computeIfAbsent(orderId, id -> new AtomicInteger()).incrementAndGet();
            entered.countDown();
            try {
                assertThat(proceed.await(30, TimeUnit.SECONDS)).as("released within 30 s").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return provider.findChargeForOrder(orderId, notBefore);
        }
    }

    /** {@link #ORDERS} orders whose charge went through while the purchase could not learn it: PAYMENT_UNKNOWN. */
    private static List<OrderId> unknownOrders(InMemoryCheckout shop) {
        var ids = new ArrayList<OrderId>();
        for (int i = 0; i < ORDERS; i++) {
            shop.gateway().failNextUnknown(true);
            var result = shop.purchases().purchase(PurchaseCommand.of("tok_" + UUID.randomUUID().toString().replace("-", ""),
                    12_50L, "usd", List.of(new PurchaseCommand.RawItem("mug", 1)), null));
            ids.add(((PaymentPending) result).orderId());
        }
        return ids;
    }

    private static PaymentReconciler reconciler(InMemoryCheckout shop, PaymentGateway provider) {
        return new PaymentReconciler(shop.orders(), shop.stock(), provider, shop.transactions(), shop.clock(), ReconcilePolicy.DEFAULT);
    }

    @Test
    void orders_one_reconciler_is_working_on_are_left_alone_by_the_other() throws Exception {
        var shop = new InMemoryCheckout().withProduct("mug", "Mug", 12_50, "usd", 100);
        List<OrderId> orders = unknownOrders(shop);
        shop.clock().advance(Duration.ofSeconds(10));
        var lookupsA = new ConcurrentHashMap<OrderId, AtomicInteger>();
        var lookupsB = new ConcurrentHashMap<OrderId, AtomicInteger>();
        var a = new Watched(shop.gateway(), lookupsA, true);
        var b = new Watched(shop.gateway(), lookupsB, false);

        CompletableFuture<ReconcileReport> passA = CompletableFuture.supplyAsync(() -> reconciler(shop, a).reconcile());
        assertThat(a.entered.await(30, TimeUnit.SECONDS)).as("A is at the provider with its first order").isTrue();
        ReconcileReport passB = reconciler(shop, b).reconcile();
        a.proceed.countDown();
        ReconcileReport reportA = passA.get(30, TimeUnit.SECONDS);

        assertThat(lookupsB).as("B asked about none of the orders A claimed").isEmpty();
        assertThat(passB.settled() + passB.deferred()).as("B's pass: %s", passB).isZero();
        assertThat(reportA.paid()).as("A settled them all: %s", reportA).isEqualTo(ORDERS);
        assertThat(lookupsA.keySet()).containsExactlyInAnyOrderElementsOf(orders);
        assertThat(lookupsA.values()).allSatisfy(n -> assertThat(n.get()).as("lookups of one order").isEqualTo(1));
        assertThat(orders).allSatisfy(id -> assertThat(shop.orders().find(id).orElseThrow().status()).isEqualTo(OrderStatus.PAID));
    }

    @Test
    void two_reconcilers_at_once_ask_about_each_order_once_and_settle_it_once() throws Exception {
        var shop = new InMemoryCheckout().withProduct("mug", "Mug", 12_50, "usd", 100);
        List<OrderId> orders = unknownOrders(shop);
        shop.clock().advance(Duration.ofSeconds(10));
        var lookups = new ConcurrentHashMap<OrderId, AtomicInteger>();
        var start = new CountDownLatch(1);
        var passes = new ArrayList<CompletableFuture<ReconcileReport>>();
        for (int r = 0; r < 2; r++) {
            var reconciler = reconciler(shop, new Watched(shop.gateway(), lookups, false));
            passes.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return reconciler.reconcile();
            }));
        }
        start.countDown();
        int paid = 0;
        int deferred = 0;
        for (var pass : passes) {
            ReconcileReport report = pass.get(30, TimeUnit.SECONDS);
            paid += report.paid();
            deferred += report.deferred();
        }
        assertThat(paid).as("paid, over both passes").isEqualTo(ORDERS);
        assertThat(deferred).as("a lost race shows as deferred").isZero();
        assertThat(lookups.keySet()).containsExactlyInAnyOrderElementsOf(orders);
        assertThat(lookups.values()).allSatisfy(n -> assertThat(n.get()).as("lookups of one order").isEqualTo(1));
    }

    @Test
    void the_orders_of_a_reconciler_that_died_are_taken_over_once_its_claims_lapse() {
        var shop = new InMemoryCheckout().withProduct("mug", "Mug", 12_50, "usd", 100);
        List<OrderId> orders = unknownOrders(shop);
        shop.clock().advance(Duration.ofSeconds(10));
        Instant now = shop.clock().instant();
        // what a reconciler leaves when its process is killed right after claiming
        assertThat(shop.orders().claimStale(EnumSet.of(OrderStatus.PAYMENT_UNKNOWN), now, 1_000, now,
                now.plus(ReconcilePolicy.DEFAULT.claimFor()))).hasSize(ORDERS);
        var lookups = new ConcurrentHashMap<OrderId, AtomicInteger>();
        var survivor = reconciler(shop, new Watched(shop.gateway(), lookups, false));

        assertThat(survivor.reconcile().paid()).as("while the dead one's claims last").isZero();
        assertThat(lookups).isEmpty();

        shop.clock().advance(ReconcilePolicy.DEFAULT.claimFor());
        assertThat(survivor.reconcile().paid()).as("once they lapsed").isEqualTo(ORDERS);
        assertThat(orders).allSatisfy(id -> assertThat(shop.orders().find(id).orElseThrow().status()).isEqualTo(OrderStatus.PAID));
    }
}
