package dev.checkout.adapter.stripe;

import dev.checkout.adapter.stripe.ScriptedStripe.Reply;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.ChargeOutcome;
import dev.checkout.domain.payment.ChargeRequest;
import dev.checkout.domain.payment.PaymentFailure.Kind;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.payment.PaymentToken;
import dev.checkout.domain.port.PaymentNotCompletedException;
import dev.checkout.domain.port.PaymentOutcomeUnknownException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static dev.checkout.testkit.contract.ContractData.orderId;
import static dev.checkout.testkit.contract.ContractData.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Answers the sandbox does not give on demand, over real HTTP through stripe-java, and what they become. */
class StripePaymentGatewayScriptedAnswersTest {
    private static final String SECRET = "sk_test_scripted_0123456789abcdefghijklmnopqrstuvwxyz";
    /** Generous: only the stall test waits for it, and a loaded CI machine must not turn answers into timeouts. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

    private final ScriptedStripe stripe = new ScriptedStripe();
    private final PaymentToken token = PaymentToken.of(unique("tok_scripted"));
    private final ChargeRequest request = ChargeRequest.forOrder(token, Money.of(19_99, "usd"), orderId());

    StripePaymentGatewayScriptedAnswersTest() throws IOException {
    }

    @AfterEach
    void stop() {
        stripe.close();
    }

    private StripePaymentGateway gateway(int retries) {
        return new StripePaymentGateway(new StripeSettings(stripe.baseUrl(), SECRET, Duration.ofSeconds(2), READ_TIMEOUT, retries));
    }

    private static String charge(String id, String status, String orderId) {
        return """
                {"id":"%s","object":"charge","amount":1999,"amount_refunded":0,"currency":"usd","status":"%s",
                 "created":%d,"metadata":{"order_id":"%s"},"outcome":null,"failure_code":null,"failure_message":null}"""
                .formatted(id, status, Instant.now().getEpochSecond(), orderId);
    }

    @Test
    void the_charge_request_carries_token_amount_currency_order_tag_key_and_secret_key() {
        stripe.then(Reply.of(200, charge("ch_1", "succeeded", request.orderId().value())));

        var outcome = gateway(0).charge(request);

        assertThat(outcome).isInstanceOf(ChargeOutcome.Approved.class);
        var sent = stripe.received().getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/charges");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + SECRET);
        assertThat(sent.header("Idempotency-Key")).isEqualTo("order-" + request.orderId().value());
        assertThat(sent.form()).contains("source=" + token.reveal(), "amount=1999", "currency=usd",
                "metadata[order_id]=" + request.orderId().value(), "description=Order " + request.orderId().value());
    }

    @Test
    void a_server_error_is_an_unknown_outcome_after_the_configured_retries() {
        stripe.then(Reply.error(500, "api_error", null, "An unknown error occurred"),
                Reply.error(500, "api_error", null, "An unknown error occurred"));

        assertThatThrownBy(() -> gateway(1).charge(request))
                .isInstanceOf(PaymentOutcomeUnknownException.class).hasMessageContaining("HTTP 500");
        // stripe-java retried the 500 once, with the same idempotency key.
        assertThat(stripe.received()).hasSize(2)
                .allSatisfy(r -> assertThat(r.header("Idempotency-Key")).isEqualTo("order-" + request.orderId().value()));
    }

    @Test
    void an_unreadable_answer_is_an_unknown_outcome() {
        stripe.then(Reply.of(502, "<html>Bad gateway</html>"));

        assertThatThrownBy(() -> gateway(0).charge(request)).isInstanceOf(PaymentOutcomeUnknownException.class);
    }

    @Test
    void a_malformed_success_is_an_unknown_outcome() {
        stripe.then(Reply.of(200, "{\"id\":\"ch_1\",\"object\":\"charge\",\"status\":\"succeeded\""));

        assertThatThrownBy(() -> gateway(0).charge(request)).isInstanceOf(PaymentOutcomeUnknownException.class);
    }

    @Test
    void a_charge_still_pending_is_an_unknown_outcome() {
        stripe.then(Reply.of(200, charge("ch_2", "pending", request.orderId().value())));

        assertThatThrownBy(() -> gateway(0).charge(request))
                .isInstanceOf(PaymentOutcomeUnknownException.class).hasMessageContaining("pending");
    }

    @Test
    void rate_limited_is_not_completed_with_the_provider_unavailable() {
        stripe.then(Reply.error(429, "invalid_request_error", "rate_limit", "Request rate limit exceeded."));

        assertThatThrownBy(() -> gateway(0).charge(request))
                .isInstanceOfSatisfying(PaymentNotCompletedException.class,
                        e -> assertThat(e.failure().kind()).isEqualTo(Kind.PROVIDER_UNAVAILABLE));
    }

    @Test
    void a_key_without_permission_is_a_merchant_error() {
        stripe.then(Reply.error(403, "invalid_request_error", null, "The provided key does not have the required permissions."));

        assertThatThrownBy(() -> gateway(0).charge(request))
                .isInstanceOfSatisfying(PaymentNotCompletedException.class,
                        e -> assertThat(e.failure().kind()).isEqualTo(Kind.MERCHANT_ERROR));
    }

    @Test
    void a_refusal_after_a_timed_out_attempt_is_unknown_because_the_first_may_have_charged() {
        // Attempt 1 reaches the server and gets no answer in time; stripe-java's retry is rate limited.
        stripe.then(Reply.of(200, charge("ch_3", "succeeded", request.orderId().value())).after(Duration.ofSeconds(4)),
                Reply.error(429, "invalid_request_error", "rate_limit", "Request rate limit exceeded."));

        assertThatThrownBy(() -> gateway(1).charge(request))
                .isInstanceOf(PaymentOutcomeUnknownException.class).hasMessageContaining("earlier attempt");
        assertThat(stripe.received()).hasSize(2);
    }

    @Test
    void a_refund_stripe_reports_failed_is_not_completed() {
        stripe.then(Reply.of(200, """
                {"id":"re_1","object":"refund","amount":500,"charge":"ch_1","currency":"usd","status":"failed",
                 "failure_reason":"expired_or_canceled_card"}"""));
        var key = PaymentKey.forRefund(request.orderId());

        assertThatThrownBy(() -> gateway(0).refund(ChargeId.of("ch_1"), Money.of(5_00, "usd"), key))
                .isInstanceOfSatisfying(PaymentNotCompletedException.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(Kind.MERCHANT_ERROR);
                    assertThat(e.failure().message()).contains("expired_or_canceled_card");
                });
        assertThat(stripe.received().getFirst().header("Idempotency-Key")).isEqualTo("refund-" + request.orderId().value());
        assertThat(stripe.received().getFirst().form()).contains("charge=ch_1", "amount=500");
    }

    @Test
    void the_order_search_asks_from_not_before_in_whole_seconds_and_follows_has_more() {
        String other = orderId().value();
        stripe.then(
                Reply.of(200, "{\"object\":\"list\",\"url\":\"/v1/charges\",\"has_more\":true,\"data\":["
                        + charge("ch_other", "succeeded", other) + "]}"),
                Reply.of(200, "{\"object\":\"list\",\"url\":\"/v1/charges\",\"has_more\":false,\"data\":["
                        + charge("ch_mine", "succeeded", request.orderId().value()) + "]}"));

        var found = gateway(0).findChargeForOrder(request.orderId(), Instant.ofEpochSecond(1_767_225_600, 999_000_000));

        assertThat(found).hasValueSatisfying(o -> assertThat(((ChargeOutcome.Approved) o).charge().id()).isEqualTo(ChargeId.of("ch_mine")));
        var first = URLDecoder.decode(stripe.received().get(0).query(), StandardCharsets.UTF_8);
        var second = URLDecoder.decode(stripe.received().get(1).query(), StandardCharsets.UTF_8);
        assertThat(first).contains("created[gte]=1767225600", "limit=100").doesNotContain("starting_after");
        assertThat(second).contains("created[gte]=1767225600", "starting_after=ch_other");
    }

    @Test
    void a_pending_charge_for_the_order_makes_the_search_unknown_rather_than_empty() {
        stripe.then(Reply.of(200, "{\"object\":\"list\",\"url\":\"/v1/charges\",\"has_more\":false,\"data\":["
                + charge("ch_4", "pending", request.orderId().value()) + "]}"));

        assertThatThrownBy(() -> gateway(0).findChargeForOrder(request.orderId(), Instant.now().minusSeconds(60)))
                .isInstanceOf(PaymentOutcomeUnknownException.class);
    }
}
