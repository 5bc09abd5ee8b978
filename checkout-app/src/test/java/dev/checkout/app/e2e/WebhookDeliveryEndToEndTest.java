package dev.checkout.app.e2e;

import dev.checkout.app.support.Http;
import dev.checkout.app.support.InProcessShop;
import dev.checkout.app.support.Ports;
import dev.checkout.app.support.SandboxClient;
import dev.checkout.app.support.StoreClient;
import dev.checkout.app.support.Webhooks;
import dev.checkout.testkit.db.TestDatabase;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static dev.checkout.app.support.StoreClient.purchaseJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks for real: the sandbox forwards every event, signed, to the running checkout's {@code /webhooks/stripe}
 * (as {@code ./run.sh} wires them), which verifies it with stripe-java and acts on it. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookDeliveryEndToEndTest {
    static final String SECRET = "whsec_e2eForwardingSecret00000000000";
    static final String ADMIN = "e2e-webhook-admin-" + UUID.randomUUID();
    TestDatabase database;
    InProcessShop shop;
    StoreClient store;
    SandboxClient provider;
    Webhooks hooks;

    abstract TestDatabase newDatabase();

    @BeforeAll
    void start() {
        database = newDatabase();
        int port = Ports.free();
        shop = InProcessShop.builder()
                .sandbox(Map.of("sandbox.forward-to", "http://127.0.0.1:" + port + "/webhooks/stripe",
                        "sandbox.webhook-secret", SECRET, "sandbox.dispute-delay", "300ms"))
                .database(database.properties())
                .settings(Map.of("micronaut.server.port", port, "stripe.webhook-secret", SECRET))
                .adminToken(ADMIN)
                .start();
        store = shop.store();
        provider = shop.provider();
        hooks = new Webhooks(shop.sandbox().baseUrl(), shop.sandbox().secretKey(), SECRET, store.base());
    }

    @AfterAll
    void stop() throws Exception {
        try (TestDatabase db = database) {
            if (shop != null) {
                shop.close();
            }
        }
    }

    /** A paid order of 2 units at 12.50 of a fresh product with 10 in stock: {orderId, chargeId, sku}. */
    String[] paidOrder(String card) {
        String sku = "hook-" + UUID.randomUUID().toString().substring(0, 8);
        store.stock(sku, 12_50, 10);
        HttpResponse<String> response = store.purchase(purchaseJson(provider.token(card), 25_00, sku, 2), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = Http.parse(response.body());
        return new String[] {body.get("orderId").getStringValue(), body.get("chargeId").getStringValue(), sku};
    }

    String status(String orderId) {
        return store.order(orderId).get("status").getStringValue();
    }

    JsonNode adminOrder(String orderId) {
        return Http.parse(store.admin("GET", "/api/admin/orders/" + orderId, null).body());
    }

    @Test
    void a_purchase_leads_to_a_verified_charge_succeeded_counted_in_the_metrics() {
        paidOrder("4242424242424242");

        Pattern counted = Pattern.compile("checkout_webhook_events_total\\{result=\"(applied|ignored)\",type=\"charge.succeeded\",?} [1-9]");
        Webhooks.await(Duration.ofSeconds(5), "a verified charge.succeeded in /metrics",
                () -> counted.matcher(store.get("/metrics").body()).find());
    }

    @Test
    void a_refund_made_at_the_provider_turns_the_order_refunded_within_2_s_without_restocking() {
        String[] order = paidOrder("4242424242424242");
        assertThat(store.available(order[2])).isEqualTo(8);

        Instant asked = Instant.now();
        hooks.refundAtProvider(order[1], 10_00L);
        Webhooks.await(Duration.ofSeconds(2), "order PARTIALLY_REFUNDED", () -> status(order[0]).equals("PARTIALLY_REFUNDED"));
        assertThat(adminOrder(order[0]).get("amountRefunded").getLongValue()).isEqualTo(10_00);

        hooks.refundAtProvider(order[1], null);
        Webhooks.await(Duration.ofSeconds(2), "order REFUNDED", () -> status(order[0]).equals("REFUNDED"));
        assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(5));

        JsonNode detail = adminOrder(order[0]);
        assertThat(detail.get("amountRefunded").getLongValue()).isEqualTo(25_00);
        assertThat(detail.get("refunds").size()).isEqualTo(2);
        assertThat(store.available(order[2])).as("restocking is the merchant's choice").isEqualTo(8);
    }

    @Test
    void a_refund_made_through_the_checkout_is_counted_once_though_its_event_arrives_too() {
        String[] order = paidOrder("4242424242424242");

        HttpResponse<String> refund = store.admin("POST", "/api/admin/orders/" + order[0] + "/refunds", "{\"amount\": 500}");
        assertThat(refund.statusCode()).as(refund.body()).isEqualTo(201);
        String refundId = Http.parse(refund.body()).get("refund").get("providerRefundId").getStringValue();
        // the refund's own events reach the checkout too
        hooks.event("refund.created", refundId, Duration.ofSeconds(5));
        Pattern seen = Pattern.compile("checkout_webhook_events_total\\{result=\"duplicate\",type=\"refund.created\",?} [1-9]");
        Webhooks.await(Duration.ofSeconds(5), "the refund's event acknowledged as a duplicate",
                () -> seen.matcher(store.get("/metrics").body()).find());

        JsonNode detail = adminOrder(order[0]);
        assertThat(detail.get("refunds").size()).isEqualTo(1);
        assertThat(detail.get("amountRefunded").getLongValue()).isEqualTo(5_00);
        assertThat(detail.get("status").getStringValue()).isEqualTo("PARTIALLY_REFUNDED");
    }

    @Test
    void the_dispute_cards_order_shows_its_dispute() {
        String[] order = paidOrder("4000000000000259");
        assertThat(store.order(order[0]).get("dispute")).as("no dispute until the provider opens one").isNull();

        Webhooks.await(Duration.ofSeconds(5), "the dispute on order " + order[0],
                () -> store.order(order[0]).get("dispute") != null);

        JsonNode dispute = store.order(order[0]).get("dispute");
        assertThat(dispute.get("id").getStringValue()).startsWith("dp_");
        assertThat(dispute.get("status").getStringValue()).isEqualTo("needs_response");
        assertThat(dispute.get("reason").getStringValue()).isEqualTo("fraudulent");
        assertThat(dispute.get("amount").getLongValue()).isEqualTo(25_00);
        assertThat(status(order[0])).as("a dispute moves neither money nor stock here").isEqualTo("PAID");
        assertThat(adminOrder(order[0]).get("dispute").get("reason").getStringValue()).isEqualTo("fraudulent");

        JsonNode summary = Http.parse(store.admin("GET", "/api/admin/summary", null).body());
        assertThat(summary.get("disputes").get("count").getLongValue()).as("open disputes").isPositive();
        JsonNode usd = null;
        for (JsonNode c : summary.get("currencies").values()) {
            if (c.get("currency").getStringValue().equals("usd")) {
                usd = c;
            }
        }
        assertThat(usd).as(summary.toString()).isNotNull();
        assertThat(usd.get("openDisputes").getLongValue()).isPositive();
        assertThat(usd.get("disputed").getLongValue()).isGreaterThanOrEqualTo(25_00);
    }

    JsonNode disputeOf(String orderId) {
        return store.order(orderId).get("dispute");
    }

    @Test
    void closing_the_dispute_at_the_provider_shows_it_lost_and_winning_evidence_shows_it_won() {
        String[] closing = paidOrder("4000000000000259");
        String[] answering = paidOrder("4000000000000259");
        Webhooks.await(Duration.ofSeconds(5), "both orders' disputes",
                () -> disputeOf(closing[0]) != null && disputeOf(answering[0]) != null);
        String closingDispute = disputeOf(closing[0]).get("id").getStringValue();
        String answeringDispute = disputeOf(answering[0]).get("id").getStringValue();

        assertThat(hooks.closeDisputeAtProvider(closingDispute).get("status").getStringValue()).isEqualTo("lost");
        assertThat(hooks.answerDisputeAtProvider(answeringDispute, "winning_evidence").get("status").getStringValue())
                .as("the bank decides a little later").isEqualTo("under_review");

        Webhooks.await(Duration.ofSeconds(5), "dispute " + closingDispute + " lost on order " + closing[0],
                () -> disputeOf(closing[0]).get("status").getStringValue().equals("lost"));
        Webhooks.await(Duration.ofSeconds(5), "dispute " + answeringDispute + " won on order " + answering[0],
                () -> disputeOf(answering[0]).get("status").getStringValue().equals("won"));
        assertThat(disputeOf(closing[0]).get("id").getStringValue()).isEqualTo(closingDispute);
        assertThat(status(closing[0])).as("the checkout records the outcome, it moves no money").isEqualTo("PAID");
        assertThat(status(answering[0])).isEqualTo("PAID");
        assertThat(adminOrder(answering[0]).get("dispute").get("status").getStringValue()).isEqualTo("won");
    }

    @Test
    void a_forged_unsigned_or_too_old_event_gets_400_and_changes_nothing_and_a_redelivery_counts_once() {
        String[] order = paidOrder("4242424242424242");
        String body = """
                {"id":"evt_forged_%s","object":"event","api_version":"2026-07-29.dahlia","created":%d,"livemode":false,
                 "pending_webhooks":1,"request":{"id":null,"idempotency_key":null},"type":"refund.created",
                 "data":{"object":{"id":"re_forged_%s","object":"refund","amount":2500,"charge":"%s","currency":"usd",
                 "status":"succeeded","metadata":{}}}}""".formatted(UUID.randomUUID(), Instant.now().getEpochSecond(),
                UUID.randomUUID().toString().substring(0, 8), order[1]);

        HttpResponse<String> unsigned = hooks.post(body, null);
        HttpResponse<String> forged = hooks.post(body, Webhooks.signature(body, "whsec_notTheSecret000000000000000000", Instant.now()));
        HttpResponse<String> stale = hooks.post(body, Webhooks.signature(body, SECRET, Instant.now().minus(Duration.ofMinutes(10))));
        HttpResponse<String> tampered = hooks.post(body.replace("2500", "1"), Webhooks.signature(body, SECRET, Instant.now()));

        for (HttpResponse<String> refused : new HttpResponse[] {unsigned, forged, stale, tampered}) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            JsonNode error = Http.parse(refused.body()).get("error");
            assertThat(error.get("field").getStringValue()).isEqualTo("Stripe-Signature");
            assertThat(refused.body()).doesNotContain(SECRET);
        }
        assertThat(Http.parse(stale.body()).get("error").get("message").getStringValue()).contains("tolerance");
        assertThat(status(order[0])).isEqualTo("PAID");
        assertThat(adminOrder(order[0]).get("refunds").size()).isZero();

        // the same event, signed as the provider signs it: applied once, however often it comes
        HttpResponse<String> genuine = hooks.deliver(body);
        HttpResponse<String> again = hooks.deliver(body);
        assertThat(genuine.statusCode()).isEqualTo(200);
        assertThat(Http.parse(genuine.body()).get("result").getStringValue()).isEqualTo("applied");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Http.parse(again.body()).get("result").getStringValue()).isEqualTo("duplicate");
        assertThat(status(order[0])).isEqualTo("REFUNDED");
        assertThat(adminOrder(order[0]).get("refunds").size()).isEqualTo(1);
    }

    @Test
    void an_event_about_a_charge_no_order_holds_is_acknowledged() {
        String body = """
                {"id":"evt_stranger_%s","object":"event","api_version":"2026-07-29.dahlia","created":%d,"livemode":false,
                 "pending_webhooks":1,"request":{"id":null,"idempotency_key":null},"type":"charge.dispute.created",
                 "data":{"object":{"id":"dp_stranger","object":"dispute","amount":100,"charge":"ch_nobodys","currency":"usd",
                 "status":"needs_response","reason":"fraudulent","metadata":{}}}}""".formatted(UUID.randomUUID(), Instant.now().getEpochSecond());

        HttpResponse<String> answer = hooks.deliver(body);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(Http.parse(answer.body()).get("result").getStringValue()).isEqualTo("ignored");
    }
}
