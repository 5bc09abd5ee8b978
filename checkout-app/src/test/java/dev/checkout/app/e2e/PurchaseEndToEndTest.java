package dev.checkout.app.e2e;

import dev.checkout.testkit.db.TestDatabase;
import dev.checkout.app.support.Http;
import dev.checkout.app.support.PaymentAdapters;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.checkout.app.support.StoreClient.purchaseJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steps 1-8 over real HTTP: tokens from the sandbox with the publishable key, purchases on the checkout, charges made
 * by stripe-java against the sandbox, stock in a real database. Subclasses choose the database; every test runs once
 * per payment adapter (Charges, PaymentIntents), since a buyer must not see which one the shop runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass(name = "payment adapter {0}")
@ValueSource(strings = {PaymentAdapters.CHARGES, PaymentAdapters.PAYMENT_INTENTS})
abstract class PurchaseEndToEndTest {
    @Parameter
    String paymentAdapter;
    TestDatabase database;
    Checkout checkout;
    private String startedWith;

    abstract TestDatabase newDatabase();

    /** The shop on this invocation's adapter, started at its first test (the parameter is injected after @BeforeAll). */
    @BeforeEach
    void start() throws Exception {
        if (checkout != null && !paymentAdapter.equals(startedWith)) {
            stop();
            checkout = null;
        }
        if (checkout == null) {
            database = newDatabase();
            checkout = Checkout.start(database.properties(), Map.of(), paymentAdapter);
            startedWith = paymentAdapter;
        }
    }

    @AfterAll
    void stop() throws Exception {
        try (TestDatabase db = database) {
            if (checkout != null) {
                checkout.close();
            }
        }
    }

    static String sku() {
        return "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void a_paid_purchase_takes_the_stock_and_shows_as_paid() {
        String sku = sku();
        checkout.store.stock(sku, 12_50, 10);
        String token = checkout.provider.token("4242424242424242");

        HttpResponse<String> response = checkout.store.purchase(purchaseJson(token, 37_50, sku, 3), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = Http.parse(response.body());
        assertThat(body.get("chargeId").getStringValue()).startsWith("ch_");
        assertThat(body.get("amount").getLongValue()).isEqualTo(37_50);
        assertThat(checkout.store.available(sku)).isEqualTo(7);
        JsonNode order = checkout.store.order(body.get("orderId").getStringValue());
        assertThat(order.get("status").getStringValue()).isEqualTo("PAID");
        assertThat(response.body()).doesNotContain(token).doesNotContain("4242424242424242");
        HttpResponse<String> metrics = checkout.store.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("checkout_purchases_seconds_count{result=\"completed\"")
                .contains("checkout_provider_calls_seconds_count{call=\"charge\",outcome=\"approved\"");
        String orderId = body.get("orderId").getStringValue();
        JsonNode charge = checkout.provider.get("/v1/charges/" + body.get("chargeId").getStringValue());
        if (paymentAdapter.equals(PaymentAdapters.PAYMENT_INTENTS)) {
            // the swap is real: a PaymentIntent tagged with the order, whose charge names it
            JsonNode intent = checkout.provider.paymentIntents().stream()
                    .filter(pi -> orderId.equals(pi.get("metadata").get("order_id").getStringValue()))
                    .findFirst().orElseThrow(() -> new AssertionError("GET /v1/payment_intents lists no intent of " + orderId));
            assertThat(intent.get("status").getStringValue()).isEqualTo("succeeded");
            assertThat(charge.get("payment_intent").getStringValue()).isEqualTo(intent.get("id").getStringValue());
        } else {
            assertThat(charge.get("payment_intent").isNull()).as("a Charges API charge has no intent").isTrue();
        }
    }

    @Test
    void a_product_read_from_the_list_can_be_edited_and_put_back_as_is() {
        String sku = sku();
        checkout.store.stock(sku, 12_50, 10);
        Matcher listed = Pattern.compile("\\{[^{}]*\"sku\":\"" + sku + "\"[^{}]*}").matcher(checkout.store.get("/api/products").body());
        assertThat(listed.find()).as("GET /api/products lists " + sku).isTrue();
        String edited = listed.group().replace("\"Product " + sku + "\"", "\"Glazed mug\"");

        HttpResponse<String> saved = checkout.store.putProduct(sku, edited);
        HttpResponse<String> renamed = checkout.store.putProduct(sku, edited.replace("\"sku\":\"" + sku, "\"sku\":\"other-" + sku));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(Http.parse(saved.body()).get("name").getStringValue()).isEqualTo("Glazed mug");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(400);
        assertThat(Http.parse(renamed.body()).get("error").get("field").getStringValue()).isEqualTo("sku");
        assertThat(checkout.store.get("/api/products").body()).contains(edited).doesNotContain("other-" + sku);
        assertThat(checkout.store.available(sku)).isEqualTo(10);
    }

    @Test
    void a_declined_card_answers_402_with_the_reason_and_leaves_the_stock() {
        String sku = sku();
        checkout.store.stock(sku, 5_00, 4);
        String token = checkout.provider.token("4000000000009995");

        HttpResponse<String> response = checkout.store.purchase(purchaseJson(token, 10_00, sku, 2), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(402);
        JsonNode body = Http.parse(response.body());
        assertThat(body.get("error").get("declineCode").getStringValue()).isEqualTo("insufficient_funds");
        assertThat(body.get("error").get("message").getStringValue()).isNotBlank();
        assertThat(checkout.store.available(sku)).isEqualTo(4);
        assertThat(checkout.store.order(body.get("orderId").getStringValue()).get("status").getStringValue()).isEqualTo("DECLINED");
    }

    @Test
    void a_reused_token_is_refused_clearly_and_charges_nothing_twice() {
        String sku = sku();
        checkout.store.stock(sku, 5_00, 10);
        String token = checkout.provider.token("4242424242424242");
        assertThat(checkout.store.purchase(purchaseJson(token, 5_00, sku, 1), null).statusCode()).isEqualTo(201);
        int chargesBefore = checkout.chargesAtTheProvider();

        HttpResponse<String> again = checkout.store.purchase(purchaseJson(token, 5_00, sku, 1), null);

        assertThat(again.statusCode()).as(again.body()).isBetween(400, 499);
        assertThat(Http.parse(again.body()).get("error").get("message").getStringValue()).isNotBlank();
        assertThat(checkout.chargesAtTheProvider()).isEqualTo(chargesBefore);
        assertThat(checkout.store.available(sku)).isEqualTo(9);
    }

    @Test
    void a_tampered_total_is_refused_with_409_and_nothing_is_charged() {
        String sku = sku();
        checkout.store.stock(sku, 25_00, 10);
        int chargesBefore = checkout.chargesAtTheProvider();

        HttpResponse<String> response = checkout.store.purchase(purchaseJson(checkout.provider.token("4242424242424242"), 1_00, sku, 1), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(response.body()).contains("2500");
        assertThat(checkout.chargesAtTheProvider()).isEqualTo(chargesBefore);
        assertThat(checkout.store.available(sku)).isEqualTo(10);
    }

    @Test
    void the_same_idempotency_key_twice_makes_one_order_and_one_charge() {
        String sku = sku();
        checkout.store.stock(sku, 7_00, 10);
        String key = "e2e-key-" + UUID.randomUUID();
        String body = purchaseJson(checkout.provider.token("4242424242424242"), 7_00, sku, 1);
        int chargesBefore = checkout.chargesAtTheProvider();

        HttpResponse<String> first = checkout.store.purchase(body, key);
        HttpResponse<String> second = checkout.store.purchase(body, key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(Http.parse(second.body()).get("orderId").getStringValue())
                .isEqualTo(Http.parse(first.body()).get("orderId").getStringValue());
        assertThat(checkout.chargesAtTheProvider()).isEqualTo(chargesBefore + 1);
        assertThat(checkout.store.available(sku)).isEqualTo(9);
    }

    @Test
    void out_of_stock_answers_409_naming_the_sku_and_charges_nothing() {
        String sku = sku();
        checkout.store.stock(sku, 3_00, 1);
        int chargesBefore = checkout.chargesAtTheProvider();

        HttpResponse<String> response = checkout.store.purchase(purchaseJson(checkout.provider.token("4242424242424242"), 6_00, sku, 2), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(response.body()).contains(sku);
        assertThat(checkout.chargesAtTheProvider()).isEqualTo(chargesBefore);
        assertThat(checkout.store.available(sku)).isEqualTo(1);
    }

    @Test
    void an_unknown_sku_and_malformed_bodies_answer_400_naming_the_problem() {
        String token = checkout.provider.token("4242424242424242");
        int chargesBefore = checkout.chargesAtTheProvider();
        for (String bad : List.of(
                purchaseJson(token, 1_00, "no-such-sku", 1),
                "{\"token\":\"" + token + "\",\"amount\":100,\"currency\":\"usd\",\"items\":[{\"sku\":\"x\",\"quantity\":0}]}",
                "{\"token\":\"" + token + "\",\"amount\":\"ten\",\"currency\":\"usd\",\"items\":[]}",
                "{\"amount\":100,\"currency\":\"usd\",\"items\":[{\"sku\":\"x\",\"quantity\":1}]}",
                "{not json",
                "")) {
            HttpResponse<String> response = checkout.store.purchase(bad, null);
            assertThat(response.statusCode()).as(bad + " -> " + response.body()).isEqualTo(400);
            assertThat(Http.parse(response.body()).get("error").get("message").getStringValue()).as(bad).isNotBlank();
        }
        assertThat(checkout.chargesAtTheProvider()).isEqualTo(chargesBefore);
    }
}
