package dev.checkout.app.e2e;

import dev.checkout.app.support.Http;
import dev.checkout.app.support.PaymentAdapters;
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

import static dev.checkout.app.support.StoreClient.purchaseJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 3-D Secure card over real HTTP with the PaymentIntents adapter: {@code POST /purchase} answers 202
 * {@code requires_action}, the buyer completes or fails the sandbox's challenge page, and
 * {@code POST /purchase/{orderId}/confirm} finishes the purchase; an abandoned one expires. On H2 and PostgreSQL
 * through the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ThreeDSecureEndToEndTest {
    static final String THREE_D_SECURE = "4000002760003184";

    TestDatabase database;
    Checkout checkout;

    abstract TestDatabase newDatabase();

    @BeforeAll
    void start() {
        database = newDatabase();
        // a short window and a busy reconciler, so that an abandoned authentication expires within the test
        checkout = Checkout.start(database.properties(), Map.of("checkout.authentication-window", "2s",
                "checkout.reconcile-interval", "300ms"), PaymentAdapters.PAYMENT_INTENTS);
    }

    @AfterAll
    void stop() throws Exception {
        try (TestDatabase db = database) {
            if (checkout != null) {
                checkout.close();
            }
        }
    }

    private String stocked(int units) {
        String sku = "3ds-" + UUID.randomUUID().toString().substring(0, 8);
        checkout.store.stock(sku, 15_00, units);
        return sku;
    }

    /** A purchase of two units with a 3-D Secure card: the 202 requires_action answer. */
    private JsonNode askedToAuthenticate(String sku) {
        HttpResponse<String> response = checkout.store.purchase(
                purchaseJson(checkout.provider.token(THREE_D_SECURE), 30_00, sku, 2), UUID.randomUUID().toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = Http.parse(response.body());
        assertThat(body.get("status").getStringValue()).isEqualTo("requires_action");
        assertThat(body.get("clientSecret").getStringValue()).contains("_secret_");
        assertThat(response.headers().firstValue("Location")).contains("/api/orders/" + body.get("orderId").getStringValue());
        return body;
    }

    @Test
    void the_buyer_authenticates_and_the_confirmation_pays_once() {
        String sku = stocked(5);
        JsonNode waiting = askedToAuthenticate(sku);
        String orderId = waiting.get("orderId").getStringValue();
        assertThat(checkout.store.order(orderId).get("status").getStringValue()).isEqualTo("AWAITING_AUTHENTICATION");
        assertThat(checkout.store.available(sku)).as("reserved while the buyer authenticates").isEqualTo(3);

        checkout.provider.authenticate(waiting.get("clientSecret").getStringValue(), true);
        HttpResponse<String> confirmed = checkout.store.confirm(orderId);
        HttpResponse<String> again = checkout.store.confirm(orderId);

        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(201);
        JsonNode paid = Http.parse(confirmed.body());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(Http.parse(again.body()).get("chargeId").getStringValue()).isEqualTo(paid.get("chargeId").getStringValue());
        assertThat(checkout.store.order(orderId).get("status").getStringValue()).isEqualTo("PAID");
        assertThat(checkout.store.available(sku)).isEqualTo(3);
        JsonNode charge = checkout.provider.get("/v1/charges/" + paid.get("chargeId").getStringValue());
        assertThat(charge.get("status").getStringValue()).isEqualTo("succeeded");
        assertThat(charge.get("payment_intent").getStringValue())
                .isEqualTo(waiting.get("clientSecret").getStringValue().split("_secret_")[0]);
        assertThat(checkout.provider.charges().stream().filter(c -> orderId.equals(c.get("metadata").get("order_id").getStringValue())))
                .as("one charge for the order").hasSize(1);
    }

    @Test
    void a_failed_authentication_answers_402_with_a_clear_message_and_gives_the_stock_back() {
        String sku = stocked(5);
        JsonNode waiting = askedToAuthenticate(sku);
        String orderId = waiting.get("orderId").getStringValue();

        checkout.provider.authenticate(waiting.get("clientSecret").getStringValue(), false);
        HttpResponse<String> confirmed = checkout.store.confirm(orderId);

        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(402);
        JsonNode error = Http.parse(confirmed.body()).get("error");
        assertThat(error.get("code").getStringValue()).isEqualTo("payment_intent_authentication_failure");
        assertThat(error.get("message").getStringValue()).contains("bank").contains("not made");
        assertThat(checkout.store.order(orderId).get("status").getStringValue()).isEqualTo("DECLINED");
        assertThat(checkout.store.available(sku)).isEqualTo(5);
    }

    @Test
    void an_abandoned_authentication_expires_the_payment_canceled_and_the_stock_back() throws Exception {
        String sku = stocked(5);
        JsonNode waiting = askedToAuthenticate(sku);
        String orderId = waiting.get("orderId").getStringValue();

        Instant giveUp = Instant.now().plus(Duration.ofSeconds(20));
        while (!checkout.store.order(orderId).get("status").getStringValue().equals("FAILED") && Instant.now().isBefore(giveUp)) {
            Thread.sleep(200);
        }

        assertThat(checkout.store.order(orderId).get("status").getStringValue()).isEqualTo("FAILED");
        assertThat(checkout.store.available(sku)).isEqualTo(5);
        String intent = waiting.get("clientSecret").getStringValue().split("_secret_")[0];
        assertThat(checkout.provider.get("/v1/payment_intents/" + intent).get("status").getStringValue()).isEqualTo("canceled");
        HttpResponse<String> late = checkout.store.confirm(orderId);
        assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
        assertThat(Http.parse(late.body()).get("error").get("code").getStringValue()).isEqualTo("authentication_expired");
    }

    @Test
    void confirming_a_malformed_or_unknown_order_is_a_clear_error() {
        HttpResponse<String> malformed = checkout.store.confirm("not%20an%20id");
        HttpResponse<String> unknown = checkout.store.confirm("ord_" + UUID.randomUUID().toString().replace("-", ""));

        assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
        assertThat(Http.parse(malformed.body()).get("error").get("field").getStringValue()).isEqualTo("orderId");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(Http.parse(unknown.body()).get("error").get("code").getStringValue()).isEqualTo("order_not_found");
    }
}
