package dev.checkout.sandbox.sdk;

import com.stripe.exception.InvalidRequestException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentMethodCreateParams;
import dev.checkout.sandbox.TestSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** PaymentMethods through stripe-java (PaymentIntents spec 3): from a token, retrieve, pre-made ids, single use. */
class PaymentMethodTest {
    private final TestSandbox t = TestSandbox.shared();

    private PaymentMethod fromToken(String tok) throws Exception {
        return t.publishable.v1().paymentMethods().create(PaymentMethodCreateParams.builder()
                .setType(PaymentMethodCreateParams.Type.CARD)
                .setCard(PaymentMethodCreateParams.Token.builder().setToken(tok).build())
                .setBillingDetails(PaymentMethodCreateParams.BillingDetails.builder().setName("Ada Buyer")
                        .setAddress(PaymentMethodCreateParams.BillingDetails.Address.builder().setPostalCode("94110")
                                .build()).build())
                .build());
    }

    @Test
    void a_token_becomes_a_card_payment_method_and_is_used_up() throws Exception {
        String tok = t.token("4242424242424242").getId();
        PaymentMethod pm = fromToken(tok);

        assertThat(pm.getId()).startsWith("pm_");
        assertThat(pm.getObject()).isEqualTo("payment_method");
        assertThat(pm.getType()).isEqualTo("card");
        assertThat(pm.getCard().getBrand()).isEqualTo("visa");
        assertThat(pm.getCard().getDisplayBrand()).isEqualTo("visa");
        assertThat(pm.getCard().getLast4()).isEqualTo("4242");
        assertThat(pm.getCard().getExpYear()).isEqualTo(Long.parseLong(TestSandbox.EXP_YEAR));
        assertThat(pm.getCard().getChecks().getCvcCheck()).isEqualTo("unchecked");
        assertThat(pm.getCard().getThreeDSecureUsage().getSupported()).isTrue();
        assertThat(pm.getCard().getNetworks().getAvailable()).containsExactly("visa");
        assertThat(pm.getBillingDetails().getName()).isEqualTo("Ada Buyer");
        assertThat(pm.getBillingDetails().getAddress().getPostalCode()).isEqualTo("94110");
        assertThat(pm.getCustomer()).isNull();
        assertThat(t.secret.v1().tokens().retrieve(tok).getUsed()).isTrue();

        PaymentMethod again = t.secret.v1().paymentMethods().retrieve(pm.getId());
        assertThat(again.getRawJsonObject()).isEqualTo(pm.getRawJsonObject());

        InvalidRequestException reused = catchThrowableOfType(InvalidRequestException.class, () -> fromToken(tok));
        assertThat(reused.getCode()).isEqualTo("token_already_used");
        assertThat(reused.getStripeError().getParam()).isEqualTo("card[token]");
    }

    @Test
    void an_unattached_payment_method_serves_one_intent_only() throws Exception {
        PaymentMethod pm = fromToken(t.token("4242424242424242").getId());
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder().setAmount(2000L).setCurrency("usd")
                .setConfirm(true).addPaymentMethodType("card").setPaymentMethod(pm.getId()).build();
        PaymentIntent first = t.secret.v1().paymentIntents().create(params);
        assertThat(first.getStatus()).isEqualTo("succeeded");
        assertThat(first.getPaymentMethod()).isEqualTo(pm.getId());

        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().paymentIntents().create(params));
        assertThat(e.getStripeError().getParam()).isEqualTo("payment_method");
        assertThat(e.getMessage()).contains("It may not be used again");
    }

    @ParameterizedTest(name = "{0} is a {1} card ending {2}")
    @CsvSource({"pm_card_visa, visa, 4242", "pm_card_mastercard, mastercard, 4444", "pm_card_amex, amex, 8431",
            "pm_card_chargeDeclined, visa, 0002", "pm_card_visa_chargeDeclinedInsufficientFunds, visa, 9995",
            "pm_card_authenticationRequired, visa, 3184", "pm_card_threeDSecure2Required, visa, 3220"})
    void premade_ids_mint_a_fresh_method_on_every_use(String alias, String brand, String last4) throws Exception {
        PaymentMethod a = t.secret.v1().paymentMethods().retrieve(alias);
        PaymentMethod b = t.secret.v1().paymentMethods().retrieve(alias);
        assertThat(a.getCard().getBrand()).isEqualTo(brand);
        assertThat(a.getCard().getLast4()).isEqualTo(last4);
        assertThat(a.getId()).startsWith("pm_").isNotEqualTo(alias).isNotEqualTo(b.getId());
        assertThat(a.getCard().getFingerprint()).isEqualTo(b.getCard().getFingerprint());
    }

    @Test
    void bad_requests_say_what_to_send() {
        HttpResponse<String> raw = t.post("/v1/payment_methods", "type=card&card[number]=4242424242424242");
        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(TestSandbox.error(raw).get("param").getAsString()).isEqualTo("card[number]");
        assertThat(TestSandbox.error(raw).get("message").getAsString()).contains("card[token]");

        HttpResponse<String> type = t.post("/v1/payment_methods", "type=sepa_debit");
        assertThat(TestSandbox.error(type).get("param").getAsString()).isEqualTo("type");
        HttpResponse<String> missing = t.post("/v1/payment_methods", "type=card");
        assertThat(TestSandbox.error(missing).get("param").getAsString()).isEqualTo("card[token]");
        HttpResponse<String> unknown = t.get("/v1/payment_methods/pm_nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(TestSandbox.error(unknown).get("message").getAsString())
                .isEqualTo("No such PaymentMethod: 'pm_nope'");
    }
}
