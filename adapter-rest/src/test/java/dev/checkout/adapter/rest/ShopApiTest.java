package dev.checkout.adapter.rest;

import dev.checkout.application.purchase.PurchaseUseCase;
import dev.checkout.application.query.ManageCatalogue;
import dev.checkout.application.query.ShopQueries;
import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderLine;
import dev.checkout.domain.order.Quantity;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.DeclineReason;
import dev.checkout.domain.payment.PaymentFailure;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The read side (products, orders), health, the OpenAPI document, and JSON answers for routes that do not exist. */
@MicronautTest
class ShopApiTest {
    static final Instant PLACED = Instant.parse("2026-03-01T10:15:30Z");

    @Inject ShopQueries shop;
    @Inject @Client("/") HttpClient client;
    @Inject JsonMapper json;
    Http http;

    @MockBean(ShopQueries.class)
    ShopQueries shop() {
        return mock(ShopQueries.class);
    }

    @MockBean(ManageCatalogue.class)
    ManageCatalogue catalogue() {
        return mock(ManageCatalogue.class);
    }

    @MockBean(PurchaseUseCase.class)
    PurchaseUseCase useCase() {
        return mock(PurchaseUseCase.class);
    }

    @BeforeEach
    void setUp() {
        http = new Http(client, json);
    }

    @Test
    void products_list_price_currency_in_lower_case_and_stock() {
        when(shop.products()).thenReturn(List.of(
                new Product(Sku.of("MUG-1"), "Blue mug", Money.of(1999, "USD"), 40),
                new Product(Sku.of("TEA-7"), "Sencha", Money.of(1200, "JPY"), 0)));

        var reply = http.send(HttpRequest.GET("/api/products"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().size()).isEqualTo(2);
        assertThat(reply.text("0.sku")).isEqualTo("MUG-1");
        assertThat(reply.text("0.name")).isEqualTo("Blue mug");
        assertThat(reply.at("0.unitAmount")).isEqualTo(1999L);
        assertThat(reply.text("0.currency")).isEqualTo("usd");
        assertThat(reply.at("0.available")).isEqualTo(40L);
        assertThat(reply.text("1.currency")).isEqualTo("jpy");
        assertThat(reply.at("1.available")).as("a sold-out product still shows 0").isEqualTo(0L);
    }

    @Test
    void no_products_is_an_empty_list() {
        when(shop.products()).thenReturn(List.of());

        var reply = http.send(HttpRequest.GET("/api/products"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("[]");
    }

    @Test
    void a_paid_order_shows_its_lines_total_and_charge() {
        Order paid = placed("ord_paid").markPaid(ChargeId.of("ch_3Pq"), PLACED.plusSeconds(3));
        when(shop.order(OrderId.of("ord_paid"))).thenReturn(Optional.of(paid));

        var reply = http.send(HttpRequest.GET("/api/orders/ord_paid"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("orderId")).isEqualTo("ord_paid");
        assertThat(reply.text("status")).isEqualTo("PAID");
        assertThat(reply.at("amount")).isEqualTo(5000L + 1200L);
        assertThat(reply.text("currency")).isEqualTo("usd");
        assertThat(reply.text("chargeId")).isEqualTo("ch_3Pq");
        assertThat(reply.text("items.0.sku")).isEqualTo("MUG-1");
        assertThat(reply.at("items.0.quantity")).isEqualTo(2L);
        assertThat(reply.at("items.0.unitAmount")).isEqualTo(2500L);
        assertThat(reply.at("items.0.amount")).isEqualTo(5000L);
        assertThat(reply.text("items.1.sku")).isEqualTo("HAT-2");
        assertThat(reply.text("createdAt")).isEqualTo("2026-03-01T10:15:30Z");
        assertThat(reply.text("updatedAt")).isEqualTo("2026-03-01T10:15:33Z");
        assertThat(reply.node("decline")).isNull();
        assertThat(reply.node("failure")).isNull();
    }

    @Test
    void a_declined_order_says_why() {
        Order declined = placed("ord_declined").markDeclined(
                new DeclineReason("card_declined", "insufficient_funds", "Your card has insufficient funds."), PLACED);
        when(shop.order(OrderId.of("ord_declined"))).thenReturn(Optional.of(declined));

        var reply = http.send(HttpRequest.GET("/api/orders/ord_declined"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("status")).isEqualTo("DECLINED");
        assertThat(reply.text("decline.code")).isEqualTo("card_declined");
        assertThat(reply.text("decline.declineCode")).isEqualTo("insufficient_funds");
        assertThat(reply.text("decline.message")).isEqualTo("Your card has insufficient funds.");
        assertThat(reply.node("chargeId")).isNull();
    }

    @Test
    void a_failed_order_tells_the_buyer_without_the_providers_words() {
        Order failed = placed("ord_failed").markFailed(new PaymentFailure(PaymentFailure.Kind.MERCHANT_ERROR, "api_key_invalid",
                "Invalid API Key provided: sk_test_****wxyz"), PLACED);
        when(shop.order(OrderId.of("ord_failed"))).thenReturn(Optional.of(failed));

        var reply = http.send(HttpRequest.GET("/api/orders/ord_failed"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("status")).isEqualTo("FAILED");
        assertThat(reply.text("failure.code")).isEqualTo("payments_unavailable");
        assertThat(reply.text("failure.message")).contains("Nothing was charged");
        assertThat(reply.body()).doesNotContain("sk_test").doesNotContain("api_key_invalid");
    }

    @Test
    void an_unknown_order_is_404_json() {
        when(shop.order(any())).thenReturn(Optional.empty());

        var reply = http.send(HttpRequest.GET("/api/orders/ord_nope"));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("Content-Type")).startsWith(MediaType.APPLICATION_JSON);
        assertThat(reply.text("error.code")).isEqualTo("order_not_found");
        assertThat(reply.text("error.field")).isEqualTo("orderId");
        assertThat(reply.text("error.message")).contains("ord_nope");
    }

    @Test
    void a_malformed_order_id_is_400_and_never_looked_up() {
        var reply = http.send(HttpRequest.GET("/api/orders/not%20an%20id"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("error.field")).isEqualTo("orderId");
        verify(shop, never()).order(any());
    }

    @Test
    void the_wrong_method_is_405_json_naming_the_right_one() {
        var reply = http.send(HttpRequest.DELETE("/api/products"));

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("Content-Type")).startsWith(MediaType.APPLICATION_JSON);
        assertThat(reply.header("Allow")).contains("GET");
        assertThat(reply.text("error.code")).isEqualTo("method_not_allowed");
        assertThat(reply.text("error.message")).contains("DELETE /api/products").contains("GET");
    }

    @Test
    void health_answers_up() {
        var reply = http.send(HttpRequest.GET("/health"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("status")).isEqualTo("UP");
        assertThat(reply.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void the_openapi_document_describes_the_endpoints_and_is_served() {
        var reply = http.send(HttpRequest.GET("/swagger/checkout-api.yml"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body())
                .contains("/purchase:", "/api/products:", "/api/orders/{id}:", "/api/admin/products/{sku}:", "/health:")
                .contains("\"402\":", "\"409\":", "\"503\":", "adminToken", "PurchaseRequest", "Idempotency-Key")
                .contains("/webhooks/stripe:", "Stripe-Signature", "EventReceipt", "OrderDispute");
    }

    private static Order placed(String id) {
        return Order.place(OrderId.of(id), Optional.empty(), List.of(
                new OrderLine(Sku.of("MUG-1"), Quantity.of(2), Money.of(2500, "USD")),
                new OrderLine(Sku.of("HAT-2"), Quantity.of(1), Money.of(1200, "USD"))), PLACED);
    }
}
