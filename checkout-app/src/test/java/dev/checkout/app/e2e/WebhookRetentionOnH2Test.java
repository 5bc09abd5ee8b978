package dev.checkout.app.e2e;

import dev.checkout.app.support.Http;
import dev.checkout.app.support.InProcessShop;
import dev.checkout.app.support.Ports;
import dev.checkout.app.support.StoreClient;
import dev.checkout.app.support.Webhooks;
import dev.checkout.testkit.db.TestDatabase;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code checkout.webhooks.retention}: the reconciler's schedule forgets received events older than it, so the
 * {@code payment_events} table stops growing (here with a retention of three seconds, on H2; the store's part runs on
 * PostgreSQL too in the persistence contract tests).
 */
class WebhookRetentionOnH2Test {
    static final String SECRET = "whsec_e2eRetentionSecret000000000000";

    @Test
    void an_event_older_than_the_retention_is_forgotten_by_the_scheduled_sweep() throws Exception {
        int port = Ports.free();
        try (TestDatabase database = TestDatabase.h2File();
             InProcessShop shop = InProcessShop.builder()
                     .database(database.properties())
                     .settings(Map.of("micronaut.server.port", port, "stripe.webhook-secret", SECRET,
                             "checkout.webhooks.retention", "3s", "checkout.reconcile-interval", "200ms"))
                     .adminToken("e2e-retention-" + UUID.randomUUID())
                     .start()) {
            StoreClient store = shop.store();
            Webhooks hooks = new Webhooks(shop.sandbox().baseUrl(), shop.sandbox().secretKey(), SECRET, store.base());
            String body = """
                    {"id":"evt_retention_%s","object":"event","api_version":"2026-07-29.dahlia","created":%d,
                     "livemode":false,"pending_webhooks":1,"request":{"id":null,"idempotency_key":null},
                     "type":"charge.dispute.created","data":{"object":{"id":"dp_nobody","object":"dispute","amount":100,
                     "charge":"ch_nobodys","currency":"usd","status":"needs_response","reason":"fraudulent",
                     "metadata":{}}}}""".formatted(UUID.randomUUID(), Instant.now().getEpochSecond());

            HttpResponse<String> first = hooks.deliver(body);
            assertThat(Http.parse(first.body()).get("result").getStringValue()).isEqualTo("ignored");
            HttpResponse<String> again = hooks.deliver(body);
            assertThat(Http.parse(again.body()).get("result").getStringValue()).as("still remembered")
                    .isEqualTo("duplicate");

            Pattern forgotten = Pattern.compile(
                    "checkout_reconciler_actions_total\\{action=\"events_forgotten\",?} [1-9]");
            Webhooks.await(Duration.ofSeconds(20), "the sweep forgetting the event",
                    () -> forgotten.matcher(store.get("/metrics").body()).find());
            // forgotten: the same id now counts as new (which is why the real retention is 30 days, not seconds)
            HttpResponse<String> late = hooks.deliver(body);
            assertThat(late.statusCode()).isEqualTo(200);
            assertThat(Http.parse(late.body()).get("result").getStringValue()).isEqualTo("ignored");
        }
    }
}
