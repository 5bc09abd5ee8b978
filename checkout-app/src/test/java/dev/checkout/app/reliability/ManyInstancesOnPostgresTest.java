package dev.checkout.app.reliability;

import dev.checkout.app.support.PaymentAdapters;
import dev.checkout.app.support.Http;
import dev.checkout.app.support.InProcessShop;
import dev.checkout.app.support.StoreClient;
import dev.checkout.application.reconcile.ReconcilePayments;
import dev.checkout.application.reconcile.ReconcileReport;
import dev.checkout.testkit.db.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two checkout instances on one PostgreSQL schema and one sandbox, buyers going to both: every invariant is the
 * database's, so it holds across instances. No oversell when both sell the last units; one order and one charge for
 * one client key sent to both at once; reconcilers of both racing over the same stale orders ask the provider about
 * each order once and settle it once.
 */
class ManyInstancesOnPostgresTest {
    private static final long PRICE = 6_00;
    private TestDatabase database;

    @BeforeEach
    void schema() {
        database = TestDatabase.postgres();
    }

    @AfterEach
    void drop() throws Exception {
        database.close();
    }

    private InProcessShop twoInstances(Map<String, Object> sandbox, Map<String, Object> settings) {
        return InProcessShop.builder().instances(2).database(database.properties()).sandbox(sandbox).settings(settings).start();
    }

    @ParameterizedTest(name = "payment adapter {0}")
    @ValueSource(strings = {PaymentAdapters.CHARGES, PaymentAdapters.PAYMENT_INTENTS})
    void two_instances_racing_for_the_last_units_sell_each_unit_once(String paymentAdapter) throws Exception {
        int units = 10;
        int buyers = 40;
        try (var shop = twoInstances(Map.of(), Map.of("checkout.payment-adapter", paymentAdapter))) {
            String sku = "last-" + UUID.randomUUID().toString().substring(0, 8);
            shop.store().stock(sku, PRICE, units);
            var tokens = new ArrayList<String>();
            for (int i = 0; i < buyers; i++) {
                tokens.add(shop.provider().token("4242424242424242"));
            }
            var start = new CountDownLatch(1);
            var calls = new ArrayList<Callable<HttpResponse<String>>>();
            for (int i = 0; i < buyers; i++) {
                StoreClient store = shop.stores().get(i % 2); // round robin
                String token = tokens.get(i);
                calls.add(() -> {
                    start.await();
                    return store.purchase(StoreClient.purchaseJson(token, PRICE, sku, 1), UUID.randomUUID().toString());
                });
            }
            List<HttpResponse<String>> answers = all(calls, start);

            assertThat(answers.stream().filter(a -> a.statusCode() == 201).count()).as("paid").isEqualTo(units);
            assertThat(answers).filteredOn(a -> a.statusCode() != 201).allSatisfy(a -> {
                assertThat(a.statusCode()).as(a.body()).isEqualTo(409);
                assertThat(Http.parse(a.body()).get("error").get("code").getStringValue()).isEqualTo("out_of_stock");
            });
            for (StoreClient store : shop.stores()) {
                assertThat(store.available(sku)).as("stock seen by %s", store.base()).isZero();
            }
            try (Connection db = database.connect()) {
                Books.assertBalanced(db, shop.provider().charges(), List.of(sku), units);
            }
        }
    }

    @ParameterizedTest(name = "payment adapter {0}")
    @ValueSource(strings = {PaymentAdapters.CHARGES, PaymentAdapters.PAYMENT_INTENTS})
    void one_client_key_sent_to_two_instances_at_once_makes_one_order_and_one_charge(String paymentAdapter) throws Exception {
        int rounds = 15;
        try (var shop = twoInstances(Map.of(), Map.of("checkout.payment-adapter", paymentAdapter))) {
            String sku = "key-" + UUID.randomUUID().toString().substring(0, 8);
            shop.store().stock(sku, PRICE, 1_000);
            for (int round = 0; round < rounds; round++) {
                String key = "both-" + UUID.randomUUID();
                String body = StoreClient.purchaseJson(shop.provider().token("4242424242424242"), PRICE, sku, 1);
                var start = new CountDownLatch(1);
                List<HttpResponse<String>> answers = all(List.of(
                        () -> { start.await(); return shop.stores().get(0).purchase(body, key); },
                        () -> { start.await(); return shop.stores().get(1).purchase(body, key); }), start);

                // one of them placed the order; the other got its answer (201) or, while it was still being
                // decided, 202 with the same order id
                assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).as(a.body()).isIn(201, 202));
                assertThat(answers.stream().filter(a -> a.statusCode() == 201).count()).as("round %d", round).isPositive();
                String orderId = orderId(answers.get(0));
                assertThat(orderId(answers.get(1))).as("the same order from both instances").isEqualTo(orderId);
                try (Connection db = database.connect()) {
                    assertThat(count(db, "select count(*) from orders where client_key = '" + key + "'")).isEqualTo(1);
                }
                assertThat(shop.provider().charges().stream()
                        .filter(c -> orderId.equals(c.get("metadata").get("order_id").getStringValue())).count())
                        .as("charges for order %s", orderId).isEqualTo(1);
            }
            try (Connection db = database.connect()) {
                Books.assertBalanced(db, shop.provider().charges(), List.of(sku), 1_000);
                assertThat(count(db, "select count(*) from orders")).isEqualTo(rounds);
            }
        }
    }

    @ParameterizedTest(name = "payment adapter {0}")
    @ValueSource(strings = {PaymentAdapters.CHARGES, PaymentAdapters.PAYMENT_INTENTS})
    void reconcilers_of_two_instances_racing_over_the_same_stale_orders_ask_and_settle_each_once(String paymentAdapter) throws Exception {
        int orders = 16;
        // the provider answers after the read timeout: every purchase ends PAYMENT_UNKNOWN, charged nonetheless
        Map<String, Object> settings = Map.of("checkout.payment-adapter", paymentAdapter,
                "stripe.read-timeout", "300ms", "stripe.max-network-retries", 0,
                "checkout.reconcile-interval", "1h", "checkout.unknown-after", "100ms");
        try (var shop = twoInstances(Map.of("sandbox.charge-delay", "1s"), settings)) {
            String sku = "stale-" + UUID.randomUUID().toString().substring(0, 8);
            shop.store().stock(sku, PRICE, 1_000);
            var ids = new ArrayList<String>();
            for (int i = 0; i < orders; i++) {
                HttpResponse<String> answer = shop.stores().get(i % 2).purchase(
                        StoreClient.purchaseJson(shop.provider().token("4242424242424242"), PRICE, sku, 1), UUID.randomUUID().toString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
                ids.add(orderId(answer));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (shop.provider().charges().size() < orders && System.nanoTime() < deadline) {
                CheckoutProcess.sleep(Duration.ofMillis(200));
            }
            assertThat(shop.provider().charges()).as("charges landed at the provider").hasSize(orders);
            long lookupsBefore = lookups(shop);

            var start = new CountDownLatch(1);
            var passes = new ArrayList<Callable<ReconcileReport>>();
            for (InProcessShop.Instance instance : shop.instances()) {
                ReconcilePayments reconciler = instance.context().getBean(ReconcilePayments.class);
                passes.add(() -> {
                    start.await();
                    return reconciler.reconcile();
                });
            }
            List<ReconcileReport> reports = all(passes, start);

            assertThat(reports.stream().mapToInt(ReconcileReport::paid).sum()).as("paid over both: %s", reports).isEqualTo(orders);
            assertThat(reports.stream().mapToInt(ReconcileReport::deferred).sum()).as("lost races: %s", reports).isZero();
            assertThat(lookups(shop) - lookupsBefore).as("provider lookups over both instances").isEqualTo(orders);
            for (String id : ids) {
                assertThat(shop.store().order(id).get("status").getStringValue()).isEqualTo("PAID");
            }
            try (Connection db = database.connect()) {
                Books.assertBalanced(db, shop.provider().charges(), List.of(sku), 1_000);
            }
        }
    }

    /** {@code find_charge_for_order} calls made by every instance so far. */
    private static long lookups(InProcessShop shop) {
        long n = 0;
        for (InProcessShop.Instance instance : shop.instances()) {
            for (Timer timer : instance.context().getBean(MeterRegistry.class)
                    .find("checkout.provider.calls").tag("call", "find_charge_for_order").timers()) {
                n += timer.count();
            }
        }
        return n;
    }

    private static <T> List<T> all(List<Callable<T>> calls, CountDownLatch start) throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<T>>();
            for (Callable<T> call : calls) {
                futures.add(threads.submit(call));
            }
            start.countDown();
            var results = new ArrayList<T>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }

    private static String orderId(HttpResponse<String> answer) {
        JsonNode json = Http.parse(answer.body());
        return json.get("orderId").getStringValue();
    }

    private static long count(Connection db, String sql) throws Exception {
        try (var st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
