package dev.checkout.app.reliability;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /health} follows the payment provider: UP while the sandbox runs, DOWN (503) once it is stopped. */
class HealthReadinessTest {

    @Test
    void health_is_up_with_the_provider_and_down_with_503_without_it() {
        try (var shop = InProcessCheckout.start(Map.of(), Map.of("checkout.provider-probe-interval", "0s",
                "stripe.connect-timeout", "1s"))) {
            var store = shop.store();
            HttpResponse<String> up = store.get("/health");
            assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
            assertThat(up.body()).contains("\"UP\"");

            shop.stopSandbox();
            HttpResponse<String> down = store.get("/health");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (down.statusCode() != 503 && System.nanoTime() < deadline) {
                CheckoutProcess.sleep(Duration.ofMillis(100));
                down = store.get("/health");
            }
            assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
            assertThat(down.body()).contains("DOWN").doesNotContain(shop.secretKey());
        }
    }
}
