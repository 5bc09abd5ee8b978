package dev.checkout.app.reliability;

import dev.checkout.app.support.StoreClient;
import dev.checkout.sandbox.Sandbox;
import dev.checkout.testkit.db.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2 stays single-instance: a second checkout process pointed at the H2 file the first one runs on stops at start,
 * saying why and pointing to PostgreSQL, and the first one goes on serving.
 */
class H2SingleInstanceTest {

    @Test
    void a_second_instance_on_the_same_h2_file_stops_at_start_and_points_to_postgresql() throws Exception {
        try (Sandbox sandbox = InProcessCheckout.startSandbox(Map.of()); TestDatabase h2 = TestDatabase.h2File()) {
            var settings = new HashMap<String, String>();
            h2.properties().forEach((k, v) -> settings.put(k, String.valueOf(v)));
            settings.put("stripe.api-base", sandbox.baseUrl());
            settings.put("checkout.admin-token", "h2-admin-" + UUID.randomUUID());
            settings.put("checkout.demo-data", "true");
            Path logs = Path.of("target", "h2-single-logs", UUID.randomUUID().toString().substring(0, 8));
            var first = new CheckoutProcess("first", settings, logs);
            var second = new CheckoutProcess("second", settings, logs);
            try {
                first.start(Duration.ofSeconds(90));

                int status = second.startExpectingExit(Duration.ofSeconds(90));

                String output = Files.readString(second.log());
                assertThat(status).as("exit status of the second instance, see %s", second.log()).isNotZero();
                assertThat(output).as(second.log().toString())
                        .contains("is already in use by another process")
                        .contains("An H2 file serves one process at a time")
                        .contains("DATASOURCES_DEFAULT_URL=jdbc:postgresql://");
                var store = new StoreClient(first.base(), settings.get("checkout.admin-token"));
                assertThat(store.get("/health/readiness").statusCode()).as("the first instance still serves").isEqualTo(200);
                assertThat(store.get("/api/products").statusCode()).isEqualTo(200);
            } finally {
                second.kill();
                first.stop();
            }
        }
    }
}
