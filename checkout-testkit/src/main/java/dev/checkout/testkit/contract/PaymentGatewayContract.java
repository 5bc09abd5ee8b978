package dev.checkout.testkit.contract;

import dev.checkout.domain.money.Money;
import dev.checkout.domain.payment.Charge;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.ChargeOutcome;
import dev.checkout.domain.payment.ChargeRequest;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.payment.PaymentToken;
import dev.checkout.domain.port.PaymentGateway;
import dev.checkout.domain.port.PaymentNotCompletedException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.checkout.testkit.contract.ContractData.orderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link PaymentGateway} must do, against a provider in test mode. */
public abstract class PaymentGatewayContract {

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
}
