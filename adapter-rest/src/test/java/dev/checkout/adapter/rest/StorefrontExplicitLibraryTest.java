package dev.checkout.adapter.rest;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** A library URL that is set ({@code STRIPE_JS_URL}) wins over the one the API base would give. */
@MicronautTest
@Property(name = "stripe.api-base", value = "http://127.0.0.1:40123")
@Property(name = "stripe.js-url", value = "http://127.0.0.1:40999/v3/")
class StorefrontExplicitLibraryTest {
    @Inject @Client("/") HttpClient client;
    @Inject JsonMapper json;

    @Test
    void the_set_library_is_served_and_allowed() {
        StorefrontLibraryTest.assertServed(new Http(client, json), "http://127.0.0.1:40999/v3/", "http://127.0.0.1:40999");
    }
}
