package dev.checkout.app.reliability;

import dev.checkout.app.support.Http;
import dev.checkout.app.support.PaymentAdapters;
import dev.checkout.app.support.SandboxClient;
import dev.checkout.app.support.StoreClient;
import dev.checkout.sandbox.Sandbox;
import dev.checkout.testkit.db.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two checkout processes on one PostgreSQL schema behind a round-robin balancer; one is killed with {@code kill -9}
 * mid-load and stays dead. The survivor keeps serving, and its reconciler takes over the orders the dead one left
 * once they are older than the abandonment window: a purchase cut off by the kill, sent again with its key, ends
 * with the dead instance's order decided, every approved charge is one PAID order or a refund, and the stock is
 * initial minus paid.
 */
class InstanceCrashTest {
    private static final List<String> SKUS = List.of("crash2-a", "crash2-b", "crash2-c");
    private static final long INITIAL = 100_000;
    private static final long PRICE = 2_00;

    @ParameterizedTest(name = "payment adapter {0}")
    @ValueSource(strings = {PaymentAdapters.CHARGES, PaymentAdapters.PAYMENT_INTENTS})
    void the_survivor_settles_what_a_killed_instance_left_and_the_books_balance(String paymentAdapter) throws Exception {
        try (Sandbox sandbox = InProcessCheckout.startSandbox(Map.of("sandbox.charge-delay", "300ms"));
             TestDatabase database = TestDatabase.postgres()) {
            var provider = new SandboxClient(sandbox.baseUrl(), sandbox.publishableKey(), sandbox.secretKey());
            String adminToken = "crash2-admin-" + UUID.randomUUID();
            var settings = new HashMap<String, String>();
            database.properties().forEach((k, v) -> settings.put(k, String.valueOf(v)));
            settings.put("stripe.api-base", sandbox.baseUrl());
            settings.put("stripe.secret-key", sandbox.secretKey());
            settings.put("stripe.publishable-key", sandbox.publishableKey());
            settings.put("checkout.admin-token", adminToken);
            settings.put("checkout.demo-data", "false");
            settings.putAll(CrashRecoveryTest.QUICK_RECONCILER); // abandoned after 2 s, a pass every 300 ms
            settings.put("checkout.payment-adapter", paymentAdapter);
            Path logs = Path.of("target", "instance-crash-logs", UUID.randomUUID().toString().substring(0, 8));
            var doomed = new CheckoutProcess("doomed", settings, logs);
            var survivor = new CheckoutProcess("survivor", settings, logs);
            doomed.start(Duration.ofSeconds(90));
            survivor.start(Duration.ofSeconds(90));
            List<StoreClient> stores = List.of(new StoreClient(doomed.base(), adminToken), new StoreClient(survivor.base(), adminToken));
            SKUS.forEach(sku -> stores.get(1).stock(sku, PRICE, INITIAL));

            List<BalancedBuyers.Purchase> purchases;
            long paidBySurvivorAfterKill;
            try (var buyers = BalancedBuyers.start(8, provider, stores, SKUS, PRICE)) {
                CheckoutProcess.sleep(Duration.ofSeconds(3));
                doomed.kill();
                int atKill = buyers.purchases().size();
                CheckoutProcess.sleep(Duration.ofSeconds(8)); // > abandoned-after + charge-lands-within + a pass
                buyers.stop();
                purchases = buyers.purchases();
                paidBySurvivorAfterKill = purchases.subList(atKill, purchases.size()).stream()
                        .filter(p -> p.answer().status() == 201 && p.answer().instance() == 1).count();
            } finally {
                doomed.kill();
            }
            try {
                // cut off mid-purchase: no answer from the doomed instance, then "still being decided" (202) from the
                // survivor for the same key, because the doomed one had already placed the order
                var cutOff = purchases.stream()
                        .filter(p -> p.attempts().stream().anyMatch(a -> a.instance() == 0 && a.status() == Buyers.NO_ANSWER))
                        .filter(p -> p.attempts().stream().anyMatch(a -> a.instance() == 1 && a.status() == 202))
                        .toList();
                System.out.printf("instance crash: %d purchases, answers %s, %d cut off by the kill%n",
                        purchases.size(), Map.copyOf(answers(purchases)), cutOff.size());
                assertThat(paidBySurvivorAfterKill).as("the survivor kept selling").isPositive();
                assertThat(cutOff).as("purchases the kill cut off after their order was placed").isNotEmpty();
                // a purchase the kill cut off is sent again with its key: the survivor answers for the dead one's order
                // once its reconciler decided it (paid, declined, or failed when the charge never left)
                assertThat(purchases).allSatisfy(p -> assertThat(p.answer().status()).as("last answer of %s", p).isIn(201, 402, 503));
                List<BalancedBuyers.Purchase> unavailable = purchases.stream().filter(p -> p.answer().status() == 503).toList();

                awaitSettled(database);
                try (Connection db = database.connect()) {
                    // a 503 is the dead instance's order that its charge never reached: the answer says
                    // "provider_unavailable, nothing was charged" (the buyer's words); the stored failure says why
                    for (BalancedBuyers.Purchase p : unavailable) {
                        String orderId = Http.parse(p.answer().body()).get("orderId").getStringValue();
                        try (var q = db.prepareStatement("SELECT status, failure_code FROM orders WHERE id = ?")) {
                            q.setString(1, orderId);
                            try (var row = q.executeQuery()) {
                                assertThat(row.next()).as("order %s of %s", orderId, p).isTrue();
                                assertThat(row.getString(1)).as("status of %s", orderId).isEqualTo("FAILED");
                                assertThat(row.getString(2)).as("failure of %s", orderId).isEqualTo("charge_not_found");
                            }
                        }
                    }
                    Books.assertBalanced(db, provider.charges(), SKUS, INITIAL);
                }
                assertThat(reconcilerActions(stores.get(1))).as("what the survivor's reconciler did").isPositive();
            } finally {
                survivor.stop();
            }
        }
    }

    private static Map<Integer, Long> answers(List<BalancedBuyers.Purchase> purchases) {
        var byStatus = new java.util.TreeMap<Integer, Long>();
        purchases.forEach(p -> byStatus.merge(p.answer().status(), 1L, Long::sum));
        return byStatus;
    }

    private static void awaitSettled(TestDatabase database) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection db = database.connect()) {
                if (Books.settled(db)) {
                    return;
                }
            }
            CheckoutProcess.sleep(Duration.ofMillis(500));
        }
    }

    /** The sum of the survivor's {@code checkout_reconciler_actions_total} counters. */
    private static long reconcilerActions(StoreClient store) {
        return store.get("/metrics").body().lines().filter(l -> l.startsWith("checkout_reconciler_actions_total{"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
