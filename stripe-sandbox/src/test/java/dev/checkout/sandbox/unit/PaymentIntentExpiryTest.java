package dev.checkout.sandbox.unit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.checkout.sandbox.MutableClock;
import dev.checkout.sandbox.api.ApiRequest;
import dev.checkout.sandbox.api.Answer;
import dev.checkout.sandbox.api.Handled;
import dev.checkout.sandbox.api.SandboxApi;
import dev.checkout.sandbox.api.SandboxSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PaymentIntents spec 2.17 with a test clock: an intent left in {@code requires_capture} for 7 days is canceled
 * and its authorization released; before that it can still be captured. Runs the request pipeline without HTTP.
 */
class PaymentIntentExpiryTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final SandboxApi api = new SandboxApi(SandboxSettings.defaults(), clock);

    @AfterEach
    void close() {
        api.close();
    }

    private JsonObject call(String method, String path, String body) {
        Map<String, String> headers = Map.of("Authorization", "Bearer sk_test_sandbox", "Host", "127.0.0.1:1");
        int q = path.indexOf('?');
        Handled h = api.handle(new ApiRequest(method, q < 0 ? path : path.substring(0, q),
                q < 0 ? null : path.substring(q + 1), headers::get,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), "127.0.0.1"));
        Answer a = ((Handled.Now) h).answer();
        return JsonParser.parseString(new String(a.body(), 0, a.length(), StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private String held() {
        JsonObject pi = call("POST", "/v1/payment_intents", "amount=2000&currency=usd&confirm=true"
                + "&payment_method=pm_card_visa&payment_method_types[]=card&capture_method=manual");
        assertThat(pi.get("status").getAsString()).isEqualTo("requires_capture");
        return pi.get("id").getAsString();
    }

    @Test
    void an_uncaptured_intent_is_canceled_after_seven_days_and_its_authorization_released() {
        String id = held();
        clock.advance(Duration.ofDays(7).plusSeconds(1));

        JsonObject pi = call("GET", "/v1/payment_intents/" + id, null);
        assertThat(pi.get("status").getAsString()).isEqualTo("canceled");
        assertThat(pi.get("cancellation_reason").getAsString()).isEqualTo("automatic");
        assertThat(pi.get("amount_capturable").getAsLong()).isZero();
        JsonObject charge = call("GET", "/v1/charges/" + pi.get("latest_charge").getAsString()
                + "?expand[]=refunds", null);
        assertThat(charge.get("refunded").getAsBoolean()).isTrue();
        assertThat(charge.getAsJsonObject("refunds").getAsJsonArray("data").get(0).getAsJsonObject()
                .get("reason").getAsString()).isEqualTo("expired_uncaptured_charge");

        JsonObject capture = call("POST", "/v1/payment_intents/" + id + "/capture", "");
        assertThat(capture.getAsJsonObject("error").get("code").getAsString())
                .isEqualTo("payment_intent_unexpected_state");
        JsonObject events = call("GET", "/v1/events?type=payment_intent.canceled", null);
        JsonObject event = events.getAsJsonArray("data").get(0).getAsJsonObject();
        assertThat(event.getAsJsonObject("data").getAsJsonObject("object").get("id").getAsString()).isEqualTo(id);
        assertThat(event.getAsJsonObject("request").get("id").isJsonNull()).isTrue();
    }

    @Test
    void within_seven_days_it_still_captures() {
        String id = held();
        clock.advance(Duration.ofDays(7).minusSeconds(5));
        JsonObject pi = call("POST", "/v1/payment_intents/" + id + "/capture", "");
        assertThat(pi.get("status").getAsString()).isEqualTo("succeeded");
        assertThat(pi.get("amount_received").getAsLong()).isEqualTo(2000);
    }
}
