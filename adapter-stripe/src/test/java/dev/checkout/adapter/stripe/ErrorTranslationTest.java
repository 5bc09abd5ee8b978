package dev.checkout.adapter.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeError;
import dev.checkout.adapter.stripe.AttemptRecordingHttpClient.Attempts;
import dev.checkout.adapter.stripe.ErrorTranslation.Call;
import dev.checkout.domain.payment.PaymentFailure.Kind;
import dev.checkout.domain.port.PaymentNotCompletedException;
import dev.checkout.domain.port.PaymentOutcomeUnknownException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The translation table of {@link StripePaymentGateway}, row by row, with the exceptions stripe-java builds. */
class ErrorTranslationTest {
    private static final String TOKEN = "tok_1QbCdEfGhIjKlMnOpQrStUvW";
    private static final String SECRET = "sk_test_51HqLyjWDarjtT1zdp7dcXYZ0123456789abcdefghijklmnopWxYz";
    private static final Redactor REDACTOR = Redactor.hiding(SECRET, "sk_test_…WxYz").alsoHiding(TOKEN, "tok_…UvWx");

    private final ErrorTranslation translation = new ErrorTranslation("http://127.0.0.1:1", Duration.ofMillis(750));

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(Call.CHARGE, invalid(400, "token_already_used", null, "You cannot use a Stripe token more than once: " + TOKEN + "."), Kind.INVALID_PAYMENT_DETAILS),
                Arguments.of(Call.CHARGE, invalid(400, "token_in_use", "source", "There is currently another in-progress request using this Stripe token"), Kind.INVALID_PAYMENT_DETAILS),
                Arguments.of(Call.CHARGE, invalid(400, "resource_missing", "source", "No such token: '" + TOKEN + "'"), Kind.INVALID_PAYMENT_DETAILS),
                Arguments.of(Call.CHARGE, invalid(400, "resource_missing", null, "No such token: '" + TOKEN + "'"), Kind.INVALID_PAYMENT_DETAILS),
                Arguments.of(Call.CHARGE, invalid(400, "parameter_missing", "amount", "Missing required param: amount."), Kind.MERCHANT_ERROR),
                Arguments.of(Call.CHARGE, invalid(400, "amount_too_small", "amount", "Amount must be at least $0.50 usd"), Kind.MERCHANT_ERROR),
                Arguments.of(Call.CHARGE, invalid(400, "rate_limit", null, "Request rate limit exceeded."), Kind.PROVIDER_UNAVAILABLE),
                Arguments.of(Call.CHARGE, withError(new AuthenticationException("Invalid API Key provided: " + SECRET, "req_1", null, 401), "invalid_request_error", null), Kind.MERCHANT_ERROR),
                Arguments.of(Call.CHARGE, withError(new PermissionException("The provided key does not have access", "req_1", null, 403), "invalid_request_error", null), Kind.MERCHANT_ERROR),
                Arguments.of(Call.CHARGE, withError(new IdempotencyException("Keys for idempotent requests can only be used with the same parameters", "req_1", null, 400), "idempotency_error", null), Kind.MERCHANT_ERROR),
                Arguments.of(Call.CHARGE, withError(new RateLimitException("Request rate limit exceeded.", null, "req_1", "rate_limit", 429, null), "invalid_request_error", "rate_limit"), Kind.PROVIDER_UNAVAILABLE),
                Arguments.of(Call.REFUND, invalid(400, "charge_already_refunded", null, "Charge ch_1 has already been refunded."), Kind.MERCHANT_ERROR),
                Arguments.of(Call.REFUND, invalid(400, "token_already_used", null, "not about a token in a refund"), Kind.MERCHANT_ERROR),
                Arguments.of(Call.REFUND, withError(new CardException("Your card was declined.", "req_1", "card_declined", null, "generic_decline", null, 402, null), "card_error", "card_declined"), Kind.MERCHANT_ERROR),
                Arguments.of(Call.LOOKUP, withError(new AuthenticationException("Invalid API Key provided: " + SECRET, "req_1", null, 401), "invalid_request_error", null), Kind.MERCHANT_ERROR));
    }

    @ParameterizedTest(name = "{0} {1} -> not completed, {2}")
    @MethodSource("refusals")
    void a_refusal_on_the_first_attempt_is_certainly_not_completed(Call call, StripeException refusal, Kind kind) {
        var translated = translation.translate(refusal, call, "charge for order 7", answered(400), REDACTOR);

        assertThat(translated).isInstanceOfSatisfying(PaymentNotCompletedException.class, e -> {
            assertThat(e.failure().kind()).isEqualTo(kind);
            assertThat(e.failure().code()).isEqualTo(refusal.getStripeError().getCode());
            assertThat(e.failure().message()).doesNotContain("; request-id:").doesNotContain("; code:");
        });
        assertNoSecretIn(translated);
    }

    @ParameterizedTest(name = "{0} {1} after a read timeout -> unknown")
    @MethodSource("refusals")
    void a_refusal_after_an_attempt_that_timed_out_is_unknown_for_writes(Call call, StripeException refusal, Kind kind) {
        Attempts attempts = new Attempts();
        attempts.failed(connectionFailure(new SocketTimeoutException("Read timed out")));
        attempts.answered(refusal.getStatusCode());

        var translated = translation.translate(refusal, call, "charge for order 7", attempts, REDACTOR);

        if (call == Call.LOOKUP) {
            assertThat(translated).isInstanceOf(PaymentNotCompletedException.class);
        } else {
            assertThat(translated).isInstanceOf(PaymentOutcomeUnknownException.class)
                    .hasMessageContaining("earlier attempt");
        }
        assertNoSecretIn(translated);
    }

    @Test
    void the_token_in_a_provider_message_is_masked() {
        var translated = (PaymentNotCompletedException) translation.translate(
                invalid(400, "token_already_used", "source", "You cannot use a Stripe token more than once: " + TOKEN + "."),
                Call.CHARGE, "charge for order 7", answered(400), REDACTOR);

        assertThat(translated.failure().message()).isEqualTo("You cannot use a Stripe token more than once: tok_…UvWx.");
        assertThat(translated.getCause()).hasMessageContaining("code token_already_used").hasMessageContaining("request req_1");
    }

    static Stream<IOException> neverSent() {
        return Stream.of(new ConnectException("Connection refused"), new NoRouteToHostException("No route to host"),
                new UnknownHostException("api.example.invalid"), new SocketTimeoutException("Connect timed out"));
    }

    @ParameterizedTest
    @MethodSource("neverSent")
    void a_connection_never_made_means_the_provider_is_unavailable(IOException io) {
        var failure = connectionFailure(io);
        Attempts attempts = new Attempts();
        attempts.failed(failure);
        attempts.failed(failure);

        var translated = translation.translate(failure, Call.CHARGE, "charge for order 7", attempts, REDACTOR);

        assertThat(translated).isInstanceOfSatisfying(PaymentNotCompletedException.class,
                e -> assertThat(e.failure().kind()).isEqualTo(Kind.PROVIDER_UNAVAILABLE));
        assertThat(translated.getCause()).hasCause(io).hasMessageContaining("http://127.0.0.1:1");
    }

    static Stream<IOException> maybeSent() {
        return Stream.of(new SocketTimeoutException("Read timed out"), new SocketException("Connection reset"),
                new IOException("Unexpected end of file from server"), new SocketException("Broken pipe"));
    }

    @ParameterizedTest
    @MethodSource("maybeSent")
    void a_connection_lost_after_sending_is_unknown(IOException io) {
        var failure = connectionFailure(io);
        Attempts attempts = new Attempts();
        attempts.failed(failure);

        var translated = translation.translate(failure, Call.CHARGE, "charge for order 7", attempts, REDACTOR);

        assertThat(translated).isInstanceOf(PaymentOutcomeUnknownException.class)
                .hasMessageContaining("charge for order 7").hasMessageContaining("may or may not have been charged");
    }

    @Test
    void a_read_timeout_names_the_timeout() {
        var failure = connectionFailure(new SocketTimeoutException("Read timed out"));
        Attempts attempts = new Attempts();
        attempts.failed(failure);

        assertThat(translation.translate(failure, Call.REFUND, "refund of 1.00 USD", attempts, REDACTOR))
                .isInstanceOf(PaymentOutcomeUnknownException.class)
                .hasMessageContaining("read timeout of 750 ms").hasMessageContaining("refund may or may not have been made");
    }

    @Test
    void a_refused_connection_after_an_attempt_that_timed_out_is_unknown() {
        Attempts attempts = new Attempts();
        attempts.failed(connectionFailure(new SocketTimeoutException("Read timed out")));
        var refused = connectionFailure(new ConnectException("Connection refused"));
        attempts.failed(refused);

        assertThat(translation.translate(refused, Call.CHARGE, "charge for order 7", attempts, REDACTOR))
                .isInstanceOf(PaymentOutcomeUnknownException.class);
    }

    @Test
    void a_refused_connection_on_a_look_up_is_unknown() {
        var refused = connectionFailure(new ConnectException("Connection refused"));
        Attempts attempts = new Attempts();
        attempts.failed(refused);

        assertThat(translation.translate(refused, Call.LOOKUP, "look-up of charge ch_1", attempts, REDACTOR))
                .isInstanceOf(PaymentOutcomeUnknownException.class).hasMessageContaining("could not be read");
    }

    static Stream<Arguments> ambiguousAnswers() {
        return Stream.of(
                Arguments.of(Call.CHARGE, withError(new ApiException("An unknown error occurred", "req_1", null, 500, null), "api_error", null)),
                Arguments.of(Call.CHARGE, withError(new ApiException("There is currently another in-progress request using this Idempotent Key", "req_1", "idempotency_key_in_use", 409, null), "invalid_request_error", "idempotency_key_in_use")),
                Arguments.of(Call.CHARGE, new ApiException("Invalid response object from API: <html>", null, null, 502, null)),
                Arguments.of(Call.REFUND, withError(new ApiException("An unknown error occurred", "req_1", null, 503, null), "api_error", null)),
                Arguments.of(Call.LOOKUP, withError(new RateLimitException("Request rate limit exceeded.", null, "req_1", "rate_limit", 429, null), "invalid_request_error", "rate_limit")),
                Arguments.of(Call.LOOKUP, withError(new ApiException("An unknown error occurred", "req_1", null, 500, null), "api_error", null)));
    }

    @ParameterizedTest(name = "{0} {1} -> unknown")
    @MethodSource("ambiguousAnswers")
    void a_server_error_or_conflict_is_unknown(Call call, StripeException e) {
        var translated = translation.translate(e, call, "subject", answered(e.getStatusCode()), REDACTOR);

        assertThat(translated).isInstanceOf(PaymentOutcomeUnknownException.class).hasMessageContaining("HTTP " + e.getStatusCode());
    }

    @Test
    void an_unexpected_runtime_exception_is_unknown_and_redacted() {
        var translated = translation.unexpected(new NullPointerException("source of " + TOKEN), Call.CHARGE, "charge for order 7", REDACTOR);

        assertThat(translated).isInstanceOf(PaymentOutcomeUnknownException.class);
        assertNoSecretIn(translated);
    }

    @Test
    void without_any_recorded_attempt_nothing_is_proven() {
        var refused = connectionFailure(new ConnectException("Connection refused"));

        assertThat(translation.translate(refused, Call.CHARGE, "charge", new Attempts(), REDACTOR))
                .isInstanceOf(PaymentOutcomeUnknownException.class);
    }

    private static Attempts answered(int status) {
        Attempts attempts = new Attempts();
        attempts.answered(status);
        return attempts;
    }

    private static ApiConnectionException connectionFailure(IOException io) {
        return new ApiConnectionException("IOException during API request to Stripe (https://api.stripe.com): " + io.getMessage(), io);
    }

    private static InvalidRequestException invalid(int status, String code, String param, String message) {
        var e = new InvalidRequestException(message, param, "req_1", code, status, null);
        StripeError error = new StripeError();
        error.setType("invalid_request_error");
        error.setCode(code);
        error.setParam(param);
        error.setMessage(message);
        e.setStripeError(error);
        return e;
    }

    /** As stripe-java does: the error object parsed from the body rides on the exception. */
    private static <E extends StripeException> E withError(E e, String type, String code) {
        StripeError error = new StripeError();
        error.setType(type);
        error.setCode(code);
        error.setMessage(ProviderError.providerMessage(e));
        e.setStripeError(error);
        return e;
    }

    private static void assertNoSecretIn(Throwable translated) {
        for (Throwable t = translated; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN).doesNotContain(SECRET);
            assertThat(t).isNotInstanceOf(StripeException.class);
        }
    }
}
