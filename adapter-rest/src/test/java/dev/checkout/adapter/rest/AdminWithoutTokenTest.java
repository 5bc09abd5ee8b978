package dev.checkout.adapter.rest;

import dev.checkout.application.purchase.PurchaseUseCase;
import dev.checkout.application.query.ManageCatalogue;
import dev.checkout.application.query.ShopQueries;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** With no admin token configured, no bearer value opens the admin API, not even an empty one. */
@MicronautTest
@Property(name = "checkout.admin-token", value = "")
class AdminWithoutTokenTest {
    @Inject ManageCatalogue catalogue;
    @Inject @Client("/") HttpClient client;
    @Inject JsonMapper json;

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

    @ParameterizedTest(name = "Authorization: \"{0}\"")
    @ValueSource(strings = {"Bearer ", "Bearer test-admin-token-7d3f9a2c41", "Bearer null"})
    void every_request_is_refused(String authorization) {
        var reply = new Http(client, json).send(HttpRequest.PUT("/api/admin/products/MUG-1",
                        "{\"name\": \"Mug\", \"unitAmount\": 1999, \"currency\": \"usd\", \"available\": 5}")
                .contentType(MediaType.APPLICATION_JSON_TYPE).header("Authorization", authorization));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.text("error.type")).isEqualTo("authentication_error");
        verify(catalogue, never()).save(any());
    }
}
