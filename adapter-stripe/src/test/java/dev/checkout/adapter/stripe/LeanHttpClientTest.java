package dev.checkout.adapter.stripe;

import com.stripe.net.ApiMode;
import com.stripe.net.ApiResource;
import com.stripe.net.HttpURLConnectionClient;
import com.stripe.net.RequestOptions;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The lean client sends what stripe-java's own client sends and reads the answer the same way. */
class LeanHttpClientTest {

    @Test
    void sends_the_same_request_and_reads_the_same_response_as_stripe_javas_own_client() throws Exception {
        try (var stripe = new ScriptedStripe()) {
            String body = "{\"id\":\"ch_1\",\"object\":\"charge\",\"amount\":1250}";
            stripe.then(ScriptedStripe.Reply.of(200, body), ScriptedStripe.Reply.of(200, body));
            StripeRequest request = chargeRequest(stripe.baseUrl());

            StripeResponse theirs = new HttpURLConnectionClient().request(request);
            StripeResponse ours = new LeanHttpClient().request(request);

            var sentByThem = stripe.received().get(0);
            var sentByUs = stripe.received().get(1);
            assertThat(sentByUs.method()).isEqualTo(sentByThem.method()).isEqualTo("POST");
            assertThat(sentByUs.path()).isEqualTo(sentByThem.path());
            assertThat(sentByUs.body()).isEqualTo(sentByThem.body()).contains("amount=1250");
            assertThat(comparable(sentByUs.headers())).isEqualTo(comparable(sentByThem.headers()));
            assertThat(sentByUs.header("X-Stripe-Client-User-Agent")).contains("\"bindings.version\"");
            assertThat(sentByUs.header("Idempotency-Key")).isEqualTo("order-42");

            assertThat(ours.code()).isEqualTo(theirs.code()).isEqualTo(200);
            assertThat(ours.body()).isEqualTo(theirs.body()).isEqualTo(body);
            // The JDK's connection also lists the status line, under a null name; nothing in stripe-java reads it.
            var theirNames = new java.util.HashSet<>(theirs.headers().map().keySet());
            theirNames.remove(null);
            assertThat(ours.headers().map().keySet()).isEqualTo(theirNames);
        }
    }

    @Test
    void an_error_status_hands_over_the_error_body() throws Exception {
        try (var stripe = new ScriptedStripe()) {
            stripe.then(ScriptedStripe.Reply.error(402, "card_error", "card_declined", "Your card was declined."));

            StripeResponse response = new LeanHttpClient().request(chargeRequest(stripe.baseUrl()));

            assertThat(response.code()).isEqualTo(402);
            assertThat(response.body()).contains("\"code\":\"card_declined\"");
        }
    }

    private static StripeRequest chargeRequest(String base) throws Exception {
        RequestOptions options = RequestOptions.builder().setApiKey("sk_test_lean").setIdempotencyKey("order-42")
                .setConnectTimeout(2_000).setReadTimeout(2_000).build();
        return StripeRequest.create(ApiResource.RequestMethod.POST, base + "/v1/charges",
                Map.of("amount", 1250, "currency", "usd", "source", "tok_visa"), options, ApiMode.V1);
    }

    /**
     * Header names are case-insensitive. The JDK's connection adds an {@code Accept} of its own ("text/html, image/gif,
     * ...") and {@code Connection: keep-alive}, which HTTP/1.1 implies; the lean client sends neither.
     */
    private static Map<String, java.util.List<String>> comparable(Map<String, java.util.List<String>> headers) {
        var sorted = new TreeMap<String, java.util.List<String>>(String.CASE_INSENSITIVE_ORDER);
        sorted.putAll(headers);
        sorted.remove("Accept");
        sorted.remove("Connection");
        return sorted;
    }
}
