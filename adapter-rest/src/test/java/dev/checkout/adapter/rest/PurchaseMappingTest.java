package dev.checkout.adapter.rest;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.checkout.application.purchase.PurchaseCommand;
import dev.checkout.application.purchase.PurchaseResult;
import dev.checkout.application.purchase.PurchaseUseCase;
import dev.checkout.application.query.ManageCatalogue;
import dev.checkout.application.query.ShopQueries;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderLine;
import dev.checkout.domain.order.Quantity;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.ClientSecret;
import dev.checkout.domain.payment.DeclineReason;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.payment.PaymentToken;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Drives every {@link PurchaseResult} through {@code POST /purchase} over real HTTP, with the use case mocked, and
 * checks the status and body each one becomes.
 */
@MicronautTest
class PurchaseMappingTest {
    static final String TOKEN = "tok_visa_9f8e7d6c5b4a";
    static final String BODY = """
            {"token": "%s", "amount": 6200, "currency": "usd",
             "items": [{"sku": "MUG-1", "quantity": 2}, {"sku": "HAT-2", "quantity": 1}]}""".formatted(TOKEN);
    static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

    @Inject PurchaseUseCase useCase;
    @Inject @Client("/") HttpClient client;
    @Inject JsonMapper json;
    @Inject EmbeddedServer server;
    Http http;

    @MockBean(PurchaseUseCase.class)
    PurchaseUseCase useCase() {
        return mock(PurchaseUseCase.class);
    }

    @MockBean(ShopQueries.class)
    ShopQueries shop() {
        return mock(ShopQueries.class);
    }

    @MockBean(ManageCatalogue.class)
    ManageCatalogue catalogue() {
        return mock(ManageCatalogue.class);
    }

    @BeforeEach
    void setUp() {
        http = new Http(client, json);
    }

    /** One outcome, the status it must answer with, values expected at JSON paths, and words the message must hold. */
    record Case(String name, PurchaseResult result, int status, Map<String, Object> expected, String messageHolds) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> outcomes() {
        return Stream.of(
                new Case("paid", new PurchaseResult.Completed(paidOrder()), 201, Map.of(
                        "orderId", "ord_paid", "status", "PAID", "chargeId", "ch_123", "amount", 6200L, "currency", "usd",
                        "items.0.sku", "MUG-1", "items.0.quantity", 2L, "items.0.unitAmount", 2500L, "items.0.amount", 5000L,
                        "items.1.sku", "HAT-2"), ""),
                new Case("declined", new PurchaseResult.PaymentDeclined(OrderId.of("ord_declined"),
                        new DeclineReason("card_declined", "insufficient_funds", "Your card has insufficient funds.")), 402, Map.of(
                        "error.type", "card_error", "error.code", "card_declined", "error.declineCode", "insufficient_funds",
                        "error.message", "Your card has insufficient funds.", "orderId", "ord_declined"), ""),
                new Case("out of stock", new PurchaseResult.OutOfStock(List.of(Sku.of("MUG-1"), Sku.of("HAT-2"))), 409, Map.of(
                        "error.type", "cart_error", "error.code", "out_of_stock", "error.skus.0", "MUG-1", "error.skus.1", "HAT-2"),
                        "MUG-1, HAT-2"),
                new Case("unknown product", new PurchaseResult.UnknownProducts(List.of(Sku.of("HAT-2"))), 400, Map.of(
                        "error.type", "invalid_request_error", "error.code", "unknown_sku", "error.field", "items[1].sku",
                        "error.skus.0", "HAT-2"), "HAT-2"),
                new Case("mixed currencies", new PurchaseResult.MixedCurrencies(List.of(Sku.of("MUG-1"), Sku.of("HAT-2"))), 409,
                        Map.of("error.type", "cart_error", "error.code", "mixed_currencies", "error.field", "items"),
                        "different currencies"),
                new Case("price mismatch", new PurchaseResult.PriceMismatch(Money.of(6200, "USD"), Money.of(6450, "USD")), 409,
                        Map.of("error.type", "cart_error", "error.code", "amount_mismatch", "error.field", "amount",
                                "error.expectedAmount", 6450L, "error.expectedCurrency", "usd"), "64.50 USD"),
                new Case("pending", new PurchaseResult.PaymentPending(OrderId.of("ord_pending")), 202, Map.of(
                        "orderId", "ord_pending", "status", "PAYMENT_PENDING"), "do not pay again"),
                new Case("requires action", new PurchaseResult.AuthenticationRequired(OrderId.of("ord_3ds"),
                        ClientSecret.of("pi_123_secret_456")), 202, Map.of(
                        "orderId", "ord_3ds", "status", "requires_action", "clientSecret", "pi_123_secret_456"),
                        "confirm this payment"),
                new Case("authentication expired", new PurchaseResult.AuthenticationExpired(OrderId.of("ord_late")), 409, Map.of(
                        "error.type", "card_error", "error.code", "authentication_expired", "orderId", "ord_late"),
                        "Nothing was charged"),
                new Case("token reused", new PurchaseResult.PaymentFailed(OrderId.of("ord_token"),
                        new PaymentFailure(PaymentFailure.Kind.INVALID_PAYMENT_DETAILS, "token_already_used",
                                "You cannot use a Stripe token more than once: " + TOKEN)), 400, Map.of(
                        "error.type", "invalid_request_error", "error.code", "token_already_used", "error.field", "token",
                        "orderId", "ord_token"), "enter your card again"),
                new Case("provider unreachable", new PurchaseResult.PaymentFailed(OrderId.of("ord_down"),
                        new PaymentFailure(PaymentFailure.Kind.PROVIDER_UNAVAILABLE, null, "connect timed out")), 503, Map.of(
                        "error.type", "api_error", "error.code", "provider_unavailable", "orderId", "ord_down"),
                        "Nothing was charged"),
                new Case("merchant misconfigured", new PurchaseResult.PaymentFailed(OrderId.of("ord_keys"),
                        new PaymentFailure(PaymentFailure.Kind.MERCHANT_ERROR, "api_key_invalid",
                                "Invalid API Key provided: sk_test_****abcd")), 503, Map.of(
                        "error.type", "api_error", "error.code", "payments_unavailable", "orderId", "ord_keys"),
                        "Nothing was charged"),
                new Case("refunded", new PurchaseResult.Refunded(OrderId.of("ord_refunded")), 503, Map.of(
                        "error.type", "api_error", "error.code", "charge_refunded", "orderId", "ord_refunded"),
                        "refunded in full"),
                new Case("key reused", new PurchaseResult.KeyReused(ClientKey.of("key-0001-abcd"), OrderId.of("ord_first")), 409,
                        Map.of("error.type", "idempotency_error", "error.code", "idempotency_key_reused",
                                "error.field", "Idempotency-Key", "orderId", "ord_first"), "new key"));
    }

    @Test
    void the_table_covers_every_kind_of_outcome() {
        Set<Class<?>> covered = outcomes().map(c -> c.result().getClass()).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(Arrays.asList(PurchaseResult.class.getPermittedSubclasses()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomes")
    void each_outcome_answers_with_its_status_and_body(Case outcome) {
        when(useCase.purchase(any())).thenReturn(outcome.result());

        var reply = http.send(purchase(BODY));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(outcome.status());
        assertThat(reply.header("Content-Type")).startsWith(MediaType.APPLICATION_JSON);
        outcome.expected().forEach((path, value) -> assertThat(reply.at(path)).as(path + " in " + reply).isEqualTo(value));
        String message = reply.status() >= 400 ? reply.text("error.message") : reply.text("message");
        if (reply.status() != 201) {
            assertThat(message).as(reply.toString()).isNotBlank().contains(outcome.messageHolds());
        }
        if (reply.status() >= 400) {
            assertThat(reply.text("error.requestId")).isEqualTo(reply.header("X-Request-Id"));
            assertThat(reply.body()).doesNotContain(TOKEN).doesNotContain("sk_test").doesNotContain("Exception");
        }
        if (reply.status() == 201 || reply.status() == 202) {
            assertThat(reply.header("Location")).isEqualTo("/api/orders/" + reply.text("orderId"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomes")
    void a_confirmation_after_authentication_answers_as_a_purchase_does(Case outcome) {
        // a confirmation has no cart, so a refusal about the cart's items names the items as a whole
        org.junit.jupiter.api.Assumptions.assumeFalse(outcome.result() instanceof PurchaseResult.UnknownProducts);
        when(useCase.confirm(OrderId.of("ord_3ds"))).thenReturn(Optional.of(outcome.result()));

        var reply = http.send(HttpRequest.POST("/purchase/ord_3ds/confirm", ""));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(outcome.status());
        outcome.expected().forEach((path, value) -> assertThat(reply.at(path)).as(path + " in " + reply).isEqualTo(value));
        if (reply.status() >= 400) {
            assertThat(reply.text("error.requestId")).isEqualTo(reply.header("X-Request-Id"));
        }
    }

    @Test
    void confirming_an_unknown_or_malformed_order_is_a_clear_error_and_asks_nothing() {
        when(useCase.confirm(any())).thenReturn(Optional.empty());

        var unknown = http.send(HttpRequest.POST("/purchase/ord_missing/confirm", ""));
        var malformed = http.send(HttpRequest.POST("/purchase/" + "x".repeat(300) + "/confirm", ""));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("error.code")).isEqualTo("order_not_found");
        assertThat(unknown.text("error.field")).isEqualTo("orderId");
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
        assertThat(malformed.text("error.field")).isEqualTo("orderId");
        verify(useCase).confirm(OrderId.of("ord_missing"));
    }

    @Test
    void the_command_carries_what_the_buyer_sent() {
        when(useCase.purchase(any())).thenReturn(new PurchaseResult.PaymentPending(OrderId.of("ord_1")));

        http.send(purchase(BODY).header("Idempotency-Key", "9b2f4c1e-key"));

        var sent = ArgumentCaptor.forClass(PurchaseCommand.class);
        verify(useCase).purchase(sent.capture());
        PurchaseCommand command = sent.getValue();
        assertThat(command.token()).isEqualTo(PaymentToken.of(TOKEN));
        assertThat(command.statedTotal()).isEqualTo(Money.of(6200, "USD"));
        assertThat(command.items()).containsExactly(
                new PurchaseCommand.Item(Sku.of("MUG-1"), Quantity.of(2)),
                new PurchaseCommand.Item(Sku.of("HAT-2"), Quantity.of(1)));
        assertThat(command.clientKey()).contains(ClientKey.of("9b2f4c1e-key"));
    }

    @Test
    void a_purchase_without_idempotency_key_has_none() {
        when(useCase.purchase(any())).thenReturn(new PurchaseResult.PaymentPending(OrderId.of("ord_1")));

        http.send(purchase(BODY));

        var sent = ArgumentCaptor.forClass(PurchaseCommand.class);
        verify(useCase).purchase(sent.capture());
        assertThat(sent.getValue().clientKey()).isEmpty();
    }

    @Test
    void the_purchase_runs_on_a_virtual_thread_with_the_request_id_in_the_log_context() {
        var seen = new AtomicReference<String>();
        when(useCase.purchase(any())).thenAnswer(call -> {
            seen.set(Thread.currentThread().isVirtual() + " " + MDC.get(RequestIdFilter.MDC_KEY));
            return new PurchaseResult.PaymentPending(OrderId.of("ord_1"));
        });

        var reply = http.send(purchase(BODY).header("X-Request-Id", "req-from-the-edge-42"));

        assertThat(seen.get()).isEqualTo("true req-from-the-edge-42");
        assertThat(reply.header("X-Request-Id")).isEqualTo("req-from-the-edge-42");
    }

    @Test
    void an_unsafe_incoming_request_id_is_replaced() {
        when(useCase.purchase(any())).thenReturn(new PurchaseResult.PaymentPending(OrderId.of("ord_1")));

        var reply = http.send(purchase(BODY).header("X-Request-Id", "forged id with spaces"));

        assertThat(reply.header("X-Request-Id")).matches("[0-9a-f]{32}");
    }

    @Test
    void a_failure_inside_the_use_case_is_a_500_that_shows_only_a_request_id() {
        when(useCase.purchase(any())).thenThrow(new IllegalStateException("connection refused: jdbc:postgresql://db:5432 user=shop"));

        var reply = http.send(purchase(BODY));

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.text("error.type")).isEqualTo("api_error");
        assertThat(reply.text("error.code")).isEqualTo("internal_error");
        assertThat(reply.text("error.requestId")).isEqualTo(reply.header("X-Request-Id")).isNotBlank();
        assertThat(reply.text("error.message")).contains(reply.header("X-Request-Id"));
        assertThat(reply.body()).doesNotContain("jdbc").doesNotContain("IllegalState").doesNotContain("shop");
    }

    /** Stands for an outage of something an adapter reaches, e.g. a database that cannot be reached. */
    static final class DependencyDown extends RuntimeException {
        DependencyDown(String message) {
            super(message);
        }
    }

    /** What an application supplies for its dependencies; here it knows {@link DependencyDown} only. */
    @Singleton
    static final class DependencyOutages implements Outages {
        @Override
        public Optional<Outage> recognise(Throwable failure) {
            return failure.getCause() instanceof DependencyDown
                    ? Optional.of(new Outage("dependency_unavailable", "Please try again in a moment.", Duration.ofMillis(2_500)))
                    : Optional.empty();
        }
    }

    @Test
    void a_failure_an_outages_bean_recognises_is_a_503_with_retry_after_in_the_one_error_shape() {
        when(useCase.purchase(any())).thenThrow(new IllegalStateException("wrapped", new DependencyDown("jdbc:postgresql://db:5432")));

        var reply = http.send(purchase(BODY).header("X-Request-Id", "outage-42"));

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.header("Retry-After")).as("whole seconds, rounded up").isEqualTo("3");
        assertThat(reply.text("error.type")).isEqualTo("api_error");
        assertThat(reply.text("error.code")).isEqualTo("dependency_unavailable");
        assertThat(reply.text("error.message")).isEqualTo("Please try again in a moment.");
        assertThat(reply.text("error.requestId")).isEqualTo("outage-42");
        assertThat(reply.body()).doesNotContain("jdbc");
    }

    @Test
    void a_paid_purchase_logs_nothing_at_info_and_no_log_line_holds_the_token() {
        var root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var captured = new ListAppender<ILoggingEvent>();
        captured.start();
        Level before = root.getLevel();
        root.setLevel(Level.DEBUG);
        root.addAppender(captured);
        try {
            when(useCase.purchase(any())).thenReturn(new PurchaseResult.Completed(paidOrder()));
            assertThat(http.send(purchase(BODY)).status()).isEqualTo(201);
            assertThat(captured.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).isEmpty();

            when(useCase.purchase(any())).thenReturn(new PurchaseResult.PaymentFailed(OrderId.of("ord_keys"),
                    new PaymentFailure(PaymentFailure.Kind.MERCHANT_ERROR, "parameter_invalid", "Invalid source: " + TOKEN)));
            assertThat(http.send(purchase(BODY)).status()).isEqualTo(503);
            assertThat(captured.list).filteredOn(e -> e.getLevel() == Level.ERROR).isNotEmpty();
            assertThat(captured.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(TOKEN));
        } finally {
            root.detachAppender(captured);
            root.setLevel(before);
        }
    }

    @Test
    void a_thousand_purchases_can_wait_on_a_slow_provider_at_once() throws Exception {
        int buyers = 1_000;
        var arrived = new CountDownLatch(buyers);
        var release = new CountDownLatch(1);
        when(useCase.purchase(any())).thenAnswer(call -> {
            arrived.countDown();
            release.await(30, TimeUnit.SECONDS); // the provider is slow: every purchase waits here at the same time
            return new PurchaseResult.PaymentPending(OrderId.of("ord_slow"));
        });
        var base = URI.create("http://localhost:" + server.getPort() + "/purchase");
        try (var raw = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()) {
            var replies = IntStream.range(0, buyers).mapToObj(i -> raw.sendAsync(
                            java.net.http.HttpRequest.newBuilder(base).header("Content-Type", "application/json")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(BODY)).build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding()))
                    .toList();

            boolean allWaitingTogether = arrived.await(20, TimeUnit.SECONDS);
            release.countDown();

            assertThat(allWaitingTogether).as("%d of %d purchases were in the use case at once",
                    buyers - arrived.getCount(), buyers).isTrue();
            for (var reply : replies) {
                assertThat(reply.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
            }
        } finally {
            release.countDown();
        }
    }

    static MutableHttpRequest<String> purchase(String body) {
        return HttpRequest.POST("/purchase", body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    static Order paidOrder() {
        return Order.place(OrderId.of("ord_paid"), Optional.empty(), List.of(
                        new OrderLine(Sku.of("MUG-1"), Quantity.of(2), Money.of(2500, "USD")),
                        new OrderLine(Sku.of("HAT-2"), Quantity.of(1), Money.of(1200, "USD"))), NOW)
                .markPaid(ChargeId.of("ch_123"), NOW.plusSeconds(2));
    }
}
