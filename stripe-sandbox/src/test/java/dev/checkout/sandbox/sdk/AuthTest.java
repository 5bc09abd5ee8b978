package dev.checkout.sandbox.sdk;

import com.stripe.exception.AuthenticationException;
import com.stripe.exception.PermissionException;
import dev.checkout.sandbox.TestSandbox;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** API keys (spec 1.4, 2.2): which key may do what, and the 401 messages. */
class AuthTest {
    private final TestSandbox t = TestSandbox.shared();

    @Test
    void an_unknown_key_is_refused_with_the_key_masked() {
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> t.client("sk_test_not_a_real_key_1234abcd").v1().charges().retrieve("ch_x"));

        assertThat(e.getStatusCode()).isEqualTo(401);
        assertThat(e.getStripeError().getMessage())
                .isEqualTo("Invalid API Key provided: sk_test_" + "*".repeat(19) + "abcd")
                .doesNotContain("not_a_real_key");
    }

    @Test
    void the_publishable_key_cannot_charge() {
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> t.client(t.sandbox.publishableKey()).v1().charges().create(
                        com.stripe.param.ChargeCreateParams.builder().setAmount(1000L).setCurrency("usd")
                                .setSource("tok_visa").build()));

        assertThat(e.getStatusCode()).isEqualTo(401);
        assertThat(e.getCode()).isEqualTo("secret_key_required");
        assertThat(e.getStripeError().getMessage()).startsWith("This API call cannot be made with a publishable API key.");
        assertThat(catchThrowable(() -> t.client(t.sandbox.publishableKey()).v1().refunds().retrieve("re_x")))
                .isInstanceOf(AuthenticationException.class).isNotInstanceOf(PermissionException.class);
    }

    @Test
    void no_key_at_all_gets_stripes_message() {
        HttpResponse<String> r = t.raw("GET", "/v1/charges", null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(TestSandbox.error(r).get("type").getAsString()).isEqualTo("invalid_request_error");
        assertThat(TestSandbox.error(r).get("message").getAsString()).startsWith("You did not provide an API key.");
    }

    @Test
    void basic_auth_with_the_key_as_user_works() {
        String basic = Base64.getEncoder().encodeToString((t.sandbox.secretKey() + ":").getBytes());

        HttpResponse<String> r = t.raw("GET", "/v1/charges?limit=1", null, "Authorization", "Basic " + basic);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestSandbox.json(r).get("object").getAsString()).isEqualTo("list");
    }

    @Test
    void the_publishable_key_may_travel_in_the_key_field_to_create_a_token() {
        String body = "key=" + t.sandbox.publishableKey() + "&card[number]=4242424242424242&card[exp_month]=12"
                + "&card[exp_year]=" + TestSandbox.EXP_YEAR + "&card[cvc]=123&payment_user_agent=stripe.js%2Fabc"
                + "&time_on_page=1234&guid=g&muid=m&sid=s&referrer=http%3A%2F%2Fshop&pasted_fields=number";

        HttpResponse<String> r = t.raw("POST", "/v1/tokens", body);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestSandbox.json(r).get("id").getAsString()).startsWith("tok_");
    }

    @Test
    void a_secret_key_in_the_key_field_is_refused() {
        HttpResponse<String> r = t.raw("POST", "/v1/charges", "key=" + t.sandbox.secretKey()
                + "&amount=1000&currency=usd&source=tok_visa");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).doesNotContain(t.sandbox.secretKey());
    }

    @Test
    void the_publishable_key_in_the_key_field_cannot_charge() {
        HttpResponse<String> r = t.raw("POST", "/v1/charges", "key=" + t.sandbox.publishableKey()
                + "&amount=1000&currency=usd&source=tok_visa");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(TestSandbox.error(r).get("code").getAsString()).isEqualTo("secret_key_required");
    }
}
