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
 * The provider down (its port closed) and the provider slower than our read timeout, with the real sandbox and the
 * real checkout: down means a quick 503, nothing charged, the stock back; slow means 202 and the reconciler settles
 * the order as paid, with the stock committed, once the provider's answer can be had.
 */
class ProviderOutageTest {
    private static final long PRICE = 7_00;

    @ParameterizedTest(name = "payment adapter {0}")
    @ValueSource(strings = {PaymentAdapters.CHARGES, PaymentAdapters.PAYMENT_INTENTS})
    void provider_down_answers_503_within_the_connect_timeout_and_releases_the_stock(String paymentAdapter) {
        Duration connectTimeout = Duration.ofSeconds(1);
        try (var shop = InProcessCheckout.start(Map.of(), Map.of("checkout.payment-adapter", paymentAdapter,
                "stripe.connect-timeout", "1s", "stripe.read-timeout", "5s", "stripe.max-network-retries", 0))) {
            StoreClient store = shop.store();
            String sku = "outage-" + UUID.randomUUID().toString().substring(0, 8);
            store.stock(sku, PRICE, 10);
            // warm up the whole path once, so the timing below is the provider's and not class loading's
            assertThat(store.purchase(StoreClient.purchaseJson(shop.provider().token("4242424242424242"), PRICE, sku, 1),
                    UUID.randomUUID().toString()).statusCode()).isEqualTo(201);
            String token = shop.provider().token("4242424242424242");
            int chargesBefore = shop.provider().charges().size();

            shop.stopSandbox();
            long started = System.nanoTime();
            HttpResponse<String> response = store.purchase(StoreClient.purchaseJson(token, PRICE, sku, 1), UUID.randomUUID().toString());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(took).as("time to the 503").isLessThan(connectTimeout);
            JsonNode error = Http.parse(response.body());
            assertThat(error.get("error").get("code").getStringValue()).isEqualTo("provider_unavailable");
            String orderId = error.get("orderId").getStringValue();
            assertThat(store.order(orderId).get("status").getStringValue()).isEqualTo("FAILED");
            assertThat(store.available(sku)).as("stock after one paid unit and one failed purchase").isEqualTo(9);
            // the provider was unreachable, so it cannot hold a charge for this order: its count was taken before
            assertThat(chargesBefore).isEqualTo(1);
        }
    }

    /** The sandbox's charge delay holds a charge and a PaymentIntent confirmation alike past the read timeout. */
    @ParameterizedTest(name = "payment adapter {0}")
    @ValueSource(strings = {PaymentAdapters.CHARGES, PaymentAdapters.PAYMENT_INTENTS})
    void provider_slower_than_the_read_timeout_gives_202_then_the_reconciler_settles_the_order_as_paid(String paymentAdapter) {
        try (var shop = InProcessCheckout.start(Map.of("sandbox.charge-delay", "3s"), Map.of(
                "checkout.payment-adapter", paymentAdapter, "stripe.read-timeout", "500ms", "stripe.max-network-retries", 0,
                "checkout.reconcile-interval", "500ms", "checkout.unknown-after", "200ms"))) {
            StoreClient store = shop.store();
            String sku = "slow-" + UUID.randomUUID().toString().substring(0, 8);
            store.stock(sku, PRICE, 10);
            String token = shop.provider().token("5555555555554444");

            long started = System.nanoTime();
            HttpResponse<String> response = store.purchase(StoreClient.purchaseJson(token, 2 * PRICE, sku, 2), UUID.randomUUID().toString());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the answer does not wait for the slow provider")
                    .isLessThan(Duration.ofSeconds(3));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            String orderId = Http.parse(response.body()).get("orderId").getStringValue();
            assertThat(store.available(sku)).as("held while the outcome is unknown").isEqualTo(8);

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String status = store.order(orderId).get("status").getStringValue();
            while (!status.equals("PAID") && System.nanoTime() < deadline) {
                CheckoutProcess.sleep(Duration.ofMillis(200));
                status = store.order(orderId).get("status").getStringValue();
            }
            assertThat(status).as("order " + orderId + " 60 s after the 202").isEqualTo("PAID");
            assertThat(store.available(sku)).as("stock committed").isEqualTo(8);
            assertThat(shop.provider().charges()).as("one charge for the one order, however often it was asked")
                    .hasSize(1)
                    .allSatisfy(c -> assertThat(c.get("amount").getLongValue()).isEqualTo(2 * PRICE));
        }
    }
}
