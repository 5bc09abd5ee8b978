package dev.checkout.sandbox.sdk;

import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Token;
import com.stripe.param.TokenCreateParams;
import dev.checkout.sandbox.TestSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** POST /v1/tokens and GET /v1/tokens/{id} through stripe-java (spec 3). */
class TokenTest {
    private final TestSandbox t = TestSandbox.shared();

    @Test
    void a_card_token_shows_what_stripe_shows_and_nothing_of_the_number() throws Exception {
        Token token = t.publishable.v1().tokens().create(TokenCreateParams.builder().setCard(
                TokenCreateParams.Card.builder().setNumber("4242 4242 4242 4242").setExpMonth("7").setExpYear("49")
                        .setCvc("314").setName("Ada Lovelace").setAddressZip("94110").build()).build());

        assertThat(token.getId()).startsWith("tok_");
        assertThat(token.getObject()).isEqualTo("token");
        assertThat(token.getType()).isEqualTo("card");
        assertThat(token.getUsed()).isFalse();
        assertThat(token.getLivemode()).isFalse();
        assertThat(token.getClientIp()).isEqualTo("127.0.0.1");
        assertThat(token.getCreated()).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
        var card = token.getCard();
        assertThat(card.getId()).startsWith("card_");
        assertThat(card.getBrand()).isEqualTo("Visa");
        assertThat(card.getFunding()).isEqualTo("credit");
        assertThat(card.getLast4()).isEqualTo("4242");
        assertThat(card.getExpMonth()).isEqualTo(7L);
        assertThat(card.getExpYear()).isEqualTo(2049L);
        assertThat(card.getCountry()).isEqualTo("US");
        assertThat(card.getName()).isEqualTo("Ada Lovelace");
        assertThat(card.getCvcCheck()).isEqualTo("unchecked");
        assertThat(card.getAddressZipCheck()).isEqualTo("unchecked");
        assertThat(card.getAddressLine1Check()).isNull();
        assertThat(card.getFingerprint()).hasSize(16).doesNotContain("4242");
        assertThat(token.getRawJsonObject().toString()).doesNotContain("4242424242424242");
        assertThat(token.getRawJsonObject().getAsJsonObject("card").keySet()).doesNotContain("number", "cvc");
    }

    @Test
    void the_same_card_gets_the_same_fingerprint_and_another_card_another() throws Exception {
        String a = t.token("5555555555554444").getCard().getFingerprint();
        String b = t.token("5555555555554444").getCard().getFingerprint();
        String c = t.token("4242424242424242").getCard().getFingerprint();

        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void a_token_can_be_retrieved_with_the_secret_key_and_shows_used_once_charged() throws Exception {
        Token token = t.token("4242424242424242");
        assertThat(t.secret.v1().tokens().retrieve(token.getId()).getUsed()).isFalse();

        t.charge(token.getId(), 1000);

        Token again = t.secret.v1().tokens().retrieve(token.getId());
        assertThat(again.getUsed()).isTrue();
        assertThat(again.getCard().getId()).isEqualTo(token.getCard().getId());
    }

    @Test
    void a_token_is_single_use() throws Exception {
        Token token = t.token("4242424242424242");
        t.charge(token.getId(), 1000);

        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> t.charge(token.getId(), 1000));

        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getCode()).isEqualTo("token_already_used");
        assertThat(e.getParam()).isEqualTo("source");
        assertThat(e.getStripeError().getMessage())
                .isEqualTo("You cannot use a Stripe token more than once: " + token.getId() + ".");
    }

    @Test
    void a_declined_charge_uses_up_the_token_too() throws Exception {
        Token token = t.token("4000000000000002");
        catchThrowableOfType(CardException.class, () -> t.charge(token.getId(), 1000));

        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> t.charge(token.getId(), 1000));

        assertThat(e.getCode()).isEqualTo("token_already_used");
    }

    @Test
    void an_unknown_token_is_resource_missing() {
        InvalidRequestException get = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().tokens().retrieve("tok_doesnotexist"));
        assertThat(get.getStatusCode()).isEqualTo(404);
        assertThat(get.getCode()).isEqualTo("resource_missing");
        assertThat(get.getStripeError().getMessage()).isEqualTo("No such token: 'tok_doesnotexist'");

        InvalidRequestException charge = catchThrowableOfType(InvalidRequestException.class,
                () -> t.charge("tok_doesnotexist", 1000));
        assertThat(charge.getStatusCode()).isEqualTo(400);
        assertThat(charge.getCode()).isEqualTo("resource_missing");
        assertThat(charge.getParam()).isEqualTo("source");
    }

    @Test
    void the_publishable_key_may_create_tokens_but_not_read_them() throws Exception {
        Token token = t.token("4242424242424242");

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> t.publishable.v1().tokens().retrieve(token.getId()));

        assertThat(e.getStatusCode()).isEqualTo(401);
        assertThat(e.getCode()).isEqualTo("secret_key_required");
    }

    @Test
    void the_secret_key_may_tokenize_test_cards_in_test_mode() throws Exception {
        Token token = t.secret.v1().tokens().create(TokenCreateParams.builder().setCard(TokenCreateParams.Card
                .builder().setNumber("4242424242424242").setExpMonth("12").setExpYear(TestSandbox.EXP_YEAR).build())
                .build());

        assertThat(token.getCard().getCvcCheck()).isNull();
        assertThat(t.charge(token.getId(), 1000).getStatus()).isEqualTo("succeeded");
    }

    @ParameterizedTest(name = "{0} {1}/{2} cvc {3} -> {4} on {5}")
    @CsvSource(nullValues = "-", value = {
            "4242424242424241, 12, 2049, 123, incorrect_number, number",
            "4000000000000003, 12, 2049, 123, incorrect_number, number",
            "4242-4242-4242-424x, 12, 2049, 123, invalid_number, number",
            "42424242, 12, 2049, 123, invalid_number, number",
            "37828224631000, 12, 2049, 1234, invalid_number, number",
            "42424242424242424242, 12, 2049, 123, invalid_number, number",
            "-, 12, 2049, 123, invalid_number, number",
            "4242424242424242, 13, 2049, 123, invalid_expiry_month, exp_month",
            "4242424242424242, 0, 2049, 123, invalid_expiry_month, exp_month",
            "4242424242424242, ab, 2049, 123, invalid_expiry_month, exp_month",
            "4242424242424242, 12, 2001, 123, invalid_expiry_year, exp_year",
            "4242424242424242, 12, 20, 123, invalid_expiry_year, exp_year",
            "4242424242424242, 12, 2x49, 123, invalid_expiry_year, exp_year",
            "4242424242424242, 12, 2049, 12, invalid_cvc, cvc",
            "4242424242424242, 12, 2049, 1234, invalid_cvc, cvc",
            "4242424242424242, 12, 2049, 12a, invalid_cvc, cvc",
            "378282246310005, 12, 2049, 123, invalid_cvc, cvc",
    })
    void tokenization_rejects_bad_card_data_with_a_402_card_error(String number, String month, String year,
            String cvc, String code, String param) {
        CardException e = catchThrowableOfType(CardException.class, () -> t.token(number, month, year, cvc));

        assertThat(e.getStatusCode()).isEqualTo(402);
        assertThat(e.getCode()).isEqualTo(code);
        assertThat(e.getParam()).isEqualTo(param);
        assertThat(e.getStripeError().getType()).isEqualTo("card_error");
        assertThat(e.getStripeError().getDocUrl()).isEqualTo("https://stripe.com/docs/error-codes/"
                + code.replace('_', '-'));
    }

    @Test
    void an_expiry_earlier_this_year_is_an_invalid_month_and_this_month_is_fine() throws Exception {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        assertThat(t.token("4242424242424242", String.valueOf(now.getMonthValue()), String.valueOf(now.getYear()),
                "123").getCard().getExpYear()).isEqualTo((long) now.getYear());
        if (now.getMonthValue() > 1) {
            CardException e = catchThrowableOfType(CardException.class, () -> t.token("4242424242424242",
                    String.valueOf(now.getMonthValue() - 1), String.valueOf(Year.now(ZoneOffset.UTC).getValue()),
                    "123"));
            assertThat(e.getCode()).isEqualTo("invalid_expiry_month");
            assertThat(e.getParam()).isEqualTo("exp_month");
        }
    }

    @Test
    void an_amex_takes_a_four_digit_cvc_and_no_cvc_at_all_is_fine() throws Exception {
        assertThat(t.token("378282246310005", "12", TestSandbox.EXP_YEAR, "1234").getCard().getBrand())
                .isEqualTo("American Express");
        assertThat(t.token("4242424242424242", "12", TestSandbox.EXP_YEAR, null).getCard().getCvcCheck()).isNull();
    }

    @Test
    void a_token_is_invisible_to_another_account() throws Exception {
        try (var other = dev.checkout.sandbox.Sandbox.start(java.util.Map.of("sandbox.keys",
                "pk_test_alpha:sk_test_alpha,pk_test_beta:sk_test_beta"))) {
            TestSandbox o = new TestSandbox(other);
            Token alphaToken = o.token("4242424242424242");
            var beta = o.client("sk_test_beta");

            InvalidRequestException get = catchThrowableOfType(InvalidRequestException.class,
                    () -> beta.v1().tokens().retrieve(alphaToken.getId()));
            InvalidRequestException charge = catchThrowableOfType(InvalidRequestException.class,
                    () -> beta.v1().charges().create(com.stripe.param.ChargeCreateParams.builder().setAmount(1000L)
                            .setCurrency("usd").setSource(alphaToken.getId()).build()));

            assertThat(get.getCode()).isEqualTo("resource_missing");
            assertThat(charge.getCode()).isEqualTo("resource_missing");
            assertThat(o.charge(alphaToken.getId(), 1000).getStatus()).isEqualTo("succeeded");
        }
    }
}
