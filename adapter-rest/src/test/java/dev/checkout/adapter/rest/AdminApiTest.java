package dev.checkout.adapter.rest;

import dev.checkout.application.purchase.PurchaseUseCase;
import dev.checkout.application.query.ManageCatalogue;
import dev.checkout.application.query.ShopQueries;
import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
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
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** {@code PUT /api/admin/products/{sku}}: only with the admin token, and what it saves. */
@MicronautTest
class AdminApiTest {
    static final String TOKEN = "test-admin-token-7d3f9a2c41"; // application-test.yml
    static final String MUG = "{\"name\": \"Blue mug\", \"unitAmount\": 1999, \"currency\": \"usd\", \"available\": 40}";

    @Inject ManageCatalogue catalogue;
    @Inject @Client("/") HttpClient client;
    @Inject JsonMapper json;
    Http http;

    @MockBean(ManageCatalogue.class)
    ManageCatalogue catalogue() {
        return mock(ManageCatalogue.class);
    }

    @MockBean(ShopQueries.class)
    ShopQueries shop() {
        return mock(ShopQueries.class);
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
    void without_a_token_the_answer_is_401_and_nothing_is_saved() {
        var reply = http.send(put("MUG-1", MUG));

        assertUnauthorized(reply);
        verify(catalogue, never()).save(any());
    }

    @ParameterizedTest(name = "Authorization: {0}")
    @ValueSource(strings = {"Bearer wrong-token-00000000000", "Bearer " + TOKEN + "x", "Bearer " + "test-admin-token",
            "Bearer ", "Basic dGVzdDp0ZXN0", TOKEN})
    void with_a_wrong_token_the_answer_is_401_and_nothing_is_saved(String authorization) {
        var reply = http.send(put("MUG-1", MUG).header("Authorization", authorization));

        assertUnauthorized(reply);
        verify(catalogue, never()).save(any());
    }

    @Test
    void an_unknown_admin_path_is_refused_before_it_is_looked_up() {
        var reply = http.send(HttpRequest.GET("/api/admin/anything"));

        assertUnauthorized(reply);
    }

    @Test
    void with_the_token_the_product_is_saved_as_sent() {
        var reply = http.send(put("MUG-1", MUG).bearerAuth(TOKEN));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        var saved = ArgumentCaptor.forClass(Product.class);
        verify(catalogue).save(saved.capture());
        assertThat(saved.getValue()).isEqualTo(new Product(Sku.of("MUG-1"), "Blue mug", Money.of(1999, "USD"), 40));
        assertThat(reply.text("sku")).isEqualTo("MUG-1");
        assertThat(reply.text("name")).isEqualTo("Blue mug");
        assertThat(reply.at("unitAmount")).isEqualTo(1999L);
        assertThat(reply.text("currency")).isEqualTo("usd");
        assertThat(reply.at("available")).isEqualTo(40L);
    }

    @Test
    void a_product_as_listed_with_its_own_sku_can_be_sent_back() {
        var reply = http.send(put("MUG-1", "{\"sku\": \"MUG-1\", \"name\": \"Blue mug, glazed\", \"unitAmount\": 2199,"
                + " \"currency\": \"usd\", \"available\": 38}").bearerAuth(TOKEN));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        verify(catalogue).save(new Product(Sku.of("MUG-1"), "Blue mug, glazed", Money.of(2199, "USD"), 38));
        assertThat(reply.text("sku")).isEqualTo("MUG-1");
    }

    @Test
    void a_sku_in_the_body_other_than_the_paths_is_refused_naming_sku() {
        var reply = http.send(put("MUG-1", "{\"sku\": \"HAT-2\", \"name\": \"Mug\", \"unitAmount\": 1999,"
                + " \"currency\": \"usd\", \"available\": 5}").bearerAuth(TOKEN));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.text("error.field")).isEqualTo("sku");
        assertThat(reply.text("error.message")).contains("\"MUG-1\"").contains("/api/admin/products/");
        verify(catalogue, never()).save(any());
    }

    @Test
    void the_scheme_name_is_case_insensitive_and_zero_stock_is_a_product_sold_out() {
        var reply = http.send(put("HAT-2", "{\"name\": \"Hat\", \"unitAmount\": 500, \"currency\": \"JPY\", \"available\": 0}")
                .header("Authorization", "bearer " + TOKEN));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        verify(catalogue).save(new Product(Sku.of("HAT-2"), "Hat", Money.of(500, "JPY"), 0));
        assertThat(reply.at("available")).isEqualTo(0L);
        assertThat(reply.text("currency")).isEqualTo("jpy");
    }

    @Test
    void negative_stock_is_refused_naming_available() {
        var reply = http.send(put("MUG-1", "{\"name\": \"Mug\", \"unitAmount\": 1999, \"currency\": \"usd\", \"available\": -1}")
                .bearerAuth(TOKEN));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("error.field")).isEqualTo("available");
        assertThat(reply.text("error.message")).contains("negative");
        verify(catalogue, never()).save(any());
    }

    @Test
    void a_zero_price_is_refused_naming_unit_amount() {
        var reply = http.send(put("MUG-1", "{\"name\": \"Mug\", \"unitAmount\": 0, \"currency\": \"usd\", \"available\": 5}")
                .bearerAuth(TOKEN));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("error.field")).isEqualTo("unitAmount");
        assertThat(reply.text("error.message")).contains("between 1 and");
        verify(catalogue, never()).save(any());
    }

    private static void assertUnauthorized(Http.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.header("Content-Type")).startsWith(MediaType.APPLICATION_JSON);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(reply.text("error.type")).isEqualTo("authentication_error");
        assertThat(reply.text("error.field")).isEqualTo("Authorization");
        assertThat(reply.text("error.message")).contains("Authorization: Bearer");
        assertThat(reply.text("error.requestId")).isEqualTo(reply.header("X-Request-Id")).isNotBlank();
        assertThat(reply.body()).doesNotContain(TOKEN);
    }

    private static MutableHttpRequest<String> put(String sku, String body) {
        return HttpRequest.PUT("/api/admin/products/" + sku, body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
