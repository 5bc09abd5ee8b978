package dev.checkout.adapter.stripe;

import com.stripe.exception.StripeException;
import com.stripe.param.ChargeCreateParams;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.payment.Charge;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.ChargeOutcome;
import dev.checkout.domain.payment.ChargeRequest;
import dev.checkout.domain.payment.PaymentFailure.Kind;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.payment.PaymentToken;
import dev.checkout.domain.port.PaymentNotCompletedException;
import dev.checkout.testkit.contract.ContractData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static dev.checkout.testkit.contract.ContractData.orderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adapter against the sandbox over HTTP: what each answer of Stripe's becomes at the port. */
class StripePaymentGatewayTest {
    private final SandboxCards cards = SharedSandbox.cards();
    private final StripePaymentGateway gateway = new StripePaymentGateway(cards.settings());
    private final Instant testStarted = Instant.now().minusSeconds(2);

    private static ChargeRequest request(PaymentToken token, long amount) {
        return ChargeRequest.forOrder(token, Money.of(amount, "usd"), orderId());
    }

    @Test
    void an_approved_card_is_charged_the_amount_in_lower_case_currency_tagged_with_the_order() throws StripeException {
        var request = request(cards.token(SandboxCards.APPROVED), 25_00);

        var outcome = gateway.charge(request);

        var approved = (ChargeOutcome.Approved) outcome;
        assertThat(approved.charge().amount()).isEqualTo(Money.of(25_00, "usd"));
        assertThat(approved.charge().amountRefunded()).isEqualTo(Money.of(0, "usd"));
        var onTheWire = cards.dashboard().v1().charges().retrieve(approved.charge().id().value());
        assertThat(onTheWire.getStatus()).isEqualTo("succeeded");
        assertThat(onTheWire.getAmount()).isEqualTo(25_00L);
        assertThat(onTheWire.getCurrency()).isEqualTo("usd");
        assertThat(onTheWire.getDescription()).isEqualTo("Order " + request.orderId().value());
        assertThat(onTheWire.getMetadata()).containsEntry("order_id", request.orderId().value());
        assertThat(gateway.findCharge(approved.charge().id())).contains(approved.charge());
    }

    @Test
    void a_zero_decimal_currency_is_charged_in_whole_units() {
        var request = ChargeRequest.forOrder(cards.token(SandboxCards.APPROVED), Money.of(500, "JPY"), orderId());

        var approved = (ChargeOutcome.Approved) gateway.charge(request);

        assertThat(approved.charge().amount()).isEqualTo(Money.of(500, "jpy"));
        assertThat(cards.chargesOf(request.orderId(), testStarted)).singleElement()
                .satisfies(c -> assertThat(c.getAmount()).isEqualTo(500L))
                .satisfies(c -> assertThat(c.getCurrency()).isEqualTo("jpy"));
    }

    @ParameterizedTest(name = "{0}: {1} / {2}")
    @CsvSource(nullValues = "-", value = {
            "4000000000000002, card_declined,    generic_decline,        Your card was declined.",
            "4000000000009995, card_declined,    insufficient_funds,     Your card has insufficient funds.",
            "4000000000009987, card_declined,    lost_card,              Your card was declined.",
            "4000000000009979, card_declined,    stolen_card,            Your card was declined.",
            "4100000000000019, card_declined,    fraudulent,             Your card was declined.",
            "4000000000006975, card_declined,    card_velocity_exceeded, -",
            "4000000000000069, expired_card,     -,                      Your card has expired.",
            "4000000000000127, incorrect_cvc,    -,                      Your card's security code is incorrect.",
            "4000000000000119, processing_error, -,                      An error occurred while processing your card. Try again in a little bit."})
    void a_declined_card_is_a_value_and_reads_the_same_when_found_later(String card, String code, String declineCode, String message) {
        var request = request(cards.token(card), 20_00);

        var outcome = gateway.charge(request);

        assertThat(outcome).isInstanceOfSatisfying(ChargeOutcome.Declined.class, declined -> {
            assertThat(declined.reason().code()).isEqualTo(code);
            assertThat(declined.reason().declineCode()).isEqualTo(declineCode);
            if (message == null) {
                assertThat(declined.reason().message()).isNotBlank().doesNotContain("; code:");
            } else {
                assertThat(declined.reason().message()).isEqualTo(message);
            }
        });
        // The reconciler sees the failed charge in Stripe's records, and must read the same decline from it.
        assertThat(gateway.findChargeForOrder(request.orderId(), testStarted)).contains(outcome);
    }

    @Test
    void a_reused_token_is_invalid_payment_details_and_its_raw_id_is_never_quoted() {
        PaymentToken token = cards.token(SandboxCards.APPROVED);
        gateway.charge(request(token, 10_00));
        var second = request(token, 10_00);

        assertThatThrownBy(() -> gateway.charge(second))
                .isInstanceOfSatisfying(PaymentNotCompletedException.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(Kind.INVALID_PAYMENT_DETAILS);
                    assertThat(e.failure().code()).isEqualTo("token_already_used");
                    assertThat(e.failure().message()).contains(token.masked());
                    assertNowhereIn(e, token.reveal());
                });
        assertThat(cards.chargesOf(second.orderId(), testStarted)).isEmpty();
    }

    @Test
    void a_token_consumed_by_a_decline_cannot_be_charged_again() {
        PaymentToken token = cards.token("4000000000000002");
        assertThat(gateway.charge(request(token, 10_00))).isInstanceOf(ChargeOutcome.Declined.class);

        assertThatThrownBy(() -> gateway.charge(request(token, 10_00)))
                .isInstanceOfSatisfying(PaymentNotCompletedException.class,
                        e -> assertThat(e.failure().kind()).isEqualTo(Kind.INVALID_PAYMENT_DETAILS));
    }

    @Test
    void an_unknown_token_is_invalid_payment_details() {
        var request = request(PaymentToken.of(ContractData.unique("tok_never_issued")), 10_00);

        assertThatThrownBy(() -> gateway.charge(request))
                .isInstanceOfSatisfying(PaymentNotCompletedException.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(Kind.INVALID_PAYMENT_DETAILS);
                    assertNowhereIn(e, request.token().reveal());
                });
    }

    @Test
    void a_wrong_secret_key_is_a_merchant_error_that_leaves_the_token_unused() {
        String wrongKey = "sk_test_" + ContractData.unique("wrong").replace("-", "") + "0123456789abcdefgh";
        var wrong = new StripePaymentGateway(new StripeSettings(cards.settings().apiBase(), wrongKey,
                cards.settings().connectTimeout(), cards.settings().readTimeout(), 0));
        PaymentToken token = cards.token(SandboxCards.APPROVED);
        var request = request(token, 10_00);

        assertThatThrownBy(() -> wrong.charge(request))
                .isInstanceOfSatisfying(PaymentNotCompletedException.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(Kind.MERCHANT_ERROR);
                    assertNowhereIn(e, wrongKey);
                    assertNowhereIn(e, token.reveal());
                });
        assertThat(wrong.toString()).doesNotContain(wrongKey);
        // Nothing was charged, and the token was not consumed: the right key can still charge it.
        assertThat(gateway.findChargeForOrder(request.orderId(), testStarted)).isEmpty();
        assertThat(gateway.charge(request)).isInstanceOf(ChargeOutcome.Approved.class);
    }

    @Test
    void the_same_key_with_a_different_amount_is_a_merchant_error_and_charges_nothing_more() {
        var first = request(cards.token(SandboxCards.APPROVED), 10_00);
        gateway.charge(first);
        var changed = new ChargeRequest(cards.token(SandboxCards.APPROVED), Money.of(11_00, "usd"), first.orderId(),
                first.idempotencyKey(), first.description());

        assertThatThrownBy(() -> gateway.charge(changed))
                .isInstanceOfSatisfying(PaymentNotCompletedException.class,
                        e -> assertThat(e.failure().kind()).isEqualTo(Kind.MERCHANT_ERROR));
        assertThat(cards.chargesOf(first.orderId(), testStarted)).hasSize(1);
    }

    @Test
    void partial_refunds_add_up_on_the_charge() {
        var charge = approvedCharge(30_00);

        var first = gateway.refund(charge.id(), Money.of(10_00, "usd"), new PaymentKey(ContractData.unique("refund-a")));
        var second = gateway.refund(charge.id(), Money.of(20_00, "usd"), new PaymentKey(ContractData.unique("refund-b")));

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.chargeId()).isEqualTo(charge.id());
        assertThat(first.amount()).isEqualTo(Money.of(10_00, "usd"));
        Charge now = gateway.findCharge(charge.id()).orElseThrow();
        assertThat(now.amountRefunded()).isEqualTo(Money.of(30_00, "usd"));
        assertThat(now.fullyRefunded()).isTrue();
    }

    @Test
    void a_fully_refunded_charge_is_found_for_its_order_as_refunded() {
        var request = request(cards.token(SandboxCards.APPROVED), 15_00);
        var charge = ((ChargeOutcome.Approved) gateway.charge(request)).charge();
        gateway.refund(charge.id(), charge.amount(), PaymentKey.forRefund(request.orderId()));

        assertThat(gateway.findChargeForOrder(request.orderId(), testStarted)).hasValueSatisfying(found ->
                assertThat(((ChargeOutcome.Approved) found).charge().fullyRefunded()).isTrue());
    }

    @Test
    void refunding_more_than_is_left_is_a_merchant_error_and_refunds_nothing() {
        var charge = approvedCharge(30_00);

        assertThatThrownBy(() -> gateway.refund(charge.id(), Money.of(40_00, "usd"), new PaymentKey(ContractData.unique("refund"))))
                .isInstanceOfSatisfying(PaymentNotCompletedException.class,
                        e -> assertThat(e.failure().kind()).isEqualTo(Kind.MERCHANT_ERROR));
        assertThat(gateway.findCharge(charge.id()).orElseThrow().amountRefunded()).isEqualTo(Money.of(0, "usd"));
    }

    @Test
    void the_same_refund_key_with_another_amount_is_refused() {
        var charge = approvedCharge(30_00);
        var key = new PaymentKey(ContractData.unique("refund"));
        gateway.refund(charge.id(), Money.of(5_00, "usd"), key);

        assertThatThrownBy(() -> gateway.refund(charge.id(), Money.of(6_00, "usd"), key))
                .isInstanceOfSatisfying(PaymentNotCompletedException.class,
                        e -> assertThat(e.failure().kind()).isEqualTo(Kind.MERCHANT_ERROR));
        assertThat(gateway.findCharge(charge.id()).orElseThrow().amountRefunded()).isEqualTo(Money.of(5_00, "usd"));
    }

    @Test
    void refunding_an_unknown_charge_is_a_merchant_error() {
        var missing = ChargeId.of(ContractData.unique("ch_missing"));

        assertThatThrownBy(() -> gateway.refund(missing, Money.of(1_00, "usd"), new PaymentKey(ContractData.unique("refund"))))
                .isInstanceOfSatisfying(PaymentNotCompletedException.class,
                        e -> assertThat(e.failure().kind()).isEqualTo(Kind.MERCHANT_ERROR));
    }

    @Test
    void a_failed_charge_is_not_a_charge_for_find_charge() {
        var request = request(cards.token(SandboxCards.INSUFFICIENT_FUNDS), 10_00);
        gateway.charge(request);
        var failed = cards.chargesOf(request.orderId(), testStarted);
        assertThat(failed).singleElement().satisfies(c -> assertThat(c.getStatus()).isEqualTo("failed"));

        assertThat(gateway.findCharge(ChargeId.of(failed.getFirst().getId()))).isEmpty();
    }

    @Test
    void a_charge_made_before_not_before_is_not_found() {
        var request = request(cards.token(SandboxCards.APPROVED), 10_00);
        gateway.charge(request);

        assertThat(gateway.findChargeForOrder(request.orderId(), Instant.now().plusSeconds(5))).isEmpty();
        assertThat(gateway.findChargeForOrder(request.orderId(), testStarted)).isPresent();
    }

    @Test
    void the_charge_of_an_order_is_found_beyond_the_first_page() throws StripeException {
        var request = request(cards.token(SandboxCards.APPROVED), 12_34);
        var approved = (ChargeOutcome.Approved) gateway.charge(request);
        // Newest first, 100 to a page: 100 newer charges push the order's charge onto the second page.
        for (int i = 0; i < 100; i++) {
            cards.dashboard().v1().charges().create(ChargeCreateParams.builder()
                    .setAmount(1_00L).setCurrency("usd").setSource("tok_visa")
                    .putMetadata("order_id", ContractData.unique("filler")).build());
        }

        assertThat(gateway.findChargeForOrder(request.orderId(), testStarted)).contains(approved);
    }

    @Test
    void no_charge_for_an_order_is_empty() {
        assertThat(gateway.findChargeForOrder(orderId(), testStarted)).isEmpty();
    }

    private Charge approvedCharge(long amount) {
        return ((ChargeOutcome.Approved) gateway.charge(request(cards.token(SandboxCards.APPROVED), amount))).charge();
    }

    static void assertNowhereIn(Throwable thrown, String secret) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
            assertThat(t.toString()).doesNotContain(secret);
        }
    }
}
