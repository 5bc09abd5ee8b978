package dev.checkout.adapter.stripe;

import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentListParams;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.payment.ChargeOutcome;
import dev.checkout.domain.payment.ChargeRequest;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.payment.PaymentToken;
import dev.checkout.domain.port.PaymentNotCompletedException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.checkout.testkit.contract.ContractData.orderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PaymentIntents adapter against the sandbox over HTTP: what it leaves in Stripe's records. */
class StripePaymentIntentsGatewayTest {
    private final SandboxCards cards = SharedSandbox.cards();
    private final StripePaymentIntentsGateway gateway = new StripePaymentIntentsGateway(cards.settings());
    private final Instant testStarted = Instant.now().minusSeconds(2);

    private static ChargeRequest request(PaymentToken token, long amount) {
        return ChargeRequest.forOrder(token, Money.of(amount, "usd"), orderId());
    }

    /** Every intent the sandbox lists since the test started that is tagged with the order. */
    private List<PaymentIntent> intentsOf(ChargeRequest request) throws StripeException {
        var found = new ArrayList<PaymentIntent>();
        var params = PaymentIntentListParams.builder()
                .setCreated(PaymentIntentListParams.Created.builder().setGte(testStarted.getEpochSecond()).build())
                .setLimit(100L).build();
        for (PaymentIntent intent : cards.dashboard().v1().paymentIntents().list(params).autoPagingIterable()) {
            if (request.orderId().value().equals(intent.getMetadata().get(StripePaymentGateway.ORDER_ID))) {
                found.add(intent);
            }
        }
        return found;
    }

    @Test
    void a_payment_is_one_listed_intent_tagged_with_the_order_whose_charge_names_it() throws StripeException {
        var request = request(cards.token(SandboxCards.APPROVED), 32_00);

        var approved = (ChargeOutcome.Approved) gateway.charge(request);

        assertThat(intentsOf(request)).singleElement().satisfies(intent -> {
            assertThat(intent.getStatus()).isEqualTo("succeeded");
            assertThat(intent.getAmountReceived()).isEqualTo(32_00L);
            assertThat(intent.getConfirmationMethod()).isEqualTo("manual");
            assertThat(intent.getCaptureMethod()).isEqualTo("automatic");
            assertThat(intent.getDescription()).isEqualTo("Order " + request.orderId().value());
            assertThat(intent.getLatestCharge()).isEqualTo(approved.charge().id().value());
            try {
                var charge = cards.dashboard().v1().charges().retrieve(intent.getLatestCharge());
                assertThat(charge.getPaymentIntent()).isEqualTo(intent.getId());
                assertThat(charge.getMetadata()).containsEntry("order_id", request.orderId().value());
                assertThat(charge.getAmount()).isEqualTo(32_00L);
            } catch (StripeException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void the_same_key_never_makes_a_second_intent() throws StripeException {
        var request = request(cards.token(SandboxCards.APPROVED), 11_00);

        var first = (ChargeOutcome.Approved) gateway.charge(request);
        var again = (ChargeOutcome.Approved) gateway.charge(request);

        assertThat(again.charge().id()).isEqualTo(first.charge().id());
        assertThat(intentsOf(request)).hasSize(1);
    }

    @Test
    void a_used_token_is_the_buyers_to_fix_and_nothing_is_charged() {
        PaymentToken token = cards.token(SandboxCards.APPROVED);
        gateway.charge(request(token, 5_00));

        assertThatThrownBy(() -> gateway.charge(request(token, 5_00)))
                .isInstanceOfSatisfying(PaymentNotCompletedException.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(PaymentFailure.Kind.INVALID_PAYMENT_DETAILS);
                    assertThat(e.getMessage()).doesNotContain(token.reveal()).doesNotContain(cards.settings().secretKey());
                });
    }

    @Test
    void a_card_declined_after_authentication_is_a_decline_with_the_issuers_reason() {
        var request = request(cards.token("4000008260003178"), 14_00);
        var waiting = (ChargeOutcome.AuthenticationRequired) gateway.charge(request);

        cards.authenticate(waiting.clientSecret(), true);
        var outcome = gateway.confirmAuthenticated(waiting.attempt(), PaymentKey.forConfirmation(request.orderId()));

        assertThat(outcome).isInstanceOfSatisfying(ChargeOutcome.Declined.class, declined -> {
            assertThat(declined.reason().code()).isEqualTo("card_declined");
            assertThat(declined.reason().declineCode()).isEqualTo("insufficient_funds");
        });
    }

    @Test
    void a_failed_authentication_reads_as_words_for_the_buyer_not_stripes() {
        var request = request(cards.token(SandboxCards.AUTHENTICATION_REQUIRED), 14_00);
        var waiting = (ChargeOutcome.AuthenticationRequired) gateway.charge(request);

        cards.authenticate(waiting.clientSecret(), false);
        var declined = (ChargeOutcome.Declined) gateway.confirmAuthenticated(waiting.attempt(),
                PaymentKey.forConfirmation(request.orderId()));

        assertThat(declined.reason().message()).contains("bank").doesNotContain("PaymentMethod");
    }

    @Test
    void a_canceled_intent_is_canceled_at_the_provider_as_abandoned() throws StripeException {
        var request = request(cards.token(SandboxCards.AUTHENTICATION_REQUIRED), 8_00);
        var waiting = (ChargeOutcome.AuthenticationRequired) gateway.charge(request);

        assertThat(gateway.cancelAttempt(waiting.attempt())).isEmpty();

        PaymentIntent intent = cards.dashboard().v1().paymentIntents().retrieve(waiting.attempt().value());
        assertThat(intent.getStatus()).isEqualTo("canceled");
        assertThat(intent.getCancellationReason()).isEqualTo("abandoned");
    }
}
