package dev.checkout.app.reliability;

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
import java.util.Random;
import java.util.UUID;

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
    /** Short horizons so the reconciler can settle within a test; the charge call takes milliseconds here. */
    static final Map<String, String> QUICK_RECONCILER = Map.of(
            "checkout.reconcile-interval", "300ms",
            "checkout.unknown-after", "200ms",
            "checkout.abandoned-after", "2s",
            "checkout.charge-lands-within", "3s",
            "checkout.reservation-hold", "10s");

    abstract TestDatabase newDatabase();

    @ParameterizedTest(name = "payment adapter {0}")
    @ValueSource(strings = {PaymentAdapters.CHARGES, PaymentAdapters.PAYMENT_INTENTS})
    void every_approved_charge_ends_as_exactly_one_paid_or_refunded_order_after_repeated_kill_9(String paymentAdapter) throws Exception {
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
            settings.putAll(QUICK_RECONCILER);
            // with payment-intents the reconciler settles from the provider's PaymentIntents instead of its charges
            settings.put("checkout.payment-adapter", paymentAdapter);
            var checkout = new CheckoutProcess(database.name().toLowerCase(), settings,
                    Path.of("target", "crash-logs", database.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8)));
            var store = new StoreClient(checkout.base(), adminToken);

            checkout.start(Duration.ofSeconds(90));
            SKUS.forEach(sku -> store.stock(sku, PRICE, INITIAL));

            var buyers = Buyers.start(6, provider, store, SKUS, PRICE);
            try {
                for (int k = 0; k < kills; k++) {
                    CheckoutProcess.sleep(Duration.ofMillis(200 + random.nextInt(1_200)));
                    checkout.kill();
                    checkout.start(Duration.ofSeconds(90));
                }
            } finally {
                buyers.stop();
            }
            assertThat(buyers.statuses().getOrDefault(201, 0L)).as("purchases that succeeded: %s", buyers.statuses()).isPositive();

            // Let the reconciler finish what the kills left behind, then look at the books with the process stopped
            // (an H2 file admits one process at a time).
            awaitSettled(checkout, database);

            try (Connection db = database.connect()) {
                Books.assertBalanced(db, provider.charges(), SKUS, INITIAL);
            }
            assertThat(checkout.starts()).isEqualTo(kills + 1 + settleRestarts);
        }
    }

    private int settleRestarts;

    /** Returns with the checkout stopped, settled or not, so that the books can be read (and tell what is left). */
    private void awaitSettled(CheckoutProcess checkout, TestDatabase database) throws SQLException {
        for (int round = 0; ; round++) {
            CheckoutProcess.sleep(Duration.ofSeconds(5)); // > abandoned-after + charge-lands-within + a pass
            checkout.stop();
            try (Connection db = database.connect()) {
                Books.assertWhole(db);
                if (Books.settled(db) || round == 5) {
                    return;
                }
            }
            settleRestarts++;
            checkout.start(Duration.ofSeconds(90));
        }
    }
}
