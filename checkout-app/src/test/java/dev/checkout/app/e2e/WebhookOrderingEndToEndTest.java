package dev.checkout.app.e2e;

import dev.checkout.app.support.Http;
import dev.checkout.app.support.InProcessShop;
import dev.checkout.app.support.SandboxClient;
import dev.checkout.app.support.StoreClient;
import dev.checkout.app.support.Webhooks;
import dev.checkout.application.reconcile.ReconcilePayments;
import dev.checkout.testkit.db.TestDatabase;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static dev.checkout.app.support.StoreClient.purchaseJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events and the reconciler racing for orders whose payment is unknown, in the orders a test chooses: the sandbox
 * answers charges later than the checkout waits (so purchases end PAYMENT_UNKNOWN), nothing is forwarded, and the
 * test posts the sandbox's real events, signed, when it wants; the reconciler runs when the test calls it.
 * Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookOrderingEndToEndTest {
    static final String SECRET = "whsec_e2eOrderingSecret000000000000";
    static final Duration EVENT_WAIT = Duration.ofSeconds(10);
    TestDatabase database;
    InProcessShop shop;
    StoreClient store;
    SandboxClient provider;
    Webhooks hooks;
    ReconcilePayments reconciler;

    abstract TestDatabase newDatabase();

    @BeforeAll
    void start() {
        database = newDatabase();
        shop = InProcessShop.builder()
                .sandbox(Map.of("sandbox.charge-delay", "800ms"))
                .database(database.properties())
                .settings(Map.of("stripe.webhook-secret", SECRET, "stripe.read-timeout", "200ms",
                        "stripe.max-network-retries", 0, "checkout.reconcile-interval", "1h", "checkout.unknown-after", "1ms"))
                .start();
        store = shop.store();
        provider = shop.provider();
        hooks = new Webhooks(shop.sandbox().baseUrl(), shop.sandbox().secretKey(), SECRET, store.base());
        reconciler = shop.instance(0).context().getBean(ReconcilePayments.class);
    }

    @AfterAll
    void stop() throws Exception {
        try (TestDatabase db = database) {
            if (shop != null) {
                shop.close();
            }
        }
    }

    /** A purchase of 2 of a fresh product (10 in stock) whose answer comes too late: {orderId, sku}. */
    String[] unknownOrder() {
        String sku = "race-" + UUID.randomUUID().toString().substring(0, 8);
        store.stock(sku, 12_50, 10);
        HttpResponse<String> response = store.purchase(purchaseJson(provider.token("4242424242424242"), 25_00, sku, 2), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String orderId = Http.parse(response.body()).get("orderId").getStringValue();
        assertThat(status(orderId)).isEqualTo("PAYMENT_UNKNOWN");
        return new String[] {orderId, sku};
    }

    String status(String orderId) {
        return store.order(orderId).get("status").getStringValue();
    }

    JsonNode adminOrder(String orderId) {
        return Http.parse(store.admin("GET", "/api/admin/orders/" + orderId, null).body());
    }

    String result(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Http.parse(answer.body()).get("result").getStringValue();
    }

    @Test
    void event_before_poll_settles_the_order_and_the_poll_finds_nothing_left() {
        String[] order = unknownOrder();
        String succeeded = hooks.event("charge.succeeded", order[0], EVENT_WAIT);

        assertThat(result(hooks.deliver(succeeded))).isEqualTo("applied");
        assertThat(status(order[0])).isEqualTo("PAID");
        assertThat(store.available(order[1])).isEqualTo(8);
        String updatedAt = store.order(order[0]).get("updatedAt").getStringValue();

        reconciler.reconcile();

        assertThat(status(order[0])).isEqualTo("PAID");
        assertThat(store.order(order[0]).get("updatedAt").getStringValue()).isEqualTo(updatedAt);
        // a redelivery of the same event changes nothing either
        assertThat(result(hooks.deliver(succeeded))).isEqualTo("duplicate");
        assertThat(store.order(order[0]).get("updatedAt").getStringValue()).isEqualTo(updatedAt);
    }

    @Test
    void poll_before_event_the_late_event_is_acknowledged_and_changes_nothing() {
        String[] order = unknownOrder();
        String succeeded = hooks.event("charge.succeeded", order[0], EVENT_WAIT);

        assertThat(reconciler.reconcile().paid()).isGreaterThanOrEqualTo(1);
        assertThat(status(order[0])).isEqualTo("PAID");
        String updatedAt = store.order(order[0]).get("updatedAt").getStringValue();

        assertThat(result(hooks.deliver(succeeded))).isEqualTo("ignored");
        assertThat(store.order(order[0]).get("updatedAt").getStringValue()).isEqualTo(updatedAt);
        assertThat(store.available(order[1])).isEqualTo(8);
    }

    @Test
    void out_of_order_the_refund_arriving_before_the_success_ends_refunded_with_the_stock_back() {
        String[] order = unknownOrder();
        String succeeded = hooks.event("charge.succeeded", order[0], EVENT_WAIT);
        String chargeId = Http.parse(succeeded).get("data").get("object").get("id").getStringValue();
        JsonNode refund = hooks.refundAtProvider(chargeId, null);
        String refunded = hooks.event("charge.refunded", chargeId, EVENT_WAIT);
        String refundCreated = hooks.event("refund.created", refund.get("id").getStringValue(), EVENT_WAIT);

        // newest first: the provider guarantees no order
        assertThat(result(hooks.deliver(refundCreated))).isEqualTo("deferred"); // no order holds the charge yet
        assertThat(result(hooks.deliver(refunded))).isEqualTo("applied");
        assertThat(result(hooks.deliver(succeeded))).isEqualTo("ignored");

        assertThat(status(order[0])).isEqualTo("REFUNDED");
        assertThat(store.order(order[0]).get("chargeId").getStringValue()).isEqualTo(chargeId);
        assertThat(store.available(order[1])).as("a charge refunded before the order was settled sells nothing").isEqualTo(10);
        assertThat(reconciler.reconcile().refunded()).isZero();
    }

    @Test
    void a_partial_refund_arriving_before_the_success_is_deferred_and_recorded_when_the_success_settles_the_order() {
        String[] order = unknownOrder();
        String succeeded = hooks.event("charge.succeeded", order[0], EVENT_WAIT);
        String chargeId = Http.parse(succeeded).get("data").get("object").get("id").getStringValue();
        JsonNode refund = hooks.refundAtProvider(chargeId, 10_00L);
        String refundCreated = hooks.event("refund.created", refund.get("id").getStringValue(), EVENT_WAIT);

        assertThat(result(hooks.deliver(refundCreated))).isEqualTo("deferred");
        assertThat(status(order[0])).isEqualTo("PAYMENT_UNKNOWN");
        assertThat(result(hooks.deliver(succeeded))).isEqualTo("applied");

        assertThat(status(order[0])).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(adminOrder(order[0]).get("amountRefunded").getLongValue()).isEqualTo(10_00);
        assertThat(store.available(order[1])).as("paid and partly refunded at the provider: no restock").isEqualTo(8);
        // the refund's redelivery and the next pass count nothing twice
        assertThat(result(hooks.deliver(refundCreated))).isEqualTo("duplicate");
        var report = reconciler.reconcile();
        assertThat(report.paid() + report.deferredRefundsRecorded()).isZero();
        assertThat(adminOrder(order[0]).get("amountRefunded").getLongValue()).isEqualTo(10_00);
    }

    @Test
    void a_partial_refund_arriving_before_the_poll_is_deferred_and_recorded_when_the_reconciler_settles_the_order() {
        String[] order = unknownOrder();
        String succeeded = hooks.event("charge.succeeded", order[0], EVENT_WAIT);
        String chargeId = Http.parse(succeeded).get("data").get("object").get("id").getStringValue();
        JsonNode refund = hooks.refundAtProvider(chargeId, 7_50L);
        String refundCreated = hooks.event("refund.created", refund.get("id").getStringValue(), EVENT_WAIT);

        assertThat(result(hooks.deliver(refundCreated))).isEqualTo("deferred");
        var report = reconciler.reconcile();

        assertThat(report.paid()).isGreaterThanOrEqualTo(1);
        assertThat(report.deferredRefundsRecorded()).isGreaterThanOrEqualTo(1);
        assertThat(status(order[0])).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(adminOrder(order[0]).get("amountRefunded").getLongValue()).isEqualTo(7_50);
        assertThat(store.available(order[1])).isEqualTo(8);
        assertThat(result(hooks.deliver(succeeded))).isEqualTo("ignored");
        assertThat(adminOrder(order[0]).get("amountRefunded").getLongValue()).isEqualTo(7_50);
    }
}
