package dev.checkout.adapter.stripe;

import dev.checkout.domain.money.Money;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.ChargeRequest;
import dev.checkout.domain.payment.PaymentFailure.Kind;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.payment.PaymentToken;
import dev.checkout.domain.port.PaymentNotCompletedException;
import dev.checkout.domain.port.PaymentOutcomeUnknownException;
import dev.checkout.sandbox.Sandbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.checkout.testkit.contract.ContractData.orderId;
import static dev.checkout.testkit.contract.ContractData.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sandbox stopped, its address kept: the connection is refused, so nothing can have been charged. */
class StripePaymentGatewayProviderGoneTest {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private static StripeSettings settings;
    private static PaymentToken token;

    @BeforeAll
    static void startAndStopASandbox() {
        try (Sandbox sandbox = Sandbox.start()) {
            var cards = new SandboxCards(sandbox);
            token = cards.token(SandboxCards.APPROVED);
            settings = cards.settings().withTimeouts(CONNECT_TIMEOUT, Duration.ofSeconds(5));
        }
    }

    @Test
    void a_charge_to_a_stopped_provider_is_not_completed_within_the_connect_timeout() {
        var gateway = new StripePaymentGateway(settings.withMaxNetworkRetries(0));
        var request = ChargeRequest.forOrder(token, Money.of(10_00, "usd"), orderId());

        long started = System.nanoTime();
        assertThatThrownBy(() -> gateway.charge(request))
                .isInstanceOfSatisfying(PaymentNotCompletedException.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(Kind.PROVIDER_UNAVAILABLE);
                    assertThat(e.getCause()).hasMessageContaining(settings.apiBase());
                    StripePaymentGatewayTest.assertNowhereIn(e, token.reveal());
                    StripePaymentGatewayTest.assertNowhereIn(e, settings.secretKey());
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(CONNECT_TIMEOUT);
    }

    @Test
    void refused_on_every_retry_is_still_certainly_not_charged() {
        var gateway = new StripePaymentGateway(settings.withMaxNetworkRetries(2));
        var request = ChargeRequest.forOrder(token, Money.of(10_00, "usd"), orderId());

        assertThatThrownBy(() -> gateway.charge(request))
                .isInstanceOfSatisfying(PaymentNotCompletedException.class,
                        e -> assertThat(e.failure().kind()).isEqualTo(Kind.PROVIDER_UNAVAILABLE));
    }

    @Test
    void a_refund_to_a_stopped_provider_is_not_completed() {
        var gateway = new StripePaymentGateway(settings.withMaxNetworkRetries(0));

        assertThatThrownBy(() -> gateway.refund(ChargeId.of(unique("ch")), Money.of(1_00, "usd"), new PaymentKey(unique("refund"))))
                .isInstanceOfSatisfying(PaymentNotCompletedException.class,
                        e -> assertThat(e.failure().kind()).isEqualTo(Kind.PROVIDER_UNAVAILABLE));
    }

    @Test
    void a_look_up_at_a_stopped_provider_finds_out_nothing_rather_than_nothing() {
        var gateway = new StripePaymentGateway(settings.withMaxNetworkRetries(0));

        // "Empty" would let the reconciler release stock of an order that may be paid: it must be an exception.
        assertThatThrownBy(() -> gateway.findChargeForOrder(orderId(), Instant.now().minusSeconds(60)))
                .isInstanceOf(PaymentOutcomeUnknownException.class);
        assertThatThrownBy(() -> gateway.findCharge(ChargeId.of(unique("ch"))))
                .isInstanceOf(PaymentOutcomeUnknownException.class);
    }
}
