package dev.checkout.app.reliability;

import dev.checkout.app.support.SandboxClient;
import dev.checkout.app.support.StoreClient;
import dev.checkout.sandbox.Sandbox;
import dev.checkout.testkit.db.TestDatabase;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Buyers keep buying while the checkout is killed with {@code kill -9} at random moments and restarted. Afterwards,
 * with the reconciler given time to finish, the provider's records and ours must agree: every approved charge has
 * exactly one PAID order or was refunded, no order is left undecided, no stock is lost or oversold, no reservation is
 * left held. {@code -Dcrash.kills=N} runs a longer session (the default is the 20 this test must survive).
 */
abstract class CrashRecoveryTest {
    static final List<String> SKUS = List.of("crash-a", "crash-b", "crash-c");
    static final long INITIAL = 100_000;
    static final long PRICE = 3_00;

    abstract TestDatabase newDatabase();

    @Test
    void every_approved_charge_ends_as_exactly_one_paid_or_refunded_order_after_repeated_kill_9() throws Exception {
        int kills = Integer.getInteger("crash.kills", 20);
        var random = new Random(Long.getLong("crash.seed", System.nanoTime()));
        try (Sandbox sandbox = Sandbox.start(); TestDatabase database = newDatabase()) {
            var provider = new SandboxClient(sandbox.baseUrl(), sandbox.publishableKey(), sandbox.secretKey());
            String adminToken = "crash-admin-" + UUID.randomUUID();
            var settings = new HashMap<String, String>();
            database.properties().forEach((k, v) -> settings.put(k, String.valueOf(v)));
            settings.put("stripe.api-base", sandbox.baseUrl());
            settings.put("stripe.secret-key", sandbox.secretKey());
            settings.put("stripe.publishable-key", sandbox.publishableKey());
            settings.put("checkout.admin-token", adminToken);
            settings.put("checkout.demo-data", "false");
            // short horizons so the reconciler can settle within the test; the charge call takes milliseconds here
            settings.put("checkout.reconcile-interval", "300ms");
            settings.put("checkout.unknown-after", "200ms");
            settings.put("checkout.abandoned-after", "2s");
            settings.put("checkout.charge-lands-within", "3s");
            settings.put("checkout.reservation-hold", "10s");
            var checkout = new CheckoutProcess(database.name().toLowerCase(), settings,
                    Path.of("target", "crash-logs", database.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8)));
            var store = new StoreClient(checkout.base(), adminToken);

            checkout.start(Duration.ofSeconds(90));
            SKUS.forEach(sku -> store.stock(sku, PRICE, INITIAL));

            var running = new AtomicBoolean(true);
            var statuses = new ConcurrentHashMap<Integer, AtomicInteger>();
            ExecutorService buyers = Executors.newVirtualThreadPerTaskExecutor();
            for (int b = 0; b < 6; b++) {
                buyers.submit(() -> buyUntilStopped(provider, store, running, statuses));
            }
            try {
                for (int k = 0; k < kills; k++) {
                    CheckoutProcess.sleep(Duration.ofMillis(200 + random.nextInt(1_200)));
                    checkout.kill();
                    checkout.start(Duration.ofSeconds(90));
                }
            } finally {
                running.set(false);
                buyers.shutdown();
                buyers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertThat(statuses.getOrDefault(201, new AtomicInteger()).get()).as("purchases that succeeded: %s", statuses).isPositive();

            // Let the reconciler finish what the kills left behind, then look at the books with the process stopped
            // (an H2 file admits one process at a time).
            awaitSettled(checkout, database);

            var charges = provider.charges();
            try (Connection db = database.connect()) {
                assertThat(count(db, "select count(*) from orders where status in ('PENDING_PAYMENT','PAYMENT_UNKNOWN','REFUND_PENDING')"))
                        .as("orders left undecided").isZero();
                assertThat(count(db, "select count(*) from reservations where state = 'RESERVED'"))
                        .as("reservations still held").isZero();
                assertBooksAgree(db, charges);
                for (String sku : SKUS) {
                    long available = count(db, "select available from products where sku = '" + sku + "'");
                    long paidUnits = count(db, "select coalesce(sum(l.quantity), 0) from order_lines l join orders o on o.id = l.order_id "
                            + "where o.status = 'PAID' and l.sku = '" + sku + "'");
                    assertThat(available).as("stock of %s = initial - paid units", sku).isEqualTo(INITIAL - paidUnits);
                }
            }
            assertThat(checkout.starts()).isEqualTo(kills + 1 + settleRestarts);
        }
    }

    private int settleRestarts;

    private void awaitSettled(CheckoutProcess checkout, TestDatabase database) throws SQLException {
        for (int round = 0; round < 6; round++) {
            CheckoutProcess.sleep(Duration.ofSeconds(5)); // > abandoned-after + charge-lands-within + a pass
            checkout.stop();
            try (Connection db = database.connect()) {
                if (count(db, "select count(*) from orders where status in ('PENDING_PAYMENT','PAYMENT_UNKNOWN','REFUND_PENDING')") == 0
                        && count(db, "select count(*) from reservations where state = 'RESERVED'") == 0) {
                    return;
                }
            }
            settleRestarts++;
            checkout.start(Duration.ofSeconds(90));
        }
    }

    /** Every approved charge: one PAID order with that charge, or a refund in full; every PAID order: its charge. */
    private static void assertBooksAgree(Connection db, List<JsonNode> charges) throws SQLException {
        var succeeded = new HashMap<String, JsonNode>();
        for (JsonNode charge : charges) {
            if ("succeeded".equals(charge.get("status").getStringValue())) {
                String orderId = charge.get("metadata").get("order_id").getStringValue();
                assertThat(succeeded.put(orderId, charge)).as("two approved charges for order %s", orderId).isNull();
            }
        }
        for (var entry : succeeded.entrySet()) {
            JsonNode charge = entry.getValue();
            try (var st = db.prepareStatement("select status, charge_id from orders where id = ?")) {
                st.setString(1, entry.getKey());
                try (ResultSet rs = st.executeQuery()) {
                    assertThat(rs.next()).as("an order for approved charge %s", charge.get("id").getStringValue()).isTrue();
                    String status = rs.getString(1);
                    if (status.equals("PAID")) {
                        assertThat(rs.getString(2)).isEqualTo(charge.get("id").getStringValue());
                        assertThat(charge.get("amount_refunded").getLongValue()).as("a PAID order's charge is not refunded").isZero();
                    } else {
                        assertThat(status).as("order %s of an approved charge", entry.getKey()).isEqualTo("REFUNDED");
                        assertThat(charge.get("refunded").getBooleanValue()).isTrue();
                    }
                }
            }
        }
        try (var st = db.createStatement(); ResultSet rs = st.executeQuery("select id from orders where status = 'PAID'")) {
            while (rs.next()) {
                assertThat(succeeded).as("PAID order %s has an approved charge", rs.getString(1)).containsKey(rs.getString(1));
            }
        }
    }

    private static void buyUntilStopped(SandboxClient provider, StoreClient store, AtomicBoolean running,
                                        Map<Integer, AtomicInteger> statuses) {
        var random = new Random();
        while (running.get()) {
            try {
                String sku = SKUS.get(random.nextInt(SKUS.size()));
                int quantity = 1 + random.nextInt(3);
                String card = random.nextInt(5) == 0 ? "4000000000009995" : "4242424242424242";
                var response = store.purchase(StoreClient.purchaseJson(provider.token(card), PRICE * quantity, sku, quantity),
                        "crash-" + UUID.randomUUID());
                statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
            } catch (RuntimeException checkoutDown) {
                statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
                CheckoutProcess.sleep(Duration.ofMillis(50));
            }
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (var st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
