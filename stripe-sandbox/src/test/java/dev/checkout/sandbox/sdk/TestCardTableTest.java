package dev.checkout.sandbox.sdk;

import com.stripe.exception.CardException;
import com.stripe.model.Card;
import com.stripe.model.Charge;
import com.stripe.model.Token;
import dev.checkout.sandbox.TestSandbox;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every test card and pre-made token of spec 8, through stripe-java: tokenize, charge, check the exact outcome. */
class TestCardTableTest {
    private final TestSandbox t = TestSandbox.shared();

    @ParameterizedTest(name = "{0} is a {1} {3} card")
    @CsvSource({
            "4242424242424242, Visa, visa, credit",
            "4000056655665556, Visa, visa, debit",
            "5555555555554444, MasterCard, mastercard, credit",
            "2223003122003222, MasterCard, mastercard, credit",
            "5200828282828210, MasterCard, mastercard, debit",
            "5105105105105100, MasterCard, mastercard, prepaid",
            "378282246310005, American Express, amex, credit",
            "371449635398431, American Express, amex, credit",
            "6011111111111117, Discover, discover, credit",
            "6011000990139424, Discover, discover, credit",
            "6011981111111113, Discover, discover, debit",
            "3056930009020004, Diners Club, diners, credit",
            "36227206271667, Diners Club, diners, credit",
            "3566002020360505, JCB, jcb, credit",
            "6200000000000005, UnionPay, unionpay, credit",
            "6200000000000047, UnionPay, unionpay, debit",
            "6205500000000000004, UnionPay, unionpay, credit",
            // 3-D Secure optional: the Charges API never asks
            "4000000000003055, Visa, visa, credit",
            "4000000000003097, Visa, visa, credit",
    })
    void successful_cards_tokenize_and_charge_with_their_brand(String number, String brand, String code,
            String funding) throws Exception {
        Token token = t.token(number);
        assertThat(token.getCard().getBrand()).isEqualTo(brand);
        assertThat(token.getCard().getFunding()).isEqualTo(funding);
        assertThat(token.getCard().getLast4()).isEqualTo(number.substring(number.length() - 4));

        Charge charge = t.charge(token.getId(), 1500);

        assertThat(charge.getStatus()).isEqualTo("succeeded");
        assertThat(charge.getPaid()).isTrue();
        assertThat(charge.getCaptured()).isTrue();
        assertThat(charge.getOutcome().getType()).isEqualTo("authorized");
        assertThat(charge.getOutcome().getNetworkStatus()).isEqualTo("approved_by_network");
        assertThat(charge.getPaymentMethodDetails().getCard().getBrand()).isEqualTo(code);
        assertThat(charge.getPaymentMethodDetails().getCard().getFunding()).isEqualTo(funding);
        assertThat(charge.getPaymentMethodDetails().getCard().getChecks().getCvcCheck()).isEqualTo("pass");
        // the SDK picks the source's class from its "object": a card
        assertThat(charge.getSource()).isInstanceOf(Card.class);
        Card source = (Card) charge.getSource();
        assertThat(source.getId()).isEqualTo(token.getCard().getId()).isEqualTo(charge.getPaymentMethod());
        assertThat(source.getBrand()).isEqualTo(brand);
        assertThat(source.getFingerprint()).isEqualTo(token.getCard().getFingerprint());
    }

    @ParameterizedTest(name = "{0} declines with {1}/{2}")
    @CsvSource(nullValues = "-", value = {
            "4000000000000002, card_declined, generic_decline, -, issuer_declined, generic_decline",
            "4000000000009995, card_declined, insufficient_funds, -, issuer_declined, insufficient_funds",
            "4000000000009987, card_declined, lost_card, -, issuer_declined, lost_card",
            "4000000000009979, card_declined, stolen_card, -, issuer_declined, stolen_card",
            "4000000000000069, expired_card, -, exp_month, issuer_declined, expired_card",
            "4000000000000127, incorrect_cvc, -, cvc, issuer_declined, incorrect_cvc",
            "4000000000000119, processing_error, -, -, issuer_declined, processing_error",
            "4000000000006975, card_declined, card_velocity_exceeded, -, issuer_declined, card_velocity_exceeded",
            "4100000000000019, card_declined, fraudulent, -, blocked, highest_risk_level",
            "4000000000004954, card_declined, fraudulent, -, blocked, highest_risk_level",
            "4000000000000101, incorrect_cvc, -, cvc, issuer_declined, incorrect_cvc",
            "4000000000000341, card_declined, generic_decline, -, issuer_declined, generic_decline",
            "4000002760003184, card_declined, authentication_required, -, issuer_declined, authentication_required",
            "4000002500003155, card_declined, authentication_required, -, issuer_declined, authentication_required",
            // the other 3-D Secure cards that require it cannot authenticate on the Charges API either
            "4000000000003220, card_declined, authentication_required, -, issuer_declined, authentication_required",
            "4000003800000446, card_declined, authentication_required, -, issuer_declined, authentication_required",
            "4000008260003178, card_declined, authentication_required, -, issuer_declined, authentication_required",
            "4000008400001629, card_declined, authentication_required, -, issuer_declined, authentication_required",
            "4000008400001280, processing_error, -, -, issuer_declined, processing_error",
    })
    void behaviour_cards_tokenize_then_decline_and_the_failed_charge_is_kept(String number, String code,
            String declineCode, String param, String outcomeType, String reason) throws Exception {
        Token token = t.token(number);

        CardException e = catchThrowableOfType(CardException.class, () -> t.charge(token.getId(), 2000));

        assertThat(e.getStatusCode()).isEqualTo(402);
        assertThat(e.getCode()).isEqualTo(code);
        assertThat(e.getDeclineCode()).isEqualTo(declineCode);
        assertThat(e.getParam()).isEqualTo(param);
        assertThat(e.getCharge()).startsWith("ch_");
        assertThat(e.getRequestId()).startsWith("req_");
        Charge failed = t.secret.v1().charges().retrieve(e.getCharge());
        assertThat(failed.getStatus()).isEqualTo("failed");
        assertThat(failed.getPaid()).isFalse();
        assertThat(failed.getCaptured()).isFalse();
        assertThat(failed.getAmountCaptured()).isZero();
        assertThat(failed.getBalanceTransaction()).isNull();
        assertThat(failed.getFailureCode()).isEqualTo(code);
        assertThat(failed.getFailureMessage()).isEqualTo(e.getStripeError().getMessage());
        assertThat(failed.getOutcome().getType()).isEqualTo(outcomeType);
        assertThat(failed.getOutcome().getReason()).isEqualTo(reason);
        assertThat(t.secret.v1().tokens().retrieve(token.getId()).getUsed()).isTrue();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(nullValues = "-", value = {
            "4000000000009235, elevated, -, -, pass",
            "4000000000000010, normal, fail, fail, pass",
            "4000000000000028, normal, fail, pass, pass",
            "4000000000000036, normal, pass, fail, pass",
            "4000000000000044, normal, unavailable, unavailable, pass",
            "4000000000000077, normal, pass, pass, pass",
            "4000000000000259, normal, pass, pass, pass",
            "4000000000002685, normal, pass, pass, pass",
            "4000000000001976, normal, pass, pass, pass",
            "4000000000005423, normal, pass, pass, pass",
            "4000000000007726, normal, pass, pass, pass",
            "4000000000005126, normal, pass, pass, pass",
    })
    void behaviour_cards_that_succeed_report_their_risk_and_checks(String number, String risk, String line1,
            String zip, String cvc) throws Exception {
        var card = com.stripe.param.TokenCreateParams.Card.builder().setNumber(number).setExpMonth("12")
                .setExpYear(TestSandbox.EXP_YEAR).setCvc("123");
        if (line1 != null) {
            card.setAddressLine1("1 Main St").setAddressZip("94110");
        }
        Token token = t.publishable.v1().tokens().create(
                com.stripe.param.TokenCreateParams.builder().setCard(card.build()).build());

        Charge charge = t.charge(token.getId(), 2000);

        assertThat(charge.getStatus()).isEqualTo("succeeded");
        assertThat(charge.getOutcome().getRiskLevel()).isEqualTo(risk);
        var checks = charge.getPaymentMethodDetails().getCard().getChecks();
        assertThat(checks.getAddressLine1Check()).isEqualTo(line1);
        assertThat(checks.getAddressPostalCodeCheck()).isEqualTo(zip);
        assertThat(checks.getCvcCheck()).isEqualTo(cvc);
    }

    @ParameterizedTest(name = "{0} charges as {1} {2}")
    @CsvSource({
            "tok_visa, Visa, 4242, credit",
            "tok_visa_debit, Visa, 5556, debit",
            "tok_mastercard, MasterCard, 4444, credit",
            "tok_mastercard_debit, MasterCard, 8210, debit",
            "tok_mastercard_prepaid, MasterCard, 5100, prepaid",
            "tok_amex, American Express, 8431, credit",
            "tok_discover, Discover, 1117, credit",
            "tok_diners, Diners Club, 0004, credit",
            "tok_jcb, JCB, 0505, credit",
            "tok_unionpay, UnionPay, 0005, credit",
            "tok_riskLevelElevated, Visa, 9235, credit",
            "tok_avsFail, Visa, 0010, credit",
            "tok_avsLine1Fail, Visa, 0028, credit",
            "tok_avsZipFail, Visa, 0036, credit",
            "tok_avsUnchecked, Visa, 0044, credit",
            "tok_createDispute, Visa, 0259, credit",
            "tok_createDisputeProductNotReceived, Visa, 2685, credit",
            "tok_createDisputeInquiry, Visa, 1976, credit",
            "tok_bypassPending, Visa, 0077, credit",
            "tok_refundFail, Visa, 5126, credit",
    })
    void premade_tokens_succeed_and_stay_reusable_with_a_new_card_each_time(String token, String brand, String last4,
            String funding) throws Exception {
        Charge first = t.charge(token, 1000);
        Charge second = t.charge(token, 1000);

        for (Charge c : new Charge[] {first, second}) {
            assertThat(c.getStatus()).isEqualTo("succeeded");
            Card card = (Card) c.getSource();
            assertThat(card.getBrand()).isEqualTo(brand);
            assertThat(card.getLast4()).isEqualTo(last4);
            assertThat(card.getFunding()).isEqualTo(funding);
        }
        assertThat(first.getPaymentMethod()).isNotEqualTo(second.getPaymentMethod());
        assertThat(((Card) first.getSource()).getFingerprint()).isEqualTo(((Card) second.getSource()).getFingerprint());
    }

    @ParameterizedTest(name = "{0} declines with {1}/{2}")
    @CsvSource(nullValues = "-", value = {
            "tok_chargeDeclined, card_declined, generic_decline",
            "tok_chargeDeclinedInsufficientFunds, card_declined, insufficient_funds",
            "tok_chargeDeclinedLostCard, card_declined, lost_card",
            "tok_chargeDeclinedStolenCard, card_declined, stolen_card",
            "tok_chargeDeclinedExpiredCard, expired_card, -",
            "tok_chargeDeclinedIncorrectCvc, incorrect_cvc, -",
            "tok_chargeDeclinedProcessingError, processing_error, -",
            "tok_chargeDeclinedVelocityLimitExceeded, card_declined, card_velocity_exceeded",
            "tok_chargeDeclinedFraudulent, card_declined, fraudulent",
            "tok_riskLevelHighest, card_declined, fraudulent",
            "tok_cvcCheckFail, incorrect_cvc, -",
            "tok_chargeCustomerFail, card_declined, generic_decline",
    })
    void premade_decline_tokens_decline_every_time(String token, String code, String declineCode) {
        for (int i = 0; i < 2; i++) {
            CardException e = catchThrowableOfType(CardException.class, () -> t.charge(token, 1000));
            assertThat(e.getCode()).isEqualTo(code);
            assertThat(e.getDeclineCode()).isEqualTo(declineCode);
            assertThat(e.getCharge()).startsWith("ch_");
        }
    }

    @org.junit.jupiter.api.Test
    void a_valid_card_that_is_not_a_test_card_is_declined_in_test_mode() throws Exception {
        Token token = t.token("4111111111111111");

        CardException e = catchThrowableOfType(CardException.class, () -> t.charge(token.getId(), 1000));

        assertThat(e.getCode()).isEqualTo("card_declined");
        assertThat(e.getDeclineCode()).isEqualTo("testmode_decline");
    }
}
