package dev.checkout.sandbox.sdk;

import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import dev.checkout.sandbox.TestSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The 3-D Secure test cards (PaymentIntents spec 4.1) through stripe-java, and the sandbox's challenge page
 * (spec 5.4) driven over HTTP as a browser would: {@code requires_action} with the {@code next_action} Stripe sends,
 * then "Complete" or "Fail".
 */
class ThreeDSecureTest {
    private final TestSandbox t = TestSandbox.shared();

    private PaymentIntent create(String number, PaymentIntentCreateParams.Builder extra) throws Exception {
        String tok = t.token(number).getId();
        PaymentIntentCreateParams.Builder b = extra == null ? PaymentIntentTest.withToken(tok, 2000)
                : extra.putExtraParam("payment_method_data", Map.of("type", "card", "card", Map.of("token", tok)));
        return t.secret.v1().paymentIntents().create(b.build());
    }

    private static PaymentIntentCreateParams.Builder base() {
        return PaymentIntentCreateParams.builder().setAmount(2000L).setCurrency("usd").setConfirm(true)
                .addAllowedPaymentMethodType(PaymentIntentCreateParams.AllowedPaymentMethodType.CARD)
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.AUTOMATIC);
    }

    /** What the challenge page answers to a press of one of its buttons. */
    private HttpResponse<String> press(String pageUrl, String result) {
        URI u = URI.create(pageUrl);
        return t.raw("POST", u.getRawPath(), "result=" + result);
    }

    private static String challengeUrl(PaymentIntent pi) {
        assertThat(pi.getNextAction().getType()).isEqualTo("use_stripe_sdk");
        Map<String, Object> sdk = pi.getNextAction().getUseStripeSdk();
        assertThat(sdk).containsEntry("type", "three_d_secure_redirect");
        String url = (String) sdk.get("stripe_js");
        assertThat(url).endsWith("/" + sdk.get("source"));
        assertThat((String) sdk.get("source")).startsWith("src_");
        return url;
    }

    @ParameterizedTest(name = "{0} asks for 3-D Secure")
    @CsvSource({"4000002760003184", "4000002500003155", "4000000000003220", "4000003800000446",
            "4000008260003178", "4000008400001629"})
    void cards_that_require_authentication_wait_in_requires_action(String number) throws Exception {
        PaymentIntent pi = create(number, null);
        assertThat(pi.getStatus()).isEqualTo("requires_action");
        assertThat(pi.getLatestCharge()).isNull();
        assertThat(pi.getAmountReceived()).isZero();
        String url = challengeUrl(pi);
        assertThat(url).startsWith(t.sandbox.baseUrl() + "/3ds/challenge/" + pi.getId() + "/");

        HttpResponse<String> page = t.raw("GET", URI.create(url).getRawPath(), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("Complete authentication").contains("Fail authentication")
                .contains("$20.00").contains(number.substring(12));
    }

    @Test
    void completing_the_challenge_pays_and_the_charge_shows_three_d_secure() throws Exception {
        PaymentIntent pi = create("4000002760003184", null);
        HttpResponse<String> done = press(challengeUrl(pi), "complete");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("data-outcome=\"complete\"");

        PaymentIntent paid = t.secret.v1().paymentIntents().retrieve(pi.getId());
        assertThat(paid.getStatus()).isEqualTo("succeeded");
        assertThat(paid.getNextAction()).isNull();
        Charge charge = t.secret.v1().charges().retrieve(paid.getLatestCharge());
        var secure = charge.getPaymentMethodDetails().getCard().getThreeDSecure();
        assertThat(secure.getResult()).isEqualTo("authenticated");
        assertThat(secure.getAuthenticationFlow()).isEqualTo("challenge");
        assertThat(secure.getVersion()).isEqualTo("2.2.0");

        // the attempt is over: the page is gone and a second press changes nothing
        assertThat(press(challengeUrl(pi), "complete").statusCode()).isEqualTo(404);
        assertThat(t.secret.v1().paymentIntents().retrieve(pi.getId()).getLatestCharge())
                .isEqualTo(paid.getLatestCharge());
    }

    @Test
    void failing_the_challenge_returns_to_requires_payment_method_without_a_charge() throws Exception {
        PaymentIntent pi = create("4000000000003220", null);
        assertThat(press(challengeUrl(pi), "fail").body()).contains("data-outcome=\"fail\"");

        PaymentIntent failed = t.secret.v1().paymentIntents().retrieve(pi.getId());
        assertThat(failed.getStatus()).isEqualTo("requires_payment_method");
        assertThat(failed.getPaymentMethod()).isNull();
        assertThat(failed.getLatestCharge()).isNull();
        assertThat(failed.getLastPaymentError().getCode()).isEqualTo("payment_intent_authentication_failure");
        assertThat(failed.getLastPaymentError().getType()).isEqualTo("invalid_request_error");
    }

    @ParameterizedTest(name = "{0} authenticates, then declines {1}")
    @CsvSource({"4000008260003178, insufficient_funds", "4000008400001629, generic_decline"})
    void some_cards_decline_after_authentication(String number, String declineCode) throws Exception {
        PaymentIntent pi = create(number, null);
        press(challengeUrl(pi), "complete");
        PaymentIntent after = t.secret.v1().paymentIntents().retrieve(pi.getId());
        assertThat(after.getStatus()).isEqualTo("requires_payment_method");
        assertThat(after.getLastPaymentError().getDeclineCode()).isEqualTo(declineCode);
        assertThat(t.secret.v1().charges().retrieve(after.getLatestCharge()).getStatus()).isEqualTo("failed");
    }

    @Test
    void manual_confirmation_waits_in_requires_confirmation_after_the_challenge() throws Exception {
        PaymentIntent pi = create("4000002760003184", base()
                .setConfirmationMethod(PaymentIntentCreateParams.ConfirmationMethod.MANUAL));
        assertThat(pi.getStatus()).isEqualTo("requires_action");
        press(challengeUrl(pi), "complete");
        PaymentIntent authenticated = t.secret.v1().paymentIntents().retrieve(pi.getId());
        assertThat(authenticated.getStatus()).isEqualTo("requires_confirmation");
        assertThat(authenticated.getLatestCharge()).isNull();

        PaymentIntent paid = t.secret.v1().paymentIntents().confirm(pi.getId());
        assertThat(paid.getStatus()).isEqualTo("succeeded");
        assertThat(t.secret.v1().charges().retrieve(paid.getLatestCharge()).getPaymentMethodDetails().getCard()
                .getThreeDSecure().getResult()).isEqualTo("authenticated");
    }

    @Test
    void a_server_confirm_with_a_return_url_gets_redirect_to_url_and_the_page_redirects_back() throws Exception {
        PaymentIntent pi = create("4000002760003184", base().setReturnUrl("https://shop.example/3ds?order=7"));
        assertThat(pi.getNextAction().getType()).isEqualTo("redirect_to_url");
        assertThat(pi.getNextAction().getRedirectToUrl().getReturnUrl()).isEqualTo("https://shop.example/3ds?order=7");
        HttpResponse<String> back = press(pi.getNextAction().getRedirectToUrl().getUrl(), "complete");
        assertThat(back.statusCode()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location")).contains("https://shop.example/3ds?order=7&payment_intent="
                + pi.getId() + "&payment_intent_client_secret=" + pi.getClientSecret() + "&redirect_status=succeeded");
    }

    @Test
    void off_session_cannot_authenticate_and_declines_with_authentication_required() throws Exception {
        CardException e = catchThrowableOfType(CardException.class,
                () -> create("4000002760003184", base().setOffSession(true)));
        assertThat(e.getCode()).isEqualTo("card_declined");
        assertThat(e.getDeclineCode()).isEqualTo("authentication_required");
        assertThat(e.getStripeError().getPaymentIntent().getStatus()).isEqualTo("requires_payment_method");

        PaymentIntent setUp = create("4000003800000446", base().setOffSession(true));
        assertThat(setUp.getStatus()).isEqualTo("succeeded");
    }

    @Test
    void optional_cards_ask_only_when_requested() throws Exception {
        assertThat(create("4000000000003055", null).getStatus()).isEqualTo("succeeded");
        PaymentIntentCreateParams.PaymentMethodOptions any = PaymentIntentCreateParams.PaymentMethodOptions.builder()
                .setCard(PaymentIntentCreateParams.PaymentMethodOptions.Card.builder().setRequestThreeDSecure(
                        PaymentIntentCreateParams.PaymentMethodOptions.Card.RequestThreeDSecure.ANY).build()).build();
        assertThat(create("4000000000003055", base().setPaymentMethodOptions(any)).getStatus())
                .isEqualTo("requires_action");
        // 4242 supports 3DS but is not enrolled: never asked
        assertThat(create("4242424242424242", base().setPaymentMethodOptions(any)).getStatus())
                .isEqualTo("succeeded");
        assertThat(create("4000000000003097", null).getStatus()).isEqualTo("succeeded");
        CardException e = catchThrowableOfType(CardException.class,
                () -> create("4000000000003097", base().setPaymentMethodOptions(any)));
        assertThat(e.getCode()).isEqualTo("processing_error");
    }

    @Test
    void a_failed_lookup_declines_without_a_challenge_and_unsupported_cards_just_pay() throws Exception {
        CardException e = catchThrowableOfType(CardException.class, () -> create("4000008400001280", null));
        assertThat(e.getCode()).isEqualTo("processing_error");
        PaymentIntent amex = t.secret.v1().paymentIntents().create(base().setPaymentMethod(
                "pm_card_amex_threeDSecureNotSupported").build());
        assertThat(amex.getStatus()).isEqualTo("succeeded");
    }

    @Test
    void error_on_requires_action_fails_instead_of_waiting() throws Exception {
        CardException e = catchThrowableOfType(CardException.class, () -> t.secret.v1().paymentIntents().create(
                base().setPaymentMethod("pm_card_authenticationRequired").setErrorOnRequiresAction(true).build()));
        assertThat(e.getDeclineCode()).isEqualTo("authentication_required");
    }

    @Test
    void a_new_confirmation_replaces_the_pending_challenge() throws Exception {
        PaymentIntent pi = t.secret.v1().paymentIntents().create(base()
                .setPaymentMethod("pm_card_threeDSecure2Required").build());
        String first = challengeUrl(pi);
        PaymentIntent paid = t.secret.v1().paymentIntents().confirm(pi.getId(), PaymentIntentConfirmParams.builder()
                .setPaymentMethod("pm_card_visa").build());
        assertThat(paid.getStatus()).isEqualTo("succeeded");
        assertThat(press(first, "complete").statusCode()).isEqualTo(404);

        InvalidRequestException bad = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().paymentIntents().create(base().setPaymentMethod("pm_card_visa")
                        .setReturnUrl("not a url").build()));
        assertThat(bad.getStripeError().getParam()).isEqualTo("return_url");
    }

    @Test
    void the_challenge_page_rejects_strangers() {
        assertThat(t.raw("GET", "/3ds/challenge/pi_nope/src_nope", null).statusCode()).isEqualTo(404);
        assertThat(t.raw("GET", "/3ds/challenge/", null).statusCode()).isEqualTo(404);
    }
}
