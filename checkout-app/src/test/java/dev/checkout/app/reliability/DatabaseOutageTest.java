package dev.checkout.app.reliability;

import dev.checkout.app.support.PaymentAdapters;
import dev.checkout.app.support.Http;
import dev.checkout.app.support.SandboxClient;
import dev.checkout.app.support.StoreClient;
import dev.checkout.app.support.ThrowawayPostgres;
import dev.checkout.app.support.ThrowawayPostgres.StopMode;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Issue #8: PostgreSQL is stopped and started again while buyers keep buying from the running checkout, once with a
 * clean shutdown ({@code pg_ctl stop -m fast}: sessions are told "terminating connection") and once as in a crash
 * ({@code -m immediate}). While it is down every purchase fails quickly and cleanly: 503 JSON with an error code and
 * {@code Retry-After}, never a 500 or another 5xx, never a hang. Once it is back, purchases succeed again without the
 * checkout being restarted, and after the reconciler's pass the books agree: every approved charge is one PAID order
 * or was refunded, no paid order is lost, stock = initial - paid units.
 *
 * <p>The server is a {@link ThrowawayPostgres} of this test's own; the shared one on 5432 is never touched.
 */
class DatabaseOutageTest {
    static final List<String> SKUS = List.of("outage-a", "outage-b", "outage-c");
    static final long INITIAL = 100_000;
    static final long PRICE = 4_00;
    /** How long a caller waits for a connection from the pool before the request fails. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);
    static final Duration DOWN_FOR = Duration.ofSeconds(4);
    /**
     * The slowest answer allowed. The slowest legitimate path: charged just before the stop, then three attempts at
     * recording it (each waiting out the pool's timeout), the refund, and one more attempt at recording that.
     */
    static final Duration SLOWEST_ANSWER = Duration.ofSeconds(8);

    /** When one outage began and ended, by {@link System#nanoTime()}. */
    record Outage(StopMode mode, long stopping, long down, long restarting, long up) {
        /** Asked and answered while the server was down for certain. */
        boolean surrounds(Buyers.Answer answer) {
            return answer.sentAt() >= down && answer.answeredAt() <= restarting;
        }
    }

    @ParameterizedTest(name = "payment adapter {0}")
    @ValueSource(strings = {PaymentAdapters.CHARGES, PaymentAdapters.PAYMENT_INTENTS})
    void purchases_fail_with_503_while_postgres_is_down_and_succeed_again_once_it_is_back_without_a_restart(String paymentAdapter) throws Exception {
        try (var postgres = ThrowawayPostgres.start()) {
            var settings = new HashMap<String, Object>(postgres.properties());
            settings.put("datasources.default.connection-timeout", CONNECTION_TIMEOUT.toMillis());
            settings.putAll(CrashRecoveryTest.QUICK_RECONCILER);
            // longer than the slowest purchase (SLOWEST_ANSWER), as in production: the reconciler must not take over
            // an order whose purchase is still trying to record its charge
            settings.put("checkout.abandoned-after", SLOWEST_ANSWER.toSeconds() + "s");
            settings.put("checkout.payment-adapter", paymentAdapter);
            try (var shop = InProcessCheckout.start(Map.of(), settings)) {
                StoreClient store = shop.store();
                SandboxClient provider = shop.provider();
                SKUS.forEach(sku -> store.stock(sku, PRICE, INITIAL));

                var outages = new ArrayList<Outage>();
                List<Buyers.Answer> answers;
                try (var buyers = Buyers.start(6, provider, store, SKUS, PRICE)) {
                    awaitPaidPurchaseSince(buyers, System.nanoTime(), "before the first outage");
                    CheckoutProcess.sleep(Duration.ofSeconds(2));
                    for (StopMode mode : List.of(StopMode.FAST, StopMode.IMMEDIATE)) {
                        outages.add(outage(postgres, buyers, mode));
                    }
                    buyers.stop();
                    answers = buyers.answers();
                }
                report(answers, outages);

                assertCleanAnswers(answers, outages);

                // the reconciler settles what the outages left half-way; then the books must agree
                try (Connection db = postgres.connect()) {
                    awaitSettled(db);
                    Books.assertBalanced(db, provider.charges(), SKUS, INITIAL);
                    assertEveryPaidAnswerIsAPaidOrder(db, answers);
                }
            }
        }
    }

    /**
     * Stops the server, keeps it down for {@link #DOWN_FOR}, starts it again, and waits until a purchase asked after
     * that has succeeded (the checkout itself is not touched), then lets the buyers go on a little longer.
     */
    private static Outage outage(ThrowawayPostgres postgres, Buyers buyers, StopMode mode) {
        long stopping = System.nanoTime();
        postgres.stop(mode);
        long down = System.nanoTime();
        CheckoutProcess.sleep(DOWN_FOR);
        long restarting = System.nanoTime();
        postgres.start(Duration.ofSeconds(60));
        long up = System.nanoTime();
        awaitPaidPurchaseSince(buyers, up, "after the " + mode + " stop");
        CheckoutProcess.sleep(Duration.ofSeconds(2));
        return new Outage(mode, stopping, down, restarting, up);
    }

    private static void awaitPaidPurchaseSince(Buyers buyers, long since, String when) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (buyers.answers().stream().noneMatch(a -> a.status() == 201 && a.sentAt() >= since)) {
            if (System.nanoTime() > deadline) {
                fail("no purchase succeeded within 30 s %s; answers by status: %s", when, buyers.statuses());
            }
            CheckoutProcess.sleep(Duration.ofMillis(100));
        }
    }

    /** What happened around each outage, on the console, to read a run by. */
    private static void report(List<Buyers.Answer> answers, List<Outage> outages) {
        for (Outage outage : outages) {
            var around = Buyers.byStatus(answers.stream()
                    .filter(a -> a.answeredAt() >= outage.stopping() && a.sentAt() <= outage.up()).toList());
            long recovered = answers.stream().filter(a -> a.status() == 201 && a.sentAt() >= outage.up())
                    .mapToLong(Buyers.Answer::answeredAt).min().orElse(outage.up());
            System.out.printf("[database outage] %s: stop took %d ms, down %d ms, start took %d ms, first 201 %d ms after;"
                            + " answers overlapping it by status: %s%n", outage.mode(),
                    millis(outage.down() - outage.stopping()), millis(outage.restarting() - outage.down()),
                    millis(outage.up() - outage.restarting()), millis(recovered - outage.up()), around);
        }
        var slowest = answers.stream().max(Comparator.comparing(Buyers.Answer::took)).orElseThrow();
        var unavailable = answers.stream().filter(a -> a.status() == 503)
                .collect(Collectors.groupingBy(DatabaseOutageTest::errorCode, TreeMap::new, Collectors.counting()));
        System.out.printf("[database outage] %d answers by status: %s, the 503s by code: %s; slowest %d ms (%d %s)%n",
                answers.size(), Buyers.byStatus(answers), unavailable, slowest.took().toMillis(), slowest.status(),
                slowest.status() >= 400 ? errorCode(slowest) : "");
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    private static void assertCleanAnswers(List<Buyers.Answer> answers, List<Outage> outages) {
        assertThat(answers).as("every purchase got an HTTP answer from the checkout, which stayed up")
                .noneMatch(a -> a.status() == Buyers.NO_ANSWER);
        assertThat(answers).as("no 5xx but 503").noneMatch(a -> a.status() >= 500 && a.status() != 503);
        for (var answer : answers) {
            assertThat(answer.took()).as("time to answer %s %s", answer.status(), answer.body()).isLessThan(SLOWEST_ANSWER);
            if (answer.status() == 503) {
                assertThat(errorCode(answer)).as("a 503 says why: %s", answer.body()).isNotBlank();
            }
        }
        for (Outage outage : outages) {
            var whileDown = answers.stream().filter(outage::surrounds).toList();
            assertThat(whileDown).as("purchases asked and answered while PostgreSQL was down (%s)", outage.mode())
                    .isNotEmpty()
                    .allSatisfy(answer -> {
                        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
                        assertThat(errorCode(answer)).as(answer.body()).isEqualTo("database_unavailable");
                        assertThat(answer.retryAfter()).as("Retry-After of %s", answer.body()).isPresent();
                    });
        }
    }

    private static void awaitSettled(Connection db) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Books.settled(db) && System.nanoTime() < deadline) {
            CheckoutProcess.sleep(Duration.ofMillis(500));
        }
    }

    /** No paid order is lost: every order a buyer was told is paid (201) is still PAID. */
    private static void assertEveryPaidAnswerIsAPaidOrder(Connection db, List<Buyers.Answer> answers) throws SQLException {
        var paid = answers.stream().filter(a -> a.status() == 201)
                .map(a -> Http.parse(a.body()).get("orderId").getStringValue()).toList();
        assertThat(paid).isNotEmpty();
        try (var st = db.prepareStatement("select status from orders where id = ?")) {
            for (String orderId : paid) {
                st.setString(1, orderId);
                try (var rs = st.executeQuery()) {
                    assertThat(rs.next()).as("order %s answered 201", orderId).isTrue();
                    assertThat(rs.getString(1)).as("order %s answered 201", orderId).isEqualTo("PAID");
                }
            }
        }
    }

    private static String errorCode(Buyers.Answer answer) {
        JsonNode error = Http.parse(answer.body()).get("error");
        return error == null || error.get("code") == null ? "" : error.get("code").getStringValue();
    }
}
