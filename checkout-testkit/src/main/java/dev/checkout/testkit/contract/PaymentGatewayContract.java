package dev.checkout.testkit.contract;

import dev.checkout.domain.money.Money;
import dev.checkout.domain.payment.Charge;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.ChargeOutcome;
import dev.checkout.domain.payment.ChargeRequest;
import dev.checkout.domain.payment.ClientSecret;
import dev.checkout.domain.payment.PaymentAttemptId;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.payment.PaymentToken;
import dev.checkout.domain.port.PaymentGateway;
import dev.checkout.domain.port.PaymentNotCompletedException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import java.time.Instant;

import static dev.checkout.testkit.contract.ContractData.orderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every {@link PaymentGateway} must do, against a provider in test mode.
 *
 * <p>The cases about strong customer authentication (3-D Secure) run only for a gateway that asks for it, i.e. whose
 * test overrides {@link #authentication()}; a gateway that never asks (Stripe's Charges API) skips them, and must
 * still refuse to confirm or cancel an attempt it never issued.
 */
public abstract class PaymentGatewayContract {

    /** The buyer's part of an authentication, as the browser and the bank's test page play it for a provider. */
    protected interface Buyer {
        /** {@return a fresh single-use token for a card whose charge asks the buyer to authenticate, then is approved} */
        PaymentToken tokenRequiringAuthentication();

        /**
         * The buyer authenticates successfully (the test page's "Complete").
         *
         * @param secret the client secret of {@link ChargeOutcome.AuthenticationRequired}
         */
        void completes(ClientSecret secret);

        /**
         * The buyer fails to authenticate (the test page's "Fail").
         *
         * @param secret the client secret of {@link ChargeOutcome.AuthenticationRequired}
         */
        void fails(ClientSecret secret);
    }

    /** {@return the buyer's side, if this gateway asks for authentication; empty (the default) if it never does} */
    protected Optional<Buyer> authentication() {
        return Optional.empty();
    }

    protected abstract PaymentGateway gateway();

    /** A fresh single-use token for a card that is approved. */
    protected abstract PaymentToken approvedCardToken();

    /** A fresh single-use token for a card the issuer declines for insufficient funds. */
    protected abstract PaymentToken insufficientFundsToken();

    /** A time no later than the charges made by a test, for {@link PaymentGateway#findChargeForOrder}. */
    protected Instant testStarted() {
        return Instant.now().minusSeconds(60);
    }

    private ChargeRequest request(PaymentToken token, long amount) {
        return ChargeRequest.forOrder(token, Money.of(amount, "usd"), orderId());
    }

    @Test
    public void an_approved_charge_takes_the_amount() {
        var outcome = gateway().charge(request(approvedCardToken(), 25_00));

        assertThat(outcome).isInstanceOfSatisfying(ChargeOutcome.Approved.class, approved -> {
            assertThat(approved.charge().amount()).isEqualTo(Money.of(25_00, "usd"));
            assertThat(approved.charge().fullyRefunded()).isFalse();
        });
    }

    @Test
    public void the_same_idempotency_key_answers_the_first_charge_again() {
        var request = request(approvedCardToken(), 10_00);

        var first = (ChargeOutcome.Approved) gateway().charge(request);
        var again = (ChargeOutcome.Approved) gateway().charge(request);

        assertThat(again.charge().id()).isEqualTo(first.charge().id());
    }

    @Test
    public void a_declined_card_is_a_value_with_the_issuer_reason() {
        var outcome = gateway().charge(request(insufficientFundsToken(), 10_00));

        assertThat(outcome).isInstanceOfSatisfying(ChargeOutcome.Declined.class, declined -> {
            assertThat(declined.reason().code()).isEqualTo("card_declined");
            assertThat(declined.reason().declineCode()).isEqualTo("insufficient_funds");
            assertThat(declined.reason().message()).isNotBlank();
        });
    }

    @Test
    public void a_used_token_is_refused_without_charging() {
        PaymentToken token = approvedCardToken();
        gateway().charge(request(token, 10_00));

        assertThatThrownBy(() -> gateway().charge(request(token, 10_00)))
                .isInstanceOfSatisfying(PaymentNotCompletedException.class,
                        e -> assertThat(e.failure().kind()).isEqualTo(PaymentFailure.Kind.INVALID_PAYMENT_DETAILS));
    }

    @Test
    public void a_refund_shows_on_the_charge_and_is_made_once_per_key() {
        var approved = (ChargeOutcome.Approved) gateway().charge(request(approvedCardToken(), 30_00));
        ChargeId id = approved.charge().id();
        var key = PaymentKey.forRefund(orderId());

        var refund = gateway().refund(id, Money.of(30_00, "usd"), key);
        var again = gateway().refund(id, Money.of(30_00, "usd"), key);

        assertThat(again.id()).isEqualTo(refund.id());
        Charge now = gateway().findCharge(id).orElseThrow();
        assertThat(now.amountRefunded()).isEqualTo(Money.of(30_00, "usd"));
        assertThat(now.fullyRefunded()).isTrue();
    }

    @Test
    public void the_charge_of_an_order_can_be_found_whatever_its_outcome() {
        var paidRequest = request(approvedCardToken(), 12_00);
        var declinedRequest = request(insufficientFundsToken(), 12_00);
        var approved = (ChargeOutcome.Approved) gateway().charge(paidRequest);
        gateway().charge(declinedRequest);

        assertThat(gateway().findChargeForOrder(paidRequest.orderId(), testStarted()))
                .hasValueSatisfying(o -> assertThat(((ChargeOutcome.Approved) o).charge().id()).isEqualTo(approved.charge().id()));
        assertThat(gateway().findChargeForOrder(declinedRequest.orderId(), testStarted()))
                .hasValueSatisfying(o -> assertThat(o).isInstanceOf(ChargeOutcome.Declined.class));
        assertThat(gateway().findChargeForOrder(orderId(), testStarted())).isEmpty();
    }

    @Test
    public void an_unknown_charge_is_not_found() {
        assertThat(gateway().findCharge(ChargeId.of("ch_missing_" + orderId().value()))).isEmpty();
    }

    @Test
    public void an_attempt_the_gateway_never_issued_cannot_be_confirmed_or_canceled() {
        var unknown = new PaymentAttemptId("pi_missing_" + orderId().value());

        assertThatThrownBy(() -> gateway().confirmAuthenticated(unknown, PaymentKey.forConfirmation(orderId())))
                .isInstanceOf(PaymentNotCompletedException.class);
        assertThatThrownBy(() -> gateway().cancelAttempt(unknown)).isInstanceOf(PaymentNotCompletedException.class);
    }

    private Buyer buyer() {
        assumeTrue(authentication().isPresent(), "this gateway never asks buyers to authenticate");
        return authentication().orElseThrow();
    }

    private ChargeOutcome.AuthenticationRequired askedToAuthenticate(ChargeRequest request) {
        var outcome = gateway().charge(request);
        assertThat(outcome).isInstanceOf(ChargeOutcome.AuthenticationRequired.class);
        return (ChargeOutcome.AuthenticationRequired) outcome;
    }

    @Test
    public void a_card_that_needs_authentication_takes_nothing_until_the_buyer_authenticated() {
        Buyer buyer = buyer();
        var request = request(buyer.tokenRequiringAuthentication(), 18_00);

        var waiting = askedToAuthenticate(request);

        assertThat(waiting.clientSecret().reveal()).isNotBlank();
        assertThat(gateway().charge(request)).as("the same key answers the same attempt")
                .isEqualTo(waiting);
        assertThat(gateway().confirmAuthenticated(waiting.attempt(), PaymentKey.forConfirmation(request.orderId())))
                .as("confirmed before the buyer authenticated").isInstanceOf(ChargeOutcome.AuthenticationRequired.class);
        assertThat(gateway().findChargeForOrder(request.orderId(), testStarted()))
                .hasValueSatisfying(o -> assertThat(o).isInstanceOf(ChargeOutcome.AuthenticationRequired.class));
    }

    @Test
    public void once_the_buyer_authenticated_the_confirmation_takes_the_money_once() {
        Buyer buyer = buyer();
        var request = request(buyer.tokenRequiringAuthentication(), 21_00);
        var waiting = askedToAuthenticate(request);
        var key = PaymentKey.forConfirmation(request.orderId());

        buyer.completes(waiting.clientSecret());
        var first = gateway().confirmAuthenticated(waiting.attempt(), key);
        var again = gateway().confirmAuthenticated(waiting.attempt(), key);

        assertThat(first).isInstanceOfSatisfying(ChargeOutcome.Approved.class,
                approved -> assertThat(approved.charge().amount()).isEqualTo(Money.of(21_00, "usd")));
        ChargeId charge = ((ChargeOutcome.Approved) first).charge().id();
        assertThat(again).isInstanceOfSatisfying(ChargeOutcome.Approved.class,
                approved -> assertThat(approved.charge().id()).isEqualTo(charge));
        assertThat(gateway().findChargeForOrder(request.orderId(), testStarted()))
                .hasValueSatisfying(o -> assertThat(((ChargeOutcome.Approved) o).charge().id()).isEqualTo(charge));
        assertThat(gateway().cancelAttempt(waiting.attempt())).as("a paid attempt cannot be canceled")
                .hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(charge));
        assertThat(gateway().findCharge(charge)).isPresent();
    }

    @Test
    public void a_failed_authentication_is_a_decline_that_takes_nothing() {
        Buyer buyer = buyer();
        var request = request(buyer.tokenRequiringAuthentication(), 9_00);
        var waiting = askedToAuthenticate(request);

        buyer.fails(waiting.clientSecret());
        var outcome = gateway().confirmAuthenticated(waiting.attempt(), PaymentKey.forConfirmation(request.orderId()));

        assertThat(outcome).isInstanceOfSatisfying(ChargeOutcome.Declined.class, declined -> {
            assertThat(declined.reason().code()).isEqualTo("payment_intent_authentication_failure");
            assertThat(declined.reason().message()).isNotBlank();
        });
        assertThat(gateway().findChargeForOrder(request.orderId(), testStarted())).as("nothing was charged")
                .hasValueSatisfying(o -> assertThat(o).isInstanceOf(ChargeOutcome.Declined.class));
    }

    @Test
    public void a_canceled_attempt_takes_nothing_and_cannot_be_confirmed() {
        Buyer buyer = buyer();
        var request = request(buyer.tokenRequiringAuthentication(), 7_00);
        var waiting = askedToAuthenticate(request);

        assertThat(gateway().cancelAttempt(waiting.attempt())).isEmpty();
        assertThat(gateway().cancelAttempt(waiting.attempt())).as("canceling again is harmless").isEmpty();

        assertThatThrownBy(() -> gateway().confirmAuthenticated(waiting.attempt(), PaymentKey.forConfirmation(request.orderId())))
                .isInstanceOf(PaymentNotCompletedException.class);
        assertThat(gateway().findChargeForOrder(request.orderId(), testStarted()))
                .as("a canceled attempt is no charge").isEmpty();
    }
}
