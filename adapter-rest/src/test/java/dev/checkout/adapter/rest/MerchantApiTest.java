package dev.checkout.adapter.rest;

import dev.checkout.application.admin.AdminQueries;
import dev.checkout.application.admin.ManageStock;
import dev.checkout.application.admin.RefundCommand;
import dev.checkout.application.admin.RefundResult;
import dev.checkout.application.admin.RefundUseCase;
import dev.checkout.application.purchase.PurchaseUseCase;
import dev.checkout.application.query.ManageCatalogue;
import dev.checkout.application.query.ShopQueries;
import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.inventory.StockAdjustment;
import dev.checkout.domain.money.CurrencyCode;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.DisputeFigures;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderLine;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.order.Quantity;
import dev.checkout.domain.order.RefundRefusedException;
import dev.checkout.domain.order.RestockLine;
import dev.checkout.domain.order.SalesFigures;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.payment.RefundId;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The merchant's API mapped to HTTP: each use case result to its status and body, every bad input to a 400 naming
 * the field with the use case never called, and all of it behind the admin token. The use cases are mocked (the
 * real ones run in checkout-app's end-to-end tests).
 */
@MicronautTest
class MerchantApiTest {
    static final String TOKEN = AdminApiTest.TOKEN;
    static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    @Inject AdminQueries queries;
    @Inject ManageStock stock;
    @Inject RefundUseCase refunds;
    @Inject @Client("/") HttpClient client;
    @Inject JsonMapper json;
    Http http;

    @MockBean(AdminQueries.class) AdminQueries queries() { return mock(AdminQueries.class); }
    @MockBean(ManageStock.class) ManageStock stock() { return mock(ManageStock.class); }
    @MockBean(RefundUseCase.class) RefundUseCase refunds() { return mock(RefundUseCase.class); }
    @MockBean(ManageCatalogue.class) ManageCatalogue catalogue() { return mock(ManageCatalogue.class); }
    @MockBean(ShopQueries.class) ShopQueries shop() { return mock(ShopQueries.class); }
    @MockBean(PurchaseUseCase.class) PurchaseUseCase useCase() { return mock(PurchaseUseCase.class); }

    @BeforeEach
    void setUp() {
        http = new Http(client, json);
        clearInvocations(queries, stock, refunds);
    }

    static Order paid() {
        return Order.place(OrderId.of("ord_1"), Optional.empty(),
                List.of(new OrderLine(Sku.of("mug"), Quantity.of(2), Money.of(12_50, "usd"))), T0).markPaid(ChargeId.of("ch_1"), T0);
    }

    Http.Reply post(String path, String body) {
        return http.send(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON).bearerAuth(TOKEN));
    }

    Http.Reply get(String path) {
        return http.send(HttpRequest.GET(path).bearerAuth(TOKEN));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET,/api/admin/orders", "GET,/api/admin/orders/ord_1", "POST,/api/admin/orders/ord_1/refunds",
            "GET,/api/admin/summary", "GET,/api/admin/products", "POST,/api/admin/products/mug/stock",
            "PATCH,/api/admin/products/mug"})
    void every_merchant_endpoint_wants_the_admin_token(String method, String path) {
        var reply = http.send(HttpRequest.create(io.micronaut.http.HttpMethod.valueOf(method), path)
                .header("Authorization", "Bearer wrong-token-000000000").contentType(MediaType.APPLICATION_JSON).body("{}"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.text("error.code")).isEqualTo("admin_token_invalid");
        verify(refunds, never()).refund(any());
        verify(stock, never()).adjustStock(any(), anyLong());
    }

    @Test
    void a_refund_is_sent_as_asked_and_answered_201_with_the_order() {
        Order asked = paid().requestRefund(Money.of(12_50, "usd"), List.of(new RestockLine(Sku.of("mug"), Quantity.of(1))), "returned", T0);
        Order done = asked.refundSucceeded(1, new RefundId("re_1"), T0);
        when(refunds.refund(any())).thenReturn(new RefundResult.Refunded(done, done.refunds().getFirst()));

        var reply = post("/api/admin/orders/ord_1/refunds",
                "{\"amount\": 1250, \"restock\": [{\"sku\": \"mug\", \"quantity\": 1}], \"reason\": \"returned\"}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        var sent = ArgumentCaptor.forClass(RefundCommand.class);
        verify(refunds).refund(sent.capture());
        assertThat(sent.getValue()).isEqualTo(new RefundCommand(OrderId.of("ord_1"), OptionalLong.of(1250),
                new RefundCommand.Restock.Lines(List.of(new RestockLine(Sku.of("mug"), Quantity.of(1)))), "returned"));
        assertThat(reply.text("refund.status")).isEqualTo("SUCCEEDED");
        assertThat(reply.text("refund.idempotencyKey")).isEqualTo("refund-ord_1-1");
        assertThat(reply.text("refund.providerRefundId")).isEqualTo("re_1");
        assertThat(reply.text("order.status")).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(reply.at("order.amountRefunded")).isEqualTo(1250L);
        assertThat(reply.at("order.amountRefundable")).isEqualTo(1250L);
        assertThat(reply.text("order.refunds.0.restock.0.sku")).isEqualTo("mug");
        assertThat(reply.text("order.charge.id")).isEqualTo("ch_1");
    }

    @Test
    void an_empty_body_refunds_everything_and_restock_true_puts_everything_back() {
        when(refunds.refund(any())).thenReturn(new RefundResult.OrderNotFound(OrderId.of("ord_1")));
        post("/api/admin/orders/ord_1/refunds", "");
        post("/api/admin/orders/ord_1/refunds", "{\"restock\": true}");

        var sent = ArgumentCaptor.forClass(RefundCommand.class);
        verify(refunds, org.mockito.Mockito.times(2)).refund(sent.capture());
        assertThat(sent.getAllValues()).containsExactly(
                new RefundCommand(OrderId.of("ord_1"), OptionalLong.empty(), new RefundCommand.Restock.Nothing(), null),
                new RefundCommand(OrderId.of("ord_1"), OptionalLong.empty(), new RefundCommand.Restock.Everything(), null));
    }

    @Test
    void an_unknown_outcome_is_202_with_the_refund_pending() {
        Order asked = paid().requestRefund(Money.of(25_00, "usd"), List.of(), null, T0);
        when(refunds.refund(any())).thenReturn(new RefundResult.Pending(asked, asked.refunds().getFirst()));

        var reply = post("/api/admin/orders/ord_1/refunds", "{}");

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.text("refund.status")).isEqualTo("PENDING");
        assertThat(reply.at("order.needsAttention")).isEqualTo(true);
        assertThat(reply.at("order.amountRefundPending")).isEqualTo(2500L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"NOT_REFUNDABLE,409,order_not_refundable,orderId", "EXCEEDS_PAID,409,refund_exceeds_payment,amount",
            "EXCEEDS_SOLD,409,restock_exceeds_sold,restock[0].quantity", "NOT_IN_ORDER,400,restock_not_in_order,restock[0].sku"})
    void a_refusal_by_the_orders_rules_names_the_field(RefundRefusedException.Reason reason, int status, String code, String field) {
        when(refunds.refund(any())).thenReturn(new RefundResult.Refused(OrderId.of("ord_1"), reason, field, "the rule's message"));

        var reply = post("/api/admin/orders/ord_1/refunds", "{\"amount\": 100}");

        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.text("error.code")).isEqualTo(code);
        assertThat(reply.text("error.field")).isEqualTo(field);
        assertThat(reply.text("error.message")).isEqualTo("the rule's message");
        assertThat(reply.text("orderId")).isEqualTo("ord_1");
    }

    @Test
    void a_provider_failure_says_nothing_was_refunded() {
        Order asked = paid().requestRefund(Money.of(1_00, "usd"), List.of(), null, T0);
        var down = new PaymentFailure(PaymentFailure.Kind.PROVIDER_UNAVAILABLE, null, null);
        var refused = new PaymentFailure(PaymentFailure.Kind.MERCHANT_ERROR, "charge_disputed", "The charge is disputed.");
        Order failed = asked.refundFailed(1, refused, T0);
        when(refunds.refund(any())).thenReturn(new RefundResult.NotRefunded(failed, failed.refunds().getFirst(), down),
                new RefundResult.NotRefunded(failed, failed.refunds().getFirst(), refused));

        var unavailable = post("/api/admin/orders/ord_1/refunds", "{}");
        var refusedReply = post("/api/admin/orders/ord_1/refunds", "{}");

        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.text("error.message")).contains("nothing was refunded");
        assertThat(refusedReply.status()).isEqualTo(502);
        assertThat(refusedReply.text("error.code")).isEqualTo("refund_failed");
        assertThat(refusedReply.text("error.message")).contains("charge_disputed").contains("The charge is disputed.");
    }

    @Test
    void an_unknown_order_is_404_and_a_busy_one_409() {
        when(refunds.refund(any())).thenReturn(new RefundResult.OrderNotFound(OrderId.of("ord_1")),
                new RefundResult.Busy(OrderId.of("ord_1")));

        assertThat(post("/api/admin/orders/ord_1/refunds", "{}").text("error.code")).isEqualTo("order_not_found");
        var busy = post("/api/admin/orders/ord_1/refunds", "{}");
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.text("error.code")).isEqualTo("order_busy");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"amount\": \"12\"}|amount", "{\"amount\": 0}|amount", "{\"amount\": 1.5}|amount",
            "{\"restock\": \"yes\"}|restock", "{\"restock\": [{\"sku\": \"mug\"}]}|restock[0].quantity",
            "{\"restock\": [{\"quantity\": 1}]}|restock[0].sku", "{\"restock\": [{\"sku\": \"bad sku\", \"quantity\": 1}]}|restock[0].sku",
            "{\"restock\": [{\"sku\": \"mug\", \"quantity\": 0}]}|restock[0].quantity",
            "{\"restock\": [{\"sku\": \"mug\", \"quantity\": 1001}]}|restock[0].quantity",
            "{\"reason\": 5}|reason", "{\"amout\": 5}|amout", "[1]|"})
    void bad_refund_input_is_400_naming_the_field_and_refunds_nothing(String body, String field) {
        var reply = post("/api/admin/orders/ord_1/refunds", body);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.text("error.field")).isEqualTo(field == null || field.isEmpty() ? null : field);
        verify(refunds, never()).refund(any());
    }

    @Test
    void the_order_list_passes_its_filters_and_pages() {
        when(queries.orders(any())).thenReturn(new AdminQueries.Page<>(List.of(paid()), true));

        var reply = get("/api/admin/orders?limit=1&status=paid,PARTIALLY_REFUNDED&needs_attention=false"
                + "&created%5Bgte%5D=2026-11-25T00:00:00Z&created%5Blt%5D=1764115200&starting_after=ord_0");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        var filter = ArgumentCaptor.forClass(AdminQueries.OrderFilter.class);
        verify(queries).orders(filter.capture());
        assertThat(filter.getValue()).isEqualTo(new AdminQueries.OrderFilter(Set.of(OrderStatus.PAID, OrderStatus.PARTIALLY_REFUNDED),
                false, Instant.parse("2026-11-25T00:00:00Z"), Instant.ofEpochSecond(1764115200L), Optional.of(OrderId.of("ord_0")), 1));
        assertThat(reply.text("data.0.orderId")).isEqualTo("ord_1");
        assertThat(reply.text("data.0.items.0.sku")).isEqualTo("mug");
        assertThat(reply.at("hasMore")).isEqualTo(true);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"limit=0|limit", "limit=101|limit", "limit=ten|limit", "status=SHIPPED|status",
            "needs_attention=maybe|needs_attention", "created%5Bgte%5D=yesterday|created[gte]", "sort=asc|sort",
            "starting_after=no%20such|starting_after"})
    void bad_list_parameters_are_400_naming_them(String query, String field) {
        var reply = get("/api/admin/orders?" + query);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.text("error.field")).isEqualTo(field);
        verify(queries, never()).orders(any());
    }

    @Test
    void the_summary_shows_figures_by_currency_and_24_hours() {
        var usd = CurrencyCode.of("usd");
        var figures = new SalesFigures(usd, 2, Money.of(50_00, "usd"), 1, Money.of(5_00, "usd"));
        var hours = java.util.stream.IntStream.range(0, 24)
                .mapToObj(i -> new AdminQueries.HourlyPurchases(T0.plusSeconds(3600L * i), i == 23 ? 2 : 0)).toList();
        var disputes = new DisputeFigures(usd, 2, Money.of(30_00, "usd"));
        when(queries.summary()).thenReturn(new AdminQueries.Summary(T0, T0, T0,
                List.of(new AdminQueries.CurrencyFigures(usd, figures, figures, 3, disputes)), 3, hours, 2));

        var reply = get("/api/admin/summary");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("currencies.0.currency")).isEqualTo("usd");
        assertThat(reply.at("currencies.0.today.revenue")).isEqualTo(50_00L);
        assertThat(reply.at("currencies.0.today.net")).isEqualTo(45_00L);
        assertThat(reply.at("needsAttention")).isEqualTo(3L);
        assertThat(reply.at("currencies.0.needsAttention")).isEqualTo(3L);
        assertThat(reply.node("purchasesPerHour").size()).isEqualTo(24);
        assertThat(reply.at("purchasesPerHour.23.paidOrders")).isEqualTo(2L);
        assertThat(reply.at("disputes.tracked")).isEqualTo(true);
        assertThat(reply.at("disputes.count")).isEqualTo(2L);
        assertThat(reply.at("currencies.0.openDisputes")).isEqualTo(2L);
        assertThat(reply.at("currencies.0.disputed")).isEqualTo(30_00L);
    }

    @Test
    void stock_moves_by_a_delta_and_a_move_below_zero_is_409() {
        Sku mug = Sku.of("mug");
        when(stock.adjustStock(mug, -3)).thenReturn(new StockAdjustment.Adjusted(7));
        when(stock.adjustStock(mug, -9)).thenReturn(new StockAdjustment.WouldGoNegative(7));
        when(queries.product(mug)).thenReturn(Optional.of(new Product(mug, "Mug", Money.of(12_50, "usd"), 7)));

        var ok = post("/api/admin/products/mug/stock", "{\"delta\": -3}");
        var tooMany = post("/api/admin/products/mug/stock", "{\"delta\": -9}");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.at("available")).isEqualTo(7L);
        assertThat(tooMany.status()).isEqualTo(409);
        assertThat(tooMany.text("error.code")).isEqualTo("stock_would_go_negative");
        assertThat(tooMany.text("error.field")).isEqualTo("delta");
        assertThat(tooMany.text("error.message")).contains("has 7 units").contains("would leave -2");
    }

    @Test
    void stock_of_an_unknown_product_is_404() {
        when(stock.adjustStock(any(), anyLong())).thenReturn(new StockAdjustment.UnknownProduct());

        var reply = post("/api/admin/products/nope/stock", "{\"delta\": 1}");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.text("error.code")).isEqualTo("product_not_found");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{}", "{\"delta\": 0}", "{\"delta\": \"-3\"}", "{\"delta\": 1.5}", "{\"delta\": 1000000001}",
            "{\"delta\": 99999999999999999999}", "{\"available\": 3}"})
    void a_bad_delta_is_400_and_changes_nothing(String body) {
        var reply = post("/api/admin/products/mug/stock", body);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.text("error.field")).isIn("delta", "available");
        verify(stock, never()).adjustStock(any(), anyLong());
    }

    @Test
    void details_change_name_and_price_and_keep_what_is_left_out() {
        Sku mug = Sku.of("mug");
        when(queries.product(mug)).thenReturn(Optional.of(new Product(mug, "Mug", Money.of(12_50, "usd"), 7)));
        when(stock.updateDetails(any(), any(), any())).thenReturn(true);

        var reply = http.send(HttpRequest.PATCH("/api/admin/products/mug", "{\"name\": \"Big mug\"}")
                .contentType(MediaType.APPLICATION_JSON).bearerAuth(TOKEN));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        verify(stock).updateDetails(mug, "Big mug", Money.of(12_50, "usd"));
        var bad = http.send(HttpRequest.PATCH("/api/admin/products/mug", "{\"available\": 3}")
                .contentType(MediaType.APPLICATION_JSON).bearerAuth(TOKEN));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text("error.field")).isEqualTo("available");
    }

    @Test
    void the_product_list_pages_by_sku() {
        when(queries.products(Optional.of(Sku.of("a")), 2)).thenReturn(new AdminQueries.Page<>(
                List.of(new Product(Sku.of("b"), "<script>alert(1)</script>", Money.of(1_00, "usd"), 1)), false));

        var reply = get("/api/admin/products?limit=2&starting_after=a");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("data.0.name")).isEqualTo("<script>alert(1)</script>");
        assertThat(reply.at("hasMore")).isEqualTo(false);
    }

    @Test
    void the_admin_page_is_served_with_a_strict_content_security_policy() {
        var page = http.send(HttpRequest.GET("/admin"));
        var script = http.send(HttpRequest.GET("/admin/admin.js"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self';").contains("connect-src 'self'");
        assertThat(page.body()).contains("/admin/admin.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body()).contains("sessionStorage").doesNotContain("innerHTML").doesNotContain("document.cookie");
    }

    @Test
    void the_openapi_document_describes_the_merchant_api() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/swagger/checkout-api.yml")) {
            assertThat(in).as("generated OpenAPI document").isNotNull();
            String doc = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(doc).contains("/api/admin/orders:", "/api/admin/orders/{id}/refunds:", "/api/admin/summary:",
                    "/api/admin/products:", "/api/admin/products/{sku}/stock:", "AdminOrder:", "AdminRefund:");
        }
    }
}
