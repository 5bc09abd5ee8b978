package dev.checkout.adapter.rest;

import dev.checkout.application.purchase.PurchaseResult;
import dev.checkout.application.purchase.PurchaseUseCase;
import dev.checkout.application.query.ManageCatalogue;
import dev.checkout.application.query.ShopQueries;
import dev.checkout.domain.order.OrderId;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * Malformed requests to {@code POST /purchase} and the admin API, over real HTTP: each is answered with a 4xx JSON
 * error that names the problem, and none reaches the use case or the catalogue.
 */
@MicronautTest
class BadInputTest {
    static final String ADMIN_TOKEN = "test-admin-token-7d3f9a2c41";
    static final int LIMIT = 64 * 1024;

    @Inject PurchaseUseCase useCase;
    @Inject ManageCatalogue catalogue;
    @Inject @Client("/") HttpClient client;
    @Inject JsonMapper json;
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

    /** A request, and the status, error code and field it must be answered with (field null: the whole body). */
    record Bad(String name, MutableHttpRequest<?> request, int status, String code, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> badPurchases() {
        return Stream.of(
                purchase("malformed JSON", "{\"token\": \"tok_1\",", "invalid_json", null),
                purchase("form encoding sent as JSON", "token=tok_1&amount=2500", "invalid_json", null),
                purchase("bytes that are not UTF-8", new byte[]{'{', (byte) 0xFF, (byte) 0xFE, '}'}, "invalid_json", null),
                purchase("nesting 5000 deep", "{\"items\": " + "[".repeat(5000) + "]".repeat(5000) + "}", "invalid_json", null),
                purchase("a second document after the object", valid() + " {\"amount\": 1}", "invalid_json", null),
                purchase("a key given twice", "{\"amount\": 1, " + valid().substring(1), "invalid_json", null),
                purchase("empty body", "", "body_missing", null),
                purchase("blank body", "  \n ", "body_missing", null),
                purchase("JSON null", "null", "body_invalid", null),
                purchase("an array, not an object", "[" + valid() + "]", "body_invalid", null),
                purchase("a bare string", "\"tok_1\"", "body_invalid", null),
                purchase("the cart wrapped in another object", "{\"purchase\": " + valid() + "}", "parameter_unknown", "purchase"),
                purchase("unknown top-level field", with("\"tip\": 100"), "parameter_unknown", "tip"),
                purchase("missing token", without("token"), "parameter_invalid", "token"),
                purchase("missing amount", without("amount"), "parameter_invalid", "amount"),
                purchase("missing currency", without("currency"), "parameter_invalid", "currency"),
                purchase("missing items", without("items"), "parameter_invalid", "items"),
                purchase("empty items", with("\"items\": []"), "parameter_invalid", "items"),
                purchase("token is a number", with("\"token\": 4242"), "parameter_invalid", "token"),
                purchase("token nested in an object", with("\"token\": {\"id\": \"tok_1\"}"), "parameter_invalid", "token"),
                purchase("token with a space", with("\"token\": \"tok 1\""), "parameter_invalid", "token"),
                purchase("token 300 characters", with("\"token\": \"tok_" + "a".repeat(296) + "\""), "parameter_invalid", "token"),
                purchase("amount as a string", with("\"amount\": \"2500\""), "parameter_invalid", "amount"),
                purchase("amount with a fraction", with("\"amount\": 25.00"), "parameter_invalid", "amount"),
                purchase("amount 1e30", with("\"amount\": 1e30"), "parameter_invalid", "amount"),
                purchase("amount beyond a long", with("\"amount\": 123456789012345678901234567890"), "parameter_invalid", "amount"),
                purchase("amount zero", with("\"amount\": 0"), "parameter_invalid", "amount"),
                purchase("amount negative", with("\"amount\": -2500"), "parameter_invalid", "amount"),
                purchase("amount above a charge's limit", with("\"amount\": 100000000"), "parameter_invalid", "amount"),
                purchase("amount true", with("\"amount\": true"), "parameter_invalid", "amount"),
                purchase("unknown currency", with("\"currency\": \"xyz\""), "parameter_invalid", "currency"),
                purchase("currency as a word", with("\"currency\": \"dollars\""), "parameter_invalid", "currency"),
                purchase("currency as a number", with("\"currency\": 840"), "parameter_invalid", "currency"),
                purchase("items is an object", with("\"items\": {\"sku\": \"MUG-1\", \"quantity\": 1}"), "parameter_invalid", "items"),
                purchase("an item nested in an array", with("\"items\": [[{\"sku\": \"MUG-1\", \"quantity\": 1}]]"), "parameter_invalid", "items[0]"),
                purchase("an item that is null", with("\"items\": [null]"), "parameter_invalid", "items[0]"),
                purchase("an item that is a string", with("\"items\": [\"MUG-1\"]"), "parameter_invalid", "items[0]"),
                purchase("unknown item field", items("{\"sku\": \"MUG-1\", \"qty\": 1}"), "parameter_unknown", "items[0].qty"),
                purchase("missing sku", items("{\"quantity\": 1}"), "parameter_invalid", "items[0].sku"),
                purchase("missing quantity", items("{\"sku\": \"MUG-1\"}"), "parameter_invalid", "items[0].quantity"),
                purchase("quantity \"abc\"", items(line("MUG-1", "\"abc\"")), "parameter_invalid", "items[0].quantity"),
                purchase("quantity as a string number", items(line("MUG-1", "\"2\"")), "parameter_invalid", "items[0].quantity"),
                purchase("quantity 1.5", items(line("MUG-1", "1.5")), "parameter_invalid", "items[0].quantity"),
                purchase("quantity zero", items(line("MUG-1", "0")), "parameter_invalid", "items[0].quantity"),
                purchase("quantity negative, on the third line",
                        items(line("A-1", "1") + ", " + line("B-2", "1") + ", " + line("C-3", "-3")), "parameter_invalid", "items[2].quantity"),
                purchase("quantity above the per-line limit", items(line("MUG-1", "1001")), "parameter_invalid", "items[0].quantity"),
                purchase("quantity beyond an int", items(line("MUG-1", "3000000000")), "parameter_invalid", "items[0].quantity"),
                purchase("quantity 1e400", items(line("MUG-1", "1e400")), "parameter_invalid", "items[0].quantity"),
                purchase("quantity null", items(line("MUG-1", "null")), "parameter_invalid", "items[0].quantity"),
                purchase("the same sku twice", items(line("MUG-1", "1") + ", " + line("MUG-1", "2")), "parameter_invalid", "items[1].sku"),
                purchase("101 lines", items(IntStream.range(0, 101).mapToObj(i -> line("SKU-" + i, "1")).collect(Collectors.joining(", "))),
                        "parameter_invalid", "items"),
                purchase("unicode in a sku", items(line("café-1", "1")), "parameter_invalid", "items[0].sku"),
                purchase("an emoji sku", items(line("\uD83D\uDED2", "1")), "parameter_invalid", "items[0].sku"),
                purchase("a sku 65 characters long", items(line("S".repeat(65), "1")), "parameter_invalid", "items[0].sku"),
                purchase("sku as a number", items("{\"sku\": 12345, \"quantity\": 1}"), "parameter_invalid", "items[0].sku"),
                new Bad("Idempotency-Key too short", HttpRequest.POST("/purchase", valid())
                        .contentType(MediaType.APPLICATION_JSON_TYPE).header("Idempotency-Key", "abc"), 400, "parameter_invalid", "Idempotency-Key"),
                new Bad("body over 64 KiB", HttpRequest.POST("/purchase", padded(valid(), LIMIT + 1))
                        .contentType(MediaType.APPLICATION_JSON_TYPE), 413, "body_too_large", null),
                new Bad("text/plain", HttpRequest.POST("/purchase", valid()).contentType(MediaType.TEXT_PLAIN_TYPE),
                        415, "unsupported_media_type", "Content-Type"),
                new Bad("a form post", HttpRequest.POST("/purchase", "token=tok_1")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), 415, "unsupported_media_type", "Content-Type"),
                new Bad("GET on /purchase", HttpRequest.GET("/purchase"), 405, "method_not_allowed", null));
    }

    static Stream<Bad> badProducts() {
        return Stream.of(
                product("malformed JSON", "{\"name\": ", "invalid_json", null),
                product("empty body", "", "body_missing", null),
                product("an array", "[]", "body_invalid", null),
                product("missing name", "{\"unitAmount\": 1999, \"currency\": \"usd\", \"available\": 5}", "parameter_invalid", "name"),
                product("blank name", productWith("\"name\": \"   \""), "parameter_invalid", "name"),
                product("name is a number", productWith("\"name\": 7"), "parameter_invalid", "name"),
                product("price as a string", productWith("\"unitAmount\": \"19.99\""), "parameter_invalid", "unitAmount"),
                product("price with a fraction", productWith("\"unitAmount\": 19.99"), "parameter_invalid", "unitAmount"),
                product("price zero", productWith("\"unitAmount\": 0"), "parameter_invalid", "unitAmount"),
                product("price negative", productWith("\"unitAmount\": -5"), "parameter_invalid", "unitAmount"),
                product("price above a charge's limit", productWith("\"unitAmount\": 100000000"), "parameter_invalid", "unitAmount"),
                product("missing price", "{\"name\": \"Mug\", \"currency\": \"usd\", \"available\": 5}", "parameter_invalid", "unitAmount"),
                product("negative stock", productWith("\"available\": -1"), "parameter_invalid", "available"),
                product("stock as a word", productWith("\"available\": \"ten\""), "parameter_invalid", "available"),
                product("missing stock", "{\"name\": \"Mug\", \"unitAmount\": 1999, \"currency\": \"usd\"}", "parameter_invalid", "available"),
                product("unknown currency", productWith("\"currency\": \"abc\""), "parameter_invalid", "currency"),
                product("unknown field", productWith("\"price\": 1999"), "parameter_unknown", "price"),
                product("sku other than the path's", productWith("\"sku\": \"HAT-2\""), "parameter_invalid", "sku"),
                product("sku in another case than the path's", productWith("\"sku\": \"mug-1\""), "parameter_invalid", "sku"),
                product("sku as a number", productWith("\"sku\": 7"), "parameter_invalid", "sku"),
                new Bad("unicode in the sku", admin(HttpRequest.PUT("/api/admin/products/caf%C3%A9", productJson())), 400, "parameter_invalid", "sku"),
                new Bad("text/plain", admin(HttpRequest.PUT("/api/admin/products/MUG-1", productJson()).contentType(MediaType.TEXT_PLAIN_TYPE)),
                        415, "unsupported_media_type", "Content-Type"),
                new Bad("body over 64 KiB", admin(HttpRequest.PUT("/api/admin/products/MUG-1", padded(productJson(), LIMIT + 1))),
                        413, "body_too_large", null),
                new Bad("POST instead of PUT", admin(HttpRequest.POST("/api/admin/products/MUG-1", productJson())), 405, "method_not_allowed", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPurchases")
    void a_malformed_purchase_is_refused_by_name_and_never_reaches_the_use_case(Bad bad) {
        var reply = http.send(bad.request());

        assertRefused(bad, reply);
        verifyNoInteractions(useCase);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badProducts")
    void a_malformed_product_is_refused_by_name_and_never_saved(Bad bad) {
        var reply = http.send(bad.request());

        assertRefused(bad, reply);
        verify(catalogue, never()).save(any());
    }

    @Test
    void a_body_just_under_the_limit_is_read() {
        when(useCase.purchase(any())).thenReturn(new PurchaseResult.PaymentPending(OrderId.of("ord_1")));

        var reply = http.send(HttpRequest.POST("/purchase", padded(valid(), LIMIT - 100)).contentType(MediaType.APPLICATION_JSON_TYPE));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
    }

    @Test
    void unknown_routes_answer_404_json() {
        var reply = http.send(HttpRequest.GET("/api/nothing-here"));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("Content-Type")).startsWith(MediaType.APPLICATION_JSON);
        assertThat(reply.text("error.code")).isEqualTo("not_found");
        assertThat(reply.text("error.message")).contains("GET /api/nothing-here");
    }

    private static void assertRefused(Bad bad, Http.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(bad.status());
        assertThat(reply.header("Content-Type")).as(reply.toString()).startsWith(MediaType.APPLICATION_JSON);
        assertThat(reply.text("error.type")).as(reply.toString()).isEqualTo(ApiErrors.INVALID_REQUEST);
        assertThat(reply.text("error.code")).as(reply.toString()).isEqualTo(bad.code());
        assertThat(reply.text("error.field")).as(reply.toString()).isEqualTo(bad.field());
        assertThat(reply.text("error.message")).as(reply.toString()).isNotBlank().doesNotContain("Exception").doesNotContain("dev.checkout");
        assertThat(reply.text("error.requestId")).isEqualTo(reply.header("X-Request-Id"));
    }

    // ---- request builders ----

    static String valid() {
        return "{\"token\": \"tok_visa_1\", \"amount\": 2500, \"currency\": \"usd\", \"items\": [" + line("MUG-1", "1") + "]}";
    }

    static String line(String sku, String quantity) {
        return "{\"sku\": \"" + sku + "\", \"quantity\": " + quantity + "}";
    }

    /** The valid purchase with one field replaced (or added), e.g. {@code "amount": 0}. */
    static String with(String field) {
        String name = field.substring(1, field.indexOf('"', 1));
        return "{" + Stream.of("\"token\": \"tok_visa_1\"", "\"amount\": 2500", "\"currency\": \"usd\"",
                        "\"items\": [" + line("MUG-1", "1") + "]")
                .map(f -> f.startsWith("\"" + name + "\"") ? field : f)
                .collect(Collectors.joining(", ")) + (valid().contains("\"" + name + "\"") ? "" : ", " + field) + "}";
    }

    static String without(String name) {
        return "{" + Stream.of("\"token\": \"tok_visa_1\"", "\"amount\": 2500", "\"currency\": \"usd\"",
                        "\"items\": [" + line("MUG-1", "1") + "]")
                .filter(f -> !f.startsWith("\"" + name + "\""))
                .collect(Collectors.joining(", ")) + "}";
    }

    static String items(String lines) {
        return with("\"items\": [" + lines + "]");
    }

    static String productJson() {
        return "{\"name\": \"Mug\", \"unitAmount\": 1999, \"currency\": \"usd\", \"available\": 5}";
    }

    static String productWith(String field) {
        String name = field.substring(1, field.indexOf('"', 1));
        return "{" + Stream.of("\"name\": \"Mug\"", "\"unitAmount\": 1999", "\"currency\": \"usd\"", "\"available\": 5")
                .map(f -> f.startsWith("\"" + name + "\"") ? field : f)
                .collect(Collectors.joining(", ")) + (productJson().contains("\"" + name + "\"") ? "" : ", " + field) + "}";
    }

    /** Valid JSON padded with whitespace to exactly {@code size} bytes, so only its size is wrong. */
    static String padded(String json, int size) {
        return json.substring(0, json.length() - 1) + " ".repeat(size - json.getBytes(StandardCharsets.UTF_8).length) + "}";
    }

    static Bad purchase(String name, String body, String code, String field) {
        return new Bad(name, HttpRequest.POST("/purchase", body).contentType(MediaType.APPLICATION_JSON_TYPE), 400, code, field);
    }

    static Bad purchase(String name, byte[] body, String code, String field) {
        return new Bad(name, HttpRequest.POST("/purchase", body).contentType(MediaType.APPLICATION_JSON_TYPE), 400, code, field);
    }

    static Bad product(String name, String body, String code, String field) {
        return new Bad(name, admin(HttpRequest.PUT("/api/admin/products/MUG-1", body)), 400, code, field);
    }

    static <T> MutableHttpRequest<T> admin(MutableHttpRequest<T> request) {
        if (request.getContentType().isEmpty()) {
            request.contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        return request.bearerAuth(ADMIN_TOKEN);
    }
}
