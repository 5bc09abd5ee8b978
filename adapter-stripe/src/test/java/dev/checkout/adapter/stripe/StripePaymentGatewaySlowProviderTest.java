package dev.checkout.adapter.stripe;

import dev.checkout.domain.money.Money;
import dev.checkout.domain.payment.ChargeOutcome;
import dev.checkout.domain.payment.ChargeRequest;
import dev.checkout.domain.port.PaymentOutcomeUnknownException;
import dev.checkout.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static dev.checkout.testkit.contract.ContractData.orderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** A provider that answers every charge later than the read timeout: the outcome is unknown, never "not charged". */
class StripePaymentGatewaySlowProviderTest {
    /** How long the sandbox takes to execute and answer every POST /v1/charges. */
    private static final Duration CHARGE_DELAY = Duration.ofMillis(2500);
    private static final Duration READ_TIMEOUT = Duration.ofMillis(300);
    /** For the calls that must get their answer even on a loaded machine: look-ups and the in-flight check. */
    private static final Duration PATIENT_READ_TIMEOUT = Duration.ofSeconds(10);

    private static Sandbox sandbox;
    private static SandboxCards cards;

    private final Instant testStarted = Instant.now().minusSeconds(2);

    @BeforeAll
    static void startSlowSandbox() {
        sandbox = Sandbox.start(Map.of("sandbox.charge-delay", CHARGE_DELAY.toMillis() + "ms"));
        cards = new SandboxCards(sandbox);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    private static StripePaymentGateway gateway(Duration readTimeout, int retries) {
        return new StripePaymentGateway(cards.settings().withTimeouts(Duration.ofSeconds(2), readTimeout).withMaxNetworkRetries(retries));
    }

    @Test
    void an_answer_slower_than_the_read_timeout_is_an_unknown_outcome_that_the_same_key_later_resolves() {
        var gateway = gateway(READ_TIMEOUT, 0);
        var patient = gateway(PATIENT_READ_TIMEOUT, 0);
        var request = ChargeRequest.forOrder(cards.token(SandboxCards.APPROVED), Money.of(42_00, "usd"), orderId());

        long started = System.nanoTime();
        assertThatThrownBy(() -> gateway.charge(request))
                .isInstanceOf(PaymentOutcomeUnknownException.class)
                .hasMessageContaining("read timeout of 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(CHARGE_DELAY);

        // While the first request is still executing, the same key is "in flight" (409): still unknown.
        assertThatThrownBy(() -> patient.charge(request))
                .isInstanceOf(PaymentOutcomeUnknownException.class)
                .hasMessageContaining("HTTP 409");

        // The sandbox finished the charge after we gave up: the reconciler's look-up finds it...
        var found = await(() -> patient.findChargeForOrder(request.orderId(), testStarted), Duration.ofSeconds(15));
        var approved = (ChargeOutcome.Approved) found;
        assertThat(approved.charge().amount()).isEqualTo(Money.of(42_00, "usd"));
        // ...and repeating the charge with the same key replays it instead of charging again.
        assertThat(patient.charge(request)).isEqualTo(approved);
        assertThat(cards.chargesOf(request.orderId(), testStarted)).hasSize(1);
    }

    @Test
    void stripe_java_retries_a_timed_out_charge_with_the_same_key_and_it_charges_once() {
        // Attempt 1 times out; the retries (0.5 s, 1 s, 2 s back-off) meet "in flight" (409), then the stored answer.
        var gateway = gateway(READ_TIMEOUT, 5);
        var request = ChargeRequest.forOrder(cards.token(SandboxCards.APPROVED), Money.of(43_00, "usd"), orderId());

        var outcome = gateway.charge(request);

        assertThat(outcome).isInstanceOfSatisfying(ChargeOutcome.Approved.class,
                approved -> assertThat(approved.charge().amount()).isEqualTo(Money.of(43_00, "usd")));
        assertThat(cards.chargesOf(request.orderId(), testStarted)).hasSize(1);
    }

    /** Polls a look-up until it finds something; the sandbox completes the charge in its own time. */
    private static <T> T await(Supplier<Optional<T>> lookUp, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> found = lookUp.get();
            if (found.isPresent()) {
                return found.get();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
        return fail("nothing found within " + atMost);
    }
}
