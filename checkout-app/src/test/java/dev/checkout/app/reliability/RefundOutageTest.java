package dev.checkout.app.reliability;

import dev.checkout.app.support.PaymentAdapters;
import dev.checkout.app.support.Http;
import dev.checkout.app.support.StoreClient;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A merchant's refund when the provider is down or slower than our read timeout, with the real sandbox through
 * stripe-java: down means 503 and nothing refunded, the order as it was; slow means 202, the refund pending with its
 * money held, and the reconciler finishing it with the same idempotency key: one refund at the provider, restock once.
 */
class RefundOutageTest {
    private static final long PRICE = 8_00;

    /** A paid order of two units; returns its id. */
    private static String paidOrder(InProcessCheckout shop, String sku) {
        StoreClient store = shop.store();
        store.stock(sku, PRICE, 10);
        var bought = store.purchase(StoreClient.purchaseJson(shop.provider().token("4242424242424242"), 2 * PRICE, sku, 2),
                UUID.randomUUID().toString());
        assertThat(bought.statusCode()).as(bought.body()).isEqualTo(201);
        return Http.parse(bought.body()).get("orderId").getStringValue();
    }

    private static JsonNode order(InProcessCheckout shop, String orderId) {
        return Http.parse(shop.store().admin("GET", "/api/admin/orders/" + orderId, null).body());
    }

    @ParameterizedTest(name = "payment adapter {0}")
    @ValueSource(strings = {PaymentAdapters.CHARGES, PaymentAdapters.PAYMENT_INTENTS})
    void provider_down_answers_503_and_leaves_the_order_as_it_was(String paymentAdapter) {
        try (var shop = InProcessCheckout.start(Map.of(), Map.of("checkout.payment-adapter", paymentAdapter,
                "stripe.connect-timeout", "1s", "stripe.max-network-retries", 0))) {
            String sku = "rdown-" + UUID.randomUUID().toString().substring(0, 8);
            String orderId = paidOrder(shop, sku);

            shop.stopSandbox();
            HttpResponse<String> response = shop.store().admin("POST", "/api/admin/orders/" + orderId + "/refunds",
                    "{\"amount\": 800, \"restock\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            JsonNode error = Http.parse(response.body()).get("error");
            assertThat(error.get("code").getStringValue()).isEqualTo("provider_unavailable");
            assertThat(error.get("message").getStringValue()).contains("nothing was refunded");
            JsonNode order = order(shop, orderId);
            assertThat(order.get("status").getStringValue()).isEqualTo("PAID");
            assertThat(order.get("amountRefundable").getLongValue()).isEqualTo(2 * PRICE);
            assertThat(order.get("refunds").get(0).get("status").getStringValue()).isEqualTo("FAILED");
            assertThat(shop.store().available(sku)).isEqualTo(8);
        }
    }

    @ParameterizedTest(name = "payment adapter {0}")
    @ValueSource(strings = {PaymentAdapters.CHARGES, PaymentAdapters.PAYMENT_INTENTS})
    void a_refund_slower_than_the_read_timeout_is_202_and_the_reconciler_finishes_it_once(String paymentAdapter) {
        try (var shop = InProcessCheckout.start(Map.of("sandbox.refund-delay", "3s"), Map.of("checkout.payment-adapter", paymentAdapter,
                "stripe.read-timeout", "500ms", "stripe.max-network-retries", 0,
                "checkout.reconcile-interval", "500ms", "checkout.unknown-after", "200ms"))) {
            String sku = "rslow-" + UUID.randomUUID().toString().substring(0, 8);
            String orderId = paidOrder(shop, sku);

            HttpResponse<String> response = shop.store().admin("POST", "/api/admin/orders/" + orderId + "/refunds",
                    "{\"amount\": 800, \"restock\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            JsonNode pending = Http.parse(response.body());
            assertThat(pending.get("refund").get("status").getStringValue()).isEqualTo("PENDING");
            assertThat(pending.get("order").get("needsAttention").getBooleanValue()).isTrue();
            assertThat(pending.get("order").get("amountRefundable").getLongValue()).as("the money is held").isEqualTo(PRICE);
            assertThat(shop.store().available(sku)).as("restocked only once the refund is known").isEqualTo(8);

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            JsonNode order = order(shop, orderId);
            while (!order.get("status").getStringValue().equals("PARTIALLY_REFUNDED") && System.nanoTime() < deadline) {
                CheckoutProcess.sleep(Duration.ofMillis(200));
                order = order(shop, orderId);
            }
            assertThat(order.get("status").getStringValue()).as("order " + orderId + " 60 s after the 202").isEqualTo("PARTIALLY_REFUNDED");
            assertThat(order.get("refunds").size()).isEqualTo(1);
            assertThat(order.get("refunds").get(0).get("status").getStringValue()).isEqualTo("SUCCEEDED");
            assertThat(shop.store().available(sku)).isEqualTo(9);
            String charge = order.get("charge").get("id").getStringValue();
            assertThat(shop.provider().charges().stream().filter(c -> c.get("id").getStringValue().equals(charge))
                    .findFirst().orElseThrow().get("amount_refunded").getLongValue()).as("refunded once at the provider").isEqualTo(PRICE);
        }
    }
}
