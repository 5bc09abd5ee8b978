package dev.checkout.application.purchase;

import dev.checkout.application.purchase.PurchaseResult.Completed;
import dev.checkout.application.purchase.PurchaseResult.KeyReused;
import dev.checkout.application.purchase.PurchaseResult.MixedCurrencies;
import dev.checkout.application.purchase.PurchaseResult.OutOfStock;
import dev.checkout.application.purchase.PurchaseResult.PaymentDeclined;
import dev.checkout.application.purchase.PurchaseResult.PaymentFailed;
import dev.checkout.application.purchase.PurchaseResult.PaymentPending;
import dev.checkout.application.purchase.PurchaseResult.PriceMismatch;
import dev.checkout.application.purchase.PurchaseResult.Refunded;
import dev.checkout.application.purchase.PurchaseResult.UnknownProducts;
import dev.checkout.domain.DomainException;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.inventory.Reservation;
import dev.checkout.domain.inventory.ReservationState;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.port.Catalogue;
import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.port.Orders;
import dev.checkout.application.TransactionRunner;
import dev.checkout.testkit.InMemoryCheckout;
import dev.checkout.testkit.SequentialOrderIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The purchase use case, one test per path, on the in-memory fakes. */
class PurchaseServiceTest {
    static final Sku MUG = Sku.of("mug");
    static final Sku TEE = Sku.of("tee");

    InMemoryCheckout shop;

    @BeforeEach
    void stock() {
        shop = new InMemoryCheckout()
                .withProduct("mug", "Mug", 12_50, "usd", 10)
                .withProduct("tee", "T-shirt", 20_00, "usd", 5)
                .withProduct("yen-fan", "Fan", 1_500, "jpy", 5);
    }

    static String freshToken() {
        return "tok_" + UUID.randomUUID().toString().replace("-", "");
    }

    static PurchaseCommand buy(long total, String key, PurchaseCommand.RawItem... items) {
        return PurchaseCommand.of(freshToken(), total, "usd", List.of(items), key);
    }

    static PurchaseCommand.RawItem item(String sku, int quantity) {
        return new PurchaseCommand.RawItem(sku, quantity);
    }

    Order order(OrderId id) {
        return shop.orders().find(id).orElseThrow();
    }

    @Test
    void paid_purchase_charges_the_server_total_and_sells_the_stock() {
        var result = shop.purchases().purchase(buy(45_00, null, item("mug", 2), item("tee", 1)));

        assertThat(result).isInstanceOfSatisfying(Completed.class, done -> {
            assertThat(done.order().status()).isEqualTo(OrderStatus.PAID);
            assertThat(done.order().chargeId()).isPresent();
            assertThat(shop.orders().find(done.order().id()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
            assertThat(shop.stock().reservationsOf(done.order().id())).extracting(Reservation::state).containsOnly(ReservationState.COMMITTED);
            assertThat(shop.gateway().chargeKeys()).containsExactly(PaymentKey.forCharge(done.order().id()));
        });
        assertThat(shop.gateway().approvedCharges()).singleElement()
                .satisfies(c -> assertThat(c.amount()).isEqualTo(Money.of(45_00, "usd")));
        assertThat(shop.stock().available(MUG)).isEqualTo(8);
        assertThat(shop.stock().available(TEE)).isEqualTo(4);
        assertThat(shop.stock().reservedUnits()).isZero();
    }

    @Test
    void declined_card_releases_the_reservation_and_passes_the_reason_on_without_failing() {
        shop.gateway().declineNext("card_declined", "insufficient_funds", "Your card has insufficient funds.");

        var result = shop.purchases().purchase(buy(25_00, null, item("mug", 2)));

        assertThat(result).isInstanceOfSatisfying(PaymentDeclined.class, declined -> {
            assertThat(declined.reason().declineCode()).isEqualTo("insufficient_funds");
            assertThat(declined.reason().message()).isEqualTo("Your card has insufficient funds.");
            assertThat(order(declined.orderId()).status()).isEqualTo(OrderStatus.DECLINED);
            assertThat(order(declined.orderId()).declineReason()).contains(declined.reason());
        });
        assertThat(shop.stock().available(MUG)).isEqualTo(10);
        assertThat(shop.stock().reservedUnits()).isZero();
        assertThat(shop.gateway().approvedCharges()).isEmpty();
    }

    @Test
    void out_of_stock_charges_nothing_and_saves_nothing() {
        var result = shop.purchases().purchase(buy(20_00 * 6 + 12_50, null, item("mug", 1), item("tee", 6)));

        assertThat(result).isEqualTo(new OutOfStock(List.of(TEE)));
        assertThat(shop.gateway().chargeCalls()).isZero();
        assertThat(shop.orders().all()).isEmpty();
        assertThat(shop.stock().available(MUG)).isEqualTo(10);
        assertThat(shop.stock().available(TEE)).isEqualTo(5);
    }

    @Test
    void a_cart_the_price_read_shows_sold_out_is_refused_there_before_an_order_is_written() {
        // the catalogue read shows no tees left; the inventory, which would still reserve five, is never asked
        var readSoldOut = new InMemoryCheckout()
                .withProduct("mug", "Mug", 12_50, "usd", 10)
                .withProduct("tee", "T-shirt", 20_00, "usd", 0);

        var result = new PurchaseService(readSoldOut.stock(), shop.stock(), shop.orders(), shop.gateway(),
                shop.transactions(), shop.clock(), new SequentialOrderIds("read-"), PurchasePolicy.DEFAULT)
                .purchase(buy(12_50 + 20_00, null, item("mug", 1), item("tee", 1)));

        assertThat(result).isEqualTo(new OutOfStock(List.of(TEE)));
        assertThat(shop.orders().all()).isEmpty();
        assertThat(shop.stock().available(MUG)).isEqualTo(10);
        assertThat(shop.stock().available(TEE)).isEqualTo(5);
        assertThat(shop.stock().reservedUnits()).isZero();
        assertThat(shop.gateway().chargeCalls()).isZero();
    }

    @Test
    void a_retry_of_the_purchase_that_took_the_last_units_gets_its_result_not_out_of_stock() {
        String key = "client-" + UUID.randomUUID();
        var first = shop.purchases().purchase(buy(20_00 * 5, key, item("tee", 5)));

        var retry = shop.purchases().purchase(buy(20_00 * 5, key, item("tee", 5)));

        assertThat(first).isInstanceOf(Completed.class);
        assertThat(retry).isEqualTo(first);
        assertThat(shop.gateway().chargeCalls()).isEqualTo(1);
        assertThat(shop.orders().all()).hasSize(1);
        assertThat(shop.stock().available(TEE)).isZero();
    }

    @Test
    void price_mismatch_reserves_and_charges_nothing_and_states_the_server_total() {
        var result = shop.purchases().purchase(buy(1_00, null, item("mug", 2)));

        assertThat(result).isEqualTo(new PriceMismatch(Money.of(1_00, "usd"), Money.of(25_00, "usd")));
        assertThat(shop.gateway().chargeCalls()).isZero();
        assertThat(shop.orders().all()).isEmpty();
        assertThat(shop.stock().available(MUG)).isEqualTo(10);
    }

    @Test
    void a_total_in_another_currency_is_a_mismatch() {
        var result = shop.purchases().purchase(PurchaseCommand.of(freshToken(), 25_00L, "eur", List.of(item("mug", 2)), null));

        assertThat(result).isInstanceOf(PriceMismatch.class);
        assertThat(shop.gateway().chargeCalls()).isZero();
    }

    @Test
    void a_cart_mixing_currencies_is_refused() {
        var result = shop.purchases().purchase(buy(12_50 + 1_500, null, item("mug", 1), item("yen-fan", 1)));

        assertThat(result).isInstanceOf(MixedCurrencies.class);
        assertThat(shop.gateway().chargeCalls()).isZero();
    }

    @Test
    void unknown_skus_are_named_and_nothing_happens() {
        var result = shop.purchases().purchase(buy(12_50, null, item("mug", 1), item("ghost", 1)));

        assertThat(result).isEqualTo(new UnknownProducts(List.of(Sku.of("ghost"))));
        assertThat(shop.orders().all()).isEmpty();
        assertThat(shop.gateway().chargeCalls()).isZero();
    }

    @Test
    void certainly_not_charged_fails_the_order_and_releases_the_stock() {
        shop.gateway().failNextNotCharged(PaymentFailure.Kind.PROVIDER_UNAVAILABLE, null);

        var result = shop.purchases().purchase(buy(12_50, null, item("mug", 1)));

        assertThat(result).isInstanceOfSatisfying(PaymentFailed.class, failed -> {
            assertThat(failed.failure().kind()).isEqualTo(PaymentFailure.Kind.PROVIDER_UNAVAILABLE);
            assertThat(order(failed.orderId()).status()).isEqualTo(OrderStatus.FAILED);
        });
        assertThat(shop.stock().available(MUG)).isEqualTo(10);
        assertThat(shop.stock().reservedUnits()).isZero();
    }

    @Test
    void outcome_unknown_keeps_the_reservation_and_the_reconciler_settles_it_as_paid_when_the_provider_charged() {
        shop.gateway().failNextUnknown(true);

        var result = shop.purchases().purchase(buy(12_50, null, item("mug", 1)));

        var pending = (PaymentPending) result;
        assertThat(order(pending.orderId()).status()).isEqualTo(OrderStatus.PAYMENT_UNKNOWN);
        assertThat(shop.stock().available(MUG)).isEqualTo(9);
        assertThat(shop.stock().reservedUnits()).isEqualTo(1);

        shop.clock().advance(Duration.ofSeconds(10));
        var report = shop.reconciler().reconcile();

        assertThat(report.paid()).isEqualTo(1);
        assertThat(order(pending.orderId()).status()).isEqualTo(OrderStatus.PAID);
        assertThat(order(pending.orderId()).chargeId()).isPresent();
        assertThat(shop.stock().available(MUG)).isEqualTo(9);
        assertThat(shop.stock().reservedUnits()).isZero();
    }

    @Test
    void outcome_unknown_is_settled_as_failed_and_released_only_once_the_charge_is_known_not_to_exist() {
        shop.gateway().failNextUnknown(false);
        var pending = (PaymentPending) shop.purchases().purchase(buy(12_50, null, item("mug", 1)));

        shop.clock().advance(Duration.ofSeconds(10));
        var early = shop.reconciler().reconcile();
        assertThat(early.deferred()).isEqualTo(1);
        assertThat(order(pending.orderId()).status()).isEqualTo(OrderStatus.PAYMENT_UNKNOWN);
        assertThat(shop.stock().reservedUnits()).isEqualTo(1);

        shop.clock().advance(Duration.ofMinutes(10));
        var later = shop.reconciler().reconcile();

        assertThat(later.failed()).isEqualTo(1);
        assertThat(order(pending.orderId()).status()).isEqualTo(OrderStatus.FAILED);
        assertThat(shop.stock().available(MUG)).isEqualTo(10);
        assertThat(shop.stock().reservedUnits()).isZero();
    }

    @Test
    void the_reconciler_waits_while_the_provider_is_unreachable() {
        shop.gateway().failNextUnknown(true);
        var pending = (PaymentPending) shop.purchases().purchase(buy(12_50, null, item("mug", 1)));
        shop.gateway().setUnreachable(true);
        shop.clock().advance(Duration.ofMinutes(30));

        assertThat(shop.reconciler().reconcile().deferred()).isEqualTo(1);
        assertThat(order(pending.orderId()).status()).isEqualTo(OrderStatus.PAYMENT_UNKNOWN);
        assertThat(shop.stock().reservedUnits()).isEqualTo(1);

        shop.gateway().setUnreachable(false);
        shop.reconciler().reconcile();
        assertThat(order(pending.orderId()).status()).isEqualTo(OrderStatus.PAID);
    }

    /** TX1 is transaction 1; recording the approval gets transactions 2, 3 and 4 (three attempts). */
    void failEveryAttemptToRecordTheApproval() {
        shop.transactions().failTransaction(2);
        shop.transactions().failTransaction(3);
        shop.transactions().failTransaction(4);
    }

    @Test
    void a_transient_failure_recording_an_approved_charge_is_retried_instead_of_refunded() {
        shop.transactions().failTransaction(2);

        var result = shop.purchases().purchase(buy(25_00, null, item("mug", 2)));

        assertThat(result).isInstanceOf(Completed.class);
        assertThat(shop.gateway().refunds()).isEmpty();
        assertThat(shop.stock().available(MUG)).isEqualTo(8);
        assertThat(shop.stock().reservedUnits()).isZero();
    }

    @Test
    void a_record_failing_while_the_store_cannot_even_be_read_is_left_to_the_reconciler_not_refunded() {
        failEveryAttemptToRecordTheApproval();
        var storeDown = new java.util.concurrent.atomic.AtomicBoolean(true);
        Orders readsFail = (Orders) java.lang.reflect.Proxy.newProxyInstance(Orders.class.getClassLoader(),
                new Class<?>[]{Orders.class}, (proxy, method, args) -> {
                    if (method.getName().equals("find") && storeDown.get()) {
                        throw new IllegalStateException("connection refused (scripted)");
                    }
                    try {
                        return method.invoke(shop.orders(), args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        var service = new PurchaseService(shop.stock(), shop.stock(), readsFail, shop.gateway(), shop.transactions(),
                shop.clock(), new SequentialOrderIds("down-"), PurchasePolicy.DEFAULT);

        var pending = (PaymentPending) service.purchase(buy(12_50, null, item("mug", 1)));

        assertThat(shop.gateway().refunds()).as("the money stays: the store may have recorded the order").isEmpty();
        assertThat(order(pending.orderId()).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(shop.stock().reservedUnits()).isEqualTo(1);
        storeDown.set(false);
        shop.clock().advance(Duration.ofMinutes(11));
        assertThat(shop.reconciler().reconcile().paid()).isEqualTo(1);
        assertThat(order(pending.orderId()).status()).isEqualTo(OrderStatus.PAID);
        assertThat(shop.stock().available(MUG)).isEqualTo(9);
    }

    @Test
    void a_record_whose_last_commit_landed_although_it_reported_failure_is_not_refunded() {
        shop.transactions().failTransaction(2);
        shop.transactions().failTransaction(3);
        var calls = new java.util.concurrent.atomic.AtomicInteger();
        TransactionRunner lostAcknowledgement = new TransactionRunner() {
            @Override
            public <T> T call(java.util.function.Supplier<T> work) {
                T result = shop.transactions().call(work);
                if (calls.incrementAndGet() == 4) { // the third attempt to record the approval commits, then the answer is lost
                    throw new IllegalStateException("connection reset after commit (scripted)");
                }
                return result;
            }
        };
        var service = new PurchaseService(shop.stock(), shop.stock(), shop.orders(), shop.gateway(), lostAcknowledgement,
                shop.clock(), new SequentialOrderIds("ack-"), PurchasePolicy.DEFAULT);

        var result = service.purchase(buy(12_50, null, item("mug", 1)));

        assertThat(result).isInstanceOf(Completed.class);
        assertThat(shop.gateway().refunds()).isEmpty();
        assertThat(shop.stock().available(MUG)).isEqualTo(9);
    }

    @Test
    void a_failed_record_after_approval_is_refunded_with_the_order_derived_key() {
        failEveryAttemptToRecordTheApproval();

        var result = shop.purchases().purchase(buy(25_00, null, item("mug", 2)));

        var refunded = (Refunded) result;
        assertThat(shop.gateway().refunds()).containsOnlyKeys(PaymentKey.forRefund(refunded.orderId()));
        assertThat(shop.gateway().approvedCharges()).singleElement().satisfies(c -> assertThat(c.fullyRefunded()).isTrue());
        assertThat(order(refunded.orderId()).status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(shop.stock().available(MUG)).isEqualTo(10);
        assertThat(shop.stock().reservedUnits()).isZero();
    }

    @Test
    void a_refund_that_fails_too_is_left_pending_and_finished_by_the_reconciler() {
        failEveryAttemptToRecordTheApproval();
        shop.gateway().failNextRefund(1);

        var pending = (PaymentPending) shop.purchases().purchase(buy(25_00, null, item("mug", 2)));
        assertThat(order(pending.orderId()).status()).isEqualTo(OrderStatus.REFUND_PENDING);

        var report = shop.reconciler().reconcile();

        assertThat(report.refunded()).isEqualTo(1);
        assertThat(order(pending.orderId()).status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(shop.gateway().approvedCharges()).singleElement().satisfies(c -> assertThat(c.fullyRefunded()).isTrue());
        assertThat(shop.stock().available(MUG)).isEqualTo(10);
    }

    @Test
    void a_pending_refund_already_made_elsewhere_is_recorded_instead_of_retried_forever() {
        failEveryAttemptToRecordTheApproval();
        shop.gateway().failNextRefund(1);
        var pending = (PaymentPending) shop.purchases().purchase(buy(25_00, null, item("mug", 2)));
        var charge = order(pending.orderId()).chargeId().orElseThrow();
        // someone refunds it by other means (the provider's dashboard); our refund key was never used
        shop.gateway().refund(charge, Money.of(25_00, "usd"), new PaymentKey("dashboard-refund"));

        var report = shop.reconciler().reconcile();

        assertThat(report.refunded()).isEqualTo(1);
        assertThat(order(pending.orderId()).status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(shop.stock().available(MUG)).isEqualTo(10);
    }

    @Test
    void an_order_abandoned_after_the_charge_is_completed_by_the_reconciler() {
        // The charge succeeds but nothing after it can be recorded (every TX2a attempt and the REFUND_PENDING note fail) and
        // the refund fails: what a kill -9 between step 5 and step 7 leaves behind, an approved charge and a
        // PENDING_PAYMENT order holding its stock.
        failEveryAttemptToRecordTheApproval();
        shop.transactions().failTransaction(5);
        shop.gateway().failNextRefund(1);
        var pending = (PaymentPending) shop.purchases().purchase(buy(12_50, null, item("mug", 1)));
        assertThat(order(pending.orderId()).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);

        shop.clock().advance(Duration.ofMinutes(1));
        assertThat(shop.reconciler().reconcile().settled()).as("too young to be called abandoned").isZero();

        shop.clock().advance(Duration.ofMinutes(10));
        assertThat(shop.reconciler().reconcile().paid()).isEqualTo(1);

        assertThat(order(pending.orderId()).status()).isEqualTo(OrderStatus.PAID);
        assertThat(shop.stock().available(MUG)).isEqualTo(9);
        assertThat(shop.stock().reservedUnits()).isZero();
    }

    @Test
    void the_same_client_key_twice_charges_once_and_answers_the_same() {
        String key = "client-" + UUID.randomUUID();
        var first = shop.purchases().purchase(buy(12_50, key, item("mug", 1)));
        var second = shop.purchases().purchase(buy(12_50, key, item("mug", 1)));

        assertThat(second).isEqualTo(first);
        assertThat(shop.gateway().chargeCalls()).isEqualTo(1);
        assertThat(shop.orders().all()).hasSize(1);
        assertThat(shop.stock().available(MUG)).isEqualTo(9);
    }

    @Test
    void the_same_client_key_replays_a_decline_too() {
        String key = "client-" + UUID.randomUUID();
        shop.gateway().declineNext("card_declined", "generic_decline", "Your card was declined.");
        var first = shop.purchases().purchase(buy(12_50, key, item("mug", 1)));
        var second = shop.purchases().purchase(buy(12_50, key, item("mug", 1)));

        assertThat(first).isInstanceOf(PaymentDeclined.class);
        assertThat(second).isEqualTo(first);
        assertThat(shop.gateway().chargeCalls()).isEqualTo(1);
    }

    @Test
    void a_retry_after_the_price_changed_gets_the_first_result_not_a_price_mismatch() {
        String key = "client-" + UUID.randomUUID();
        var first = shop.purchases().purchase(buy(12_50, key, item("mug", 1)));
        shop.withProduct("mug", "Mug", 14_00, "usd", 9);

        var retry = shop.purchases().purchase(buy(12_50, key, item("mug", 1)));

        assertThat(first).isInstanceOf(Completed.class);
        assertThat(retry).isEqualTo(first);
        assertThat(shop.gateway().chargeCalls()).isEqualTo(1);
        assertThat(shop.orders().all()).hasSize(1);
    }

    @Test
    void a_retry_after_the_product_was_withdrawn_gets_the_first_result_not_unknown_products() {
        String key = "client-" + UUID.randomUUID();
        shop.gateway().declineNext("card_declined", "generic_decline", "Your card was declined.");
        var first = shop.purchases().purchase(buy(12_50, key, item("mug", 1)));
        var withoutMugs = new InMemoryCheckout().withProduct("tee", "T-shirt", 20_00, "usd", 5);

        var retry = new PurchaseService(withoutMugs.stock(), shop.stock(), shop.orders(), shop.gateway(),
                shop.transactions(), shop.clock(), new SequentialOrderIds("retry-"), PurchasePolicy.DEFAULT)
                .purchase(buy(12_50, key, item("mug", 1)));

        assertThat(first).isInstanceOf(PaymentDeclined.class);
        assertThat(retry).isEqualTo(first);
        assertThat(shop.gateway().chargeCalls()).isEqualTo(1);
    }

    @Test
    void a_client_key_reused_for_another_cart_is_refused() {
        String key = "client-" + UUID.randomUUID();
        var first = (Completed) shop.purchases().purchase(buy(12_50, key, item("mug", 1)));

        var other = shop.purchases().purchase(buy(25_00, key, item("mug", 2)));

        assertThat(other).isInstanceOfSatisfying(KeyReused.class, reused -> assertThat(reused.existingOrder()).isEqualTo(first.order().id()));
        assertThat(shop.gateway().chargeCalls()).isEqualTo(1);
    }

    @Test
    void concurrent_requests_with_one_client_key_make_one_order_and_one_charge() throws Exception {
        String key = "client-" + UUID.randomUUID();
        shop.gateway().setDelay(Duration.ofMillis(50));
        var results = race(8, () -> shop.purchases().purchase(buy(12_50, key, item("mug", 1))));

        assertThat(shop.orders().all()).hasSize(1);
        assertThat(shop.gateway().approvedCharges()).hasSize(1);
        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOfAny(Completed.class, PaymentPending.class));
        assertThat(shop.stock().available(MUG)).isEqualTo(9);
    }

    @Test
    void fifty_buyers_for_the_last_ten_units_make_exactly_ten_paid_orders() throws Exception {
        shop.withProduct("last", "Last ones", 5_00, "usd", 10);
        shop.gateway().setDelay(Duration.ofMillis(5));

        var results = race(50, () -> shop.purchases().purchase(buy(5_00, null, item("last", 1))));

        assertThat(results).filteredOn(r -> r instanceof Completed).hasSize(10);
        assertThat(results).filteredOn(r -> r instanceof OutOfStock).hasSize(40);
        assertThat(shop.stock().available(Sku.of("last"))).isZero();
        assertThat(shop.gateway().approvedCharges()).hasSize(10);
    }

    @Test
    void concurrent_placements_are_admitted_at_most_as_many_at_a_time_as_the_policy_says() throws Exception {
        assertThat(maxPlacingAtOnce(0)).as("without a limit the buyers overlap (so the probe can see overlap)").isGreaterThan(1);
        assertThat(maxPlacingAtOnce(2)).isEqualTo(2);
        assertThat(maxPlacingAtOnce(1)).isEqualTo(1);
    }

    /** Eight buyers at once; returns how many were inside TX1 (reading the catalogue) at the same moment. */
    private int maxPlacingAtOnce(int limit) throws Exception {
        var inside = new java.util.concurrent.atomic.AtomicInteger();
        var most = new java.util.concurrent.atomic.AtomicInteger();
        Catalogue slowCatalogue = new Catalogue() {
            public java.util.Optional<Product> find(Sku sku) { return shop.stock().find(sku); }
            public java.util.List<Product> list() { return shop.stock().list(); }
            public void save(Product product) { shop.stock().save(product); }
            public java.util.Map<Sku, Product> findAll(java.util.Collection<Sku> skus) {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(20);
                    return shop.stock().findAll(skus);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    inside.decrementAndGet();
                }
            }
        };
        var service = new PurchaseService(slowCatalogue, shop.stock(), shop.orders(), shop.gateway(), shop.transactions(),
                shop.clock(), new SequentialOrderIds("gate-" + limit + "-"), new PurchasePolicy(Duration.ofMinutes(15), limit));
        shop.withProduct("gate-" + limit, "Gate", 1_00, "usd", 100);
        try (var buyers = Executors.newVirtualThreadPerTaskExecutor()) {
            var results = new ArrayList<Future<PurchaseResult>>();
            for (int i = 0; i < 8; i++) {
                results.add(buyers.submit(() -> service.purchase(buy(1_00, null, item("gate-" + limit, 1)))));
            }
            for (var result : results) {
                assertThat(result.get()).isInstanceOf(Completed.class);
            }
        }
        return most.get();
    }

    @Test
    void bad_commands_are_refused_before_anything_happens_and_name_the_field() {
        assertThatThrownBy(() -> PurchaseCommand.of(null, 1_00L, "usd", List.of(item("mug", 1)), null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("token"));
        assertThatThrownBy(() -> PurchaseCommand.of(freshToken(), null, "usd", List.of(item("mug", 1)), null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("amount"));
        assertThatThrownBy(() -> PurchaseCommand.of(freshToken(), 1_00L, "usd", List.of(item("mug", 1), item("mug", 0)), null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("items[1].quantity"));
        assertThatThrownBy(() -> PurchaseCommand.of(freshToken(), 1_00L, "usd", List.of(item("mug", 1), item("mug", 1)), null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("items[1].sku"));
        assertThatThrownBy(() -> PurchaseCommand.of(freshToken(), 1_00L, "abc", List.of(item("mug", 1)), null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("currency"));
        assertThatThrownBy(() -> PurchaseCommand.of(freshToken(), 1_00L, "usd", List.of(item("mug", 1)), "short"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("Idempotency-Key"));
        assertThat(shop.gateway().chargeCalls()).isZero();
    }

    @Test
    void the_gateway_is_never_called_inside_a_transaction() {
        // FakePaymentGateway throws AssertionError when called inside one; prove the guard itself works.
        assertThatThrownBy(() -> shop.transactions().run(() -> shop.gateway().findChargeForOrder(OrderId.of("x"), shop.clock().instant())))
                .isInstanceOf(AssertionError.class).hasMessageContaining("inside a transaction");
        // and a whole purchase passes through it without tripping
        assertThat(shop.purchases().purchase(buy(12_50, null, item("mug", 1)))).isInstanceOf(Completed.class);
    }

    static <T> List<T> race(int threads, Callable<T> call) throws Exception {
        try (var pool = Executors.newFixedThreadPool(threads)) {
            var start = new CountDownLatch(1);
            var futures = new ArrayList<Future<T>>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            var results = new ArrayList<T>();
            for (var f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }
}
