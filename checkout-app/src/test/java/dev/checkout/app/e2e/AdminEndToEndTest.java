package dev.checkout.app.e2e;

import dev.checkout.app.support.Http;
import dev.checkout.app.support.PaymentAdapters;
import dev.checkout.testkit.db.TestDatabase;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merchant's side over real HTTP: orders bought with sandbox tokens, refunded through stripe-java against the
 * sandbox, restocked in the real database. Subclasses choose the database; every test runs once per payment adapter
 * (a PaymentIntent's charge is refunded like any other).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass(name = "payment adapter {0}")
@ValueSource(strings = {PaymentAdapters.CHARGES, PaymentAdapters.PAYMENT_INTENTS})
abstract class AdminEndToEndTest {
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
        return "adm-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A paid order of {@code quantity} units of {@code sku} at 12.50; returns its id. */
    String bought(String sku, int quantity) {
        String token = checkout.provider.token("4242424242424242");
        var response = checkout.store.purchase("""
                {"token":"%s","amount":%d,"currency":"usd","items":[{"sku":"%s","quantity":%d}]}"""
                .formatted(token, 12_50L * quantity, sku, quantity), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.parse(response.body()).get("orderId").getStringValue();
    }

    HttpResponse<String> refund(String orderId, String json) {
        return checkout.store.admin("POST", "/api/admin/orders/" + orderId + "/refunds", json);
    }

    JsonNode order(String orderId) {
        var response = checkout.store.admin("GET", "/api/admin/orders/" + orderId, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.parse(response.body());
    }

    long refundedAtTheProvider(String chargeId) {
        return checkout.provider.charges().stream().filter(c -> c.get("id").getStringValue().equals(chargeId))
                .findFirst().orElseThrow().get("amount_refunded").getLongValue();
    }

    @Test
    void a_partial_refund_with_restock_refunds_at_the_provider_and_the_stock_rises() {
        String sku = sku();
        checkout.store.stock(sku, 12_50, 10);
        String orderId = bought(sku, 2);
        assertThat(checkout.store.available(sku)).isEqualTo(8);

        var response = refund(orderId, """
                {"amount": 1250, "restock": [{"sku": "%s", "quantity": 1}], "reason": "returned"}""".formatted(sku));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = Http.parse(response.body());
        assertThat(body.get("refund").get("providerRefundId").getStringValue()).startsWith("re_");
        assertThat(body.get("refund").get("idempotencyKey").getStringValue()).isEqualTo("refund-" + orderId + "-1");
        assertThat(body.get("order").get("status").getStringValue()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(checkout.store.available(sku)).isEqualTo(9);
        JsonNode order = order(orderId);
        assertThat(order.get("amountRefunded").getLongValue()).isEqualTo(12_50);
        assertThat(order.get("refunds").get(0).get("status").getStringValue()).isEqualTo("SUCCEEDED");
        assertThat(refundedAtTheProvider(order.get("charge").get("id").getStringValue())).isEqualTo(12_50);
        assertThat(checkout.store.order(orderId).get("status").getStringValue()).isEqualTo("PARTIALLY_REFUNDED");

        var rest = refund(orderId, "{\"restock\": true}");
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(201);
        assertThat(order(orderId).get("status").getStringValue()).isEqualTo("REFUNDED");
        assertThat(checkout.store.available(sku)).isEqualTo(10);
        assertThat(refundedAtTheProvider(order.get("charge").get("id").getStringValue())).isEqualTo(25_00);
    }

    @Test
    void a_refund_repeated_with_its_idempotency_key_is_answered_again_and_never_refunds_twice() {
        String sku = sku();
        checkout.store.stock(sku, 12_50, 10);
        String orderId = bought(sku, 2);
        String key = UUID.randomUUID().toString();
        String path = "/api/admin/orders/" + orderId + "/refunds";
        String body = "{\"amount\": 1250, \"restock\": [{\"sku\": \"%s\", \"quantity\": 1}], \"reason\": \"returned\"}"
                .formatted(sku);

        var first = checkout.store.admin("POST", path, body, key);
        var again = checkout.store.admin("POST", path, body, key);
        var otherAmount = checkout.store.admin("POST", path, body.replace("1250", "100"), key);
        var badKey = checkout.store.admin("POST", path, "{\"amount\": 100}", "short");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        JsonNode firstRefund = Http.parse(first.body()).get("refund");
        JsonNode againRefund = Http.parse(again.body()).get("refund");
        assertThat(againRefund.get("providerRefundId").getStringValue()).isEqualTo(firstRefund.get("providerRefundId").getStringValue());
        assertThat(againRefund.get("sequence").getIntValue()).isEqualTo(1);
        assertThat(otherAmount.statusCode()).as(otherAmount.body()).isEqualTo(409);
        assertThat(Http.parse(otherAmount.body()).get("error").get("code").getStringValue()).isEqualTo("idempotency_key_reused");
        assertThat(Http.parse(otherAmount.body()).get("error").get("field").getStringValue()).isEqualTo("Idempotency-Key");
        assertThat(badKey.statusCode()).as(badKey.body()).isEqualTo(400);
        assertThat(Http.parse(badKey.body()).get("error").get("field").getStringValue()).isEqualTo("Idempotency-Key");
        JsonNode order = order(orderId);
        assertThat(order.get("refunds").size()).isEqualTo(1);
        assertThat(order.get("amountRefunded").getLongValue()).isEqualTo(12_50);
        assertThat(refundedAtTheProvider(order.get("charge").get("id").getStringValue())).isEqualTo(12_50);
        assertThat(checkout.store.available(sku)).as("restocked once").isEqualTo(9);

        // a full refund without an amount, repeated after it emptied the order, is still the same refund
        String full = UUID.randomUUID().toString();
        var rest = checkout.store.admin("POST", path, "{}", full);
        var restAgain = checkout.store.admin("POST", path, "{}", full);
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(201);
        assertThat(restAgain.statusCode()).as(restAgain.body()).isEqualTo(201);
        assertThat(Http.parse(restAgain.body()).get("refund").get("sequence").getIntValue()).isEqualTo(2);
        assertThat(order(orderId).get("refunds").size()).isEqualTo(2);
        assertThat(refundedAtTheProvider(order.get("charge").get("id").getStringValue())).isEqualTo(25_00);
    }

    @Test
    void refunds_beyond_the_amount_paid_and_restock_beyond_the_units_sold_are_409_and_change_nothing() {
        String sku = sku();
        checkout.store.stock(sku, 12_50, 10);
        String orderId = bought(sku, 2);

        var tooMuch = refund(orderId, "{\"amount\": 2501}");
        var tooMany = refund(orderId, "{\"amount\": 100, \"restock\": [{\"sku\": \"%s\", \"quantity\": 3}]}".formatted(sku));

        assertThat(tooMuch.statusCode()).isEqualTo(409);
        assertThat(Http.parse(tooMuch.body()).get("error").get("code").getStringValue()).isEqualTo("refund_exceeds_payment");
        assertThat(Http.parse(tooMuch.body()).get("error").get("message").getStringValue()).contains("at most 2500");
        assertThat(tooMany.statusCode()).isEqualTo(409);
        assertThat(Http.parse(tooMany.body()).get("error").get("field").getStringValue()).isEqualTo("restock[0].quantity");
        assertThat(order(orderId).get("refunds").size()).isZero();
        assertThat(checkout.store.available(sku)).isEqualTo(8);
    }

    @Test
    void an_unpaid_order_is_not_refunded() {
        String sku = sku();
        checkout.store.stock(sku, 12_50, 10);
        String token = checkout.provider.token("4000000000009995");
        var declined = checkout.store.purchase("""
                {"token":"%s","amount":1250,"currency":"usd","items":[{"sku":"%s","quantity":1}]}""".formatted(token, sku), null);
        String orderId = Http.parse(declined.body()).get("orderId").getStringValue();

        var response = refund(orderId, "{}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(Http.parse(response.body()).get("error").get("code").getStringValue()).isEqualTo("order_not_refundable");
    }

    @Test
    void fifty_parallel_refunds_of_the_same_money_make_one_refund() throws Exception {
        String sku = sku();
        checkout.store.stock(sku, 12_50, 10);
        String orderId = bought(sku, 2);
        String chargeId = order(orderId).get("charge").get("id").getStringValue();
        var start = new CountDownLatch(1);
        var answers = new ArrayList<Future<HttpResponse<String>>>();
        try (var merchants = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                answers.add(merchants.submit(() -> {
                    start.await();
                    return refund(orderId, "{\"amount\": 2500, \"restock\": true}");
                }));
            }
            start.countDown();
        }
        List<Integer> statuses = new ArrayList<>();
        for (var answer : answers) {
            statuses.add(answer.get().statusCode());
        }

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(49);
        JsonNode order = order(orderId);
        assertThat(order.get("status").getStringValue()).isEqualTo("REFUNDED");
        assertThat(order.get("refunds").size()).isEqualTo(1);
        assertThat(refundedAtTheProvider(chargeId)).isEqualTo(25_00);
        assertThat(checkout.store.available(sku)).isEqualTo(10);
    }

    @Test
    void the_list_finds_the_order_newest_first_and_pages_on() {
        String sku = sku();
        checkout.store.stock(sku, 12_50, 10);
        String older = bought(sku, 1);
        String newer = bought(sku, 1);

        var first = Http.parse(checkout.store.admin("GET", "/api/admin/orders?limit=1&status=PAID", null).body());
        assertThat(first.get("data").get(0).get("orderId").getStringValue()).isEqualTo(newer);
        assertThat(first.get("data").get(0).get("items").get(0).get("sku").getStringValue()).isEqualTo(sku);
        assertThat(first.get("hasMore").getBooleanValue()).isTrue();
        var second = Http.parse(checkout.store.admin("GET", "/api/admin/orders?limit=1&status=PAID&starting_after=" + newer, null).body());
        assertThat(second.get("data").get(0).get("orderId").getStringValue()).isEqualTo(older);
    }

    @Test
    void stock_moves_by_a_delta_and_never_below_zero() {
        String sku = sku();
        checkout.store.stock(sku, 12_50, 4);
        bought(sku, 1);

        var added = checkout.store.admin("POST", "/api/admin/products/" + sku + "/stock", "{\"delta\": 5}");
        var tooMany = checkout.store.admin("POST", "/api/admin/products/" + sku + "/stock", "{\"delta\": -9}");

        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(Http.parse(added.body()).get("available").getLongValue()).isEqualTo(8);
        assertThat(tooMany.statusCode()).isEqualTo(409);
        assertThat(checkout.store.available(sku)).isEqualTo(8);
    }

    @Test
    void the_summary_counts_todays_paid_orders_and_refunds() {
        var before = Http.parse(checkout.store.admin("GET", "/api/admin/summary", null).body());
        String sku = sku();
        checkout.store.stock(sku, 12_50, 10);
        String orderId = bought(sku, 2);
        refund(orderId, "{\"amount\": 500}");

        var after = Http.parse(checkout.store.admin("GET", "/api/admin/summary", null).body());

        assertThat(usdToday(after, "paidOrders") - usdToday(before, "paidOrders")).isEqualTo(1);
        assertThat(usdToday(after, "revenue") - usdToday(before, "revenue")).isEqualTo(25_00);
        assertThat(usdToday(after, "refunded") - usdToday(before, "refunded")).isEqualTo(5_00);
        assertThat(after.get("purchasesPerHour").size()).isEqualTo(24);
    }

    private static long usdToday(JsonNode summary, String figure) {
        for (JsonNode currency : summary.get("currencies").values()) {
            if (currency.get("currency").getStringValue().equals("usd")) {
                return currency.get("today").get(figure).getLongValue();
            }
        }
        return 0;
    }
}
