package dev.checkout.app.reliability;

import dev.checkout.app.support.PaymentAdapters;
import dev.checkout.app.support.SandboxClient;
import dev.checkout.app.support.StoreClient;
import dev.checkout.sandbox.Sandbox;
import dev.checkout.testkit.db.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rolling restart under load: two checkout processes on one PostgreSQL schema behind a round-robin balancer, each
 * stopped with SIGTERM and started again in turn while buyers keep buying, every charge taking a while at the
 * provider so that purchases are in flight when the signal comes. The reconciler is kept out of it (its windows are
 * longer than the test), so whatever a stop left half-way would stay visible: nothing may be left PENDING or UNKNOWN,
 * every purchase gets an answer, each stop ends within its drain time, and the books balance.
 */
class RollingRestartTest {
    private static final List<String> SKUS = List.of("roll-a", "roll-b", "roll-c");
    private static final long INITIAL = 100_000;
    private static final long PRICE = 4_00;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern IN_FLIGHT = Pattern.compile("SIGTERM: draining .*; (\\d+) in flight");

    @ParameterizedTest(name = "payment adapter {0}")
    @ValueSource(strings = {PaymentAdapters.CHARGES, PaymentAdapters.PAYMENT_INTENTS})
    void sigterm_under_load_finishes_the_purchases_in_flight_and_loses_none(String paymentAdapter) throws Exception {
        try (Sandbox sandbox = InProcessCheckout.startSandbox(Map.of("sandbox.charge-delay", "300ms"));
             TestDatabase database = TestDatabase.postgres()) {
            var provider = new SandboxClient(sandbox.baseUrl(), sandbox.publishableKey(), sandbox.secretKey());
            String adminToken = "roll-admin-" + UUID.randomUUID();
            var settings = new HashMap<String, String>();
            database.properties().forEach((k, v) -> settings.put(k, String.valueOf(v)));
            settings.put("stripe.api-base", sandbox.baseUrl());
            settings.put("stripe.secret-key", sandbox.secretKey());
            settings.put("stripe.publishable-key", sandbox.publishableKey());
            settings.put("checkout.admin-token", adminToken);
            settings.put("checkout.demo-data", "false");
            settings.put("checkout.payment-adapter", paymentAdapter);
            // the reconciler must not tidy up after the stops: what they leave must show
            settings.put("checkout.unknown-after", "1h");
            settings.put("checkout.abandoned-after", "1h");
            settings.put("checkout.drain-timeout", DRAIN_TIMEOUT.toSeconds() + "s");
            Path logs = Path.of("target", "rolling-logs", UUID.randomUUID().toString().substring(0, 8));
            var a = new CheckoutProcess("a", settings, logs);
            var b = new CheckoutProcess("b", settings, logs);
            a.start(Duration.ofSeconds(90));
            b.start(Duration.ofSeconds(90));
            List<StoreClient> stores = List.of(new StoreClient(a.base(), adminToken), new StoreClient(b.base(), adminToken));
            SKUS.forEach(sku -> stores.get(0).stock(sku, PRICE, INITIAL));

            int inFlightAtStops = 0;
            List<BalancedBuyers.Purchase> purchases;
            try (var buyers = BalancedBuyers.start(8, provider, stores, SKUS, PRICE)) {
                CheckoutProcess.sleep(Duration.ofSeconds(3));
                for (CheckoutProcess instance : List.of(a, b)) {
                    long stopping = System.nanoTime();
                    instance.stop(); // SIGTERM, then wait for the exit
                    Duration took = Duration.ofNanos(System.nanoTime() - stopping);
                    assertThat(took).as("%s's stop: drain + the HTTP server's grace", instance.log())
                            .isLessThan(DRAIN_TIMEOUT.plusSeconds(15));
                    assertThat(instance.exitValue()).as("exit status after a drain, see %s", instance.log()).isZero();
                    inFlightAtStops += inFlightWhenSignalled(instance.log());
                    instance.start(Duration.ofSeconds(90));
                    CheckoutProcess.sleep(Duration.ofSeconds(3));
                }
                buyers.stop();
                purchases = buyers.purchases();
            } finally {
                a.stop();
                b.stop();
            }

            System.out.printf("rolling restart: %d purchases, answers %s, %d in flight at the two SIGTERMs, %d sent again%n",
                    purchases.size(), answers(purchases), inFlightAtStops,
                    purchases.stream().filter(p -> p.attempts().size() > 1).count());
            assertThat(inFlightAtStops).as("purchases in flight when the signals came (else this tested nothing)").isPositive();
            assertThat(purchases).as("purchases made").hasSizeGreaterThan(20);
            assertThat(purchases.stream().filter(p -> p.answer().status() != 201 && p.answer().status() != 402).toList())
                    .as("purchases whose last answer was neither paid (201) nor declined (402)").isEmpty();
            assertThat(purchases.stream().anyMatch(p -> p.attempts().stream().anyMatch(BalancedBuyers.Attempt::shuttingDown)))
                    .as("some purchase met a draining instance and was answered 503 shutting_down").isTrue();

            try (Connection db = database.connect()) {
                Books.assertBalanced(db, provider.charges(), SKUS, INITIAL);
                assertThat(count(db, "select count(*) from orders where status = 'PAID'"))
                        .as("PAID orders = purchases answered 201").isEqualTo(purchases.stream().filter(p -> p.answer().status() == 201).count());
            }
        }
    }

    private static Map<Integer, Long> answers(List<BalancedBuyers.Purchase> purchases) {
        var byStatus = new java.util.TreeMap<Integer, Long>();
        purchases.forEach(p -> byStatus.merge(p.answer().status(), 1L, Long::sum));
        return byStatus;
    }

    private static int inFlightWhenSignalled(Path log) throws IOException {
        Matcher m = IN_FLIGHT.matcher(Files.readString(log));
        assertThat(m.find()).as("the drain's log line in %s", log).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static long count(Connection db, String sql) throws Exception {
        try (var st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
