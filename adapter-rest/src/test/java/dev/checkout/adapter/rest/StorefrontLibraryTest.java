package dev.checkout.adapter.rest;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which payment library the storefront loads when {@code stripe.js-url} is not set: the one that belongs to
 * {@code stripe.api-base}, so a sandbox on another port serves the card element too
 * ({@link StorefrontExplicitLibraryTest}: a set one wins).
 */
@MicronautTest
@Property(name = "stripe.api-base", value = "http://127.0.0.1:40123")
class StorefrontLibraryTest {
    @Inject @Client("/") HttpClient client;
    @Inject JsonMapper json;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "http://127.0.0.1:12111, http://127.0.0.1:12111/v3/",
            "http://127.0.0.1:40123/, http://127.0.0.1:40123/v3/",
            "http://localhost:9999, http://localhost:9999/v3/",
            "https://sandbox.example.test, https://sandbox.example.test/v3/",
            "https://api.stripe.com, https://js.stripe.com/v3/",
            "https://API.STRIPE.COM/, https://js.stripe.com/v3/"})
    void without_a_library_url_the_api_base_decides(String apiBase, String library) {
        assertThat(StorefrontController.libraryFor(apiBase)).isEqualTo(library);
    }

    @Test
    void a_sandbox_on_another_port_serves_the_card_element_and_the_page_allows_that_origin() {
        assertServed(new Http(client, json), "http://127.0.0.1:40123/v3/", "http://127.0.0.1:40123");
    }

    static void assertServed(Http http, String library, String origin) {
        assertThat(http.send(HttpRequest.GET("/api/config")).text("stripeJsUrl")).isEqualTo(library);
        assertThat(http.send(HttpRequest.GET("/")).header("Content-Security-Policy"))
                .contains("script-src 'self' " + origin + ";", "frame-src " + origin + ";", "connect-src 'self' " + origin + ";");
    }
}
