package dev.checkout.app.errors;

import dev.checkout.app.support.Http;
import dev.checkout.testkit.db.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** With its database gone, the checkout answers 503 JSON "try again", not 500. */
class DatabaseUnavailableHandlerTest {

    @Test
    void a_lost_database_answers_503_with_a_message_to_try_again() throws Exception {
        try (TestDatabase database = TestDatabase.h2File()) {
            var props = new HashMap<String, Object>(database.properties());
            props.put("micronaut.server.port", -1);
            props.put("checkout.demo-data", false);
            props.put("checkout.reconciler.enabled", false);
            props.put("datasources.default.connection-timeout", 1000);
            try (ApplicationContext app = ApplicationContext.run(EmbeddedServer.class, props).getApplicationContext()) {
                URI base = URI.create(app.getBean(EmbeddedServer.class).getURL().toString());
                var http = new Http();
                assertThat(http.send(HttpRequest.newBuilder(base.resolve("/api/products")).build()).statusCode()).isEqualTo(200);

                // the database goes away under the running application
                try (var c = database.connect()) {
                    c.createStatement().execute("SHUTDOWN");
                }

                var response = http.send(HttpRequest.newBuilder(base.resolve("/api/products")).build());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                assertThat(Http.parse(response.body()).get("error").get("code").getStringValue()).isEqualTo("database_unavailable");
                assertThat(response.headers().firstValue("Retry-After")).contains("5");
            }
        }
    }
}
