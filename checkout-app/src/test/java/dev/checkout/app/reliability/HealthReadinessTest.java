package dev.checkout.app.reliability;

import dev.checkout.app.lifecycle.Drain;
import dev.checkout.app.support.Http;
import dev.checkout.app.support.StoreClient;
import dev.checkout.app.support.ThrowawayPostgres;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health endpoints a load balancer and an orchestrator use, against the real sandbox and the real checkout:
 * {@code /health/liveness} is the process alone; {@code /health/readiness} (and {@code /health}, which adds liveness)
 * is DOWN while the instance drains or cannot reach its database, and stays UP through a provider outage, which shows
 * in {@code /metrics} instead.
 */
class HealthReadinessTest {
    private static final long PRICE = 5_00;

    @Test
    void a_provider_outage_leaves_every_health_endpoint_up_and_shows_in_the_metrics() {
        try (var shop = InProcessCheckout.start(Map.of(), Map.of("checkout.provider-probe-interval", "0s",
                "stripe.connect-timeout", "1s"))) {
            var store = shop.store();
            assertStatus(store, "/health/readiness", 200, "UP");
            assertThat(providerGauge(store)).as("provider reachable while the sandbox runs").isEqualTo("1.0");

            shop.stopSandbox();
            assertThat(providerGauge(store)).as("provider unreachable once the sandbox stopped").isEqualTo("0.0");
            for (String path : new String[]{"/health", "/health/readiness", "/health/liveness"}) {
                HttpResponse<String> answer = assertStatus(store, path, 200, "UP");
                assertThat(answer.body()).doesNotContain(shop.secretKey());
            }
            assertThat(store.get("/metrics").body()).doesNotContain(shop.secretKey());
        }
    }

    @Test
    void draining_turns_readiness_down_and_refuses_new_purchases_with_503_and_retry_after_writing_nothing() {
        try (var shop = InProcessCheckout.start(Map.of(), Map.of())) {
            var store = shop.store();
            String sku = "drain-" + UUID.randomUUID().toString().substring(0, 8);
            store.stock(sku, PRICE, 10);
            assertStatus(store, "/health/readiness", 200, "UP");

            shop.context().getBean(Drain.class).begin();

            assertStatus(store, "/health/readiness", 503, "DOWN");
            assertStatus(store, "/health", 503, "DOWN");
            assertStatus(store, "/health/liveness", 200, "UP");
            String key = UUID.randomUUID().toString();
            HttpResponse<String> refused = store.purchase(
                    StoreClient.purchaseJson(shop.provider().token("4242424242424242"), PRICE, sku, 1), key);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            JsonNode error = Http.parse(refused.body()).get("error");
            assertThat(error.get("code").getStringValue()).isEqualTo("shutting_down");
            assertThat(error.get("message").getStringValue()).contains("nothing was charged");
            assertThat(store.available(sku)).as("nothing reserved").isEqualTo(10);
            assertThat(shop.provider().charges()).as("nothing charged").isEmpty();
            assertThat(store.get("/api/products").statusCode()).as("reads are still served").isEqualTo(200);
        }
    }

    @Test
    void readiness_is_down_while_the_database_is_unreachable_and_up_again_once_it_is_back() throws Exception {
        try (var postgres = ThrowawayPostgres.start()) {
            var settings = new HashMap<String, Object>(postgres.properties());
            settings.put("datasources.default.connection-timeout", 1_000);
            try (var shop = InProcessCheckout.start(Map.of(), settings)) {
                var store = shop.store();
                assertStatus(store, "/health/readiness", 200, "UP");

                postgres.stop(ThrowawayPostgres.StopMode.FAST);
                awaitStatus(store, "/health/readiness", code -> code == 503, "DOWN");
                assertStatus(store, "/health/liveness", 200, "UP");

                postgres.start(Duration.ofSeconds(60));
                awaitStatus(store, "/health/readiness", code -> code == 200, "UP");
            }
        }
    }

    private static String providerGauge(StoreClient store) {
        for (String line : store.get("/metrics").body().split("\n")) {
            if (line.startsWith("checkout_provider_reachable ")) {
                return line.substring(line.indexOf(' ') + 1).trim();
            }
        }
        throw new AssertionError("no checkout_provider_reachable in /metrics");
    }

    private static HttpResponse<String> assertStatus(StoreClient store, String path, int code, String status) {
        HttpResponse<String> answer = store.get(path);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(code);
        assertThat(Http.parse(answer.body()).get("status").getStringValue()).as(path).isEqualTo(status);
        return answer;
    }

    private static void awaitStatus(StoreClient store, String path, IntPredicate code, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> answer = store.get(path);
        while (!code.test(answer.statusCode()) && System.nanoTime() < deadline) {
            CheckoutProcess.sleep(Duration.ofMillis(200));
            answer = store.get(path);
        }
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).matches(code::test);
        assertThat(Http.parse(answer.body()).get("status").getStringValue()).as(path).isEqualTo(status);
    }
}
