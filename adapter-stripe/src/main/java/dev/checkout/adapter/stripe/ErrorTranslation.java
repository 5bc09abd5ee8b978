package dev.checkout.adapter.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import dev.checkout.adapter.stripe.AttemptRecordingHttpClient.Attempts;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.payment.PaymentFailure.Kind;
import dev.checkout.domain.port.PaymentNotCompletedException;
import dev.checkout.domain.port.PaymentOutcomeUnknownException;

import java.time.Duration;
import java.util.Set;

/**
 * Turns what stripe-java threw into the port's two exceptions; the table is in {@link StripePaymentGateway}'s
 * javadoc. The one rule behind it: "certainly not charged" needs proof, and anything short of proof is "unknown".
 */
final class ErrorTranslation {

    /** What kind of call failed: writes can move money, look-ups cannot. */
    enum Call { CHARGE, REFUND, LOOKUP }

    /** Codes that mean the token in {@code source} cannot be charged, whatever the card. */
    private static final Set<String> TOKEN_CODES = Set.of("token_already_used", "token_in_use");
    /** 400s that say "slow down", not "you are wrong" (Stripe sends {@code rate_limit} with 400 too). */
    private static final Set<String> BUSY_CODES = Set.of("rate_limit", "lock_timeout");

    private final String apiBase;
    private final Duration readTimeout;

    ErrorTranslation(String apiBase, Duration readTimeout) {
        this.apiBase = apiBase;
        this.readTimeout = readTimeout;
    }

    /**
     * The exception to throw for {@code e}, raised by {@code call} about {@code subject} (e.g. "charge for order 42").
     * A {@link CardException} from a charge is a decline, a value: the gateway handles it before calling this.
     */
    RuntimeException translate(StripeException e, Call call, String subject, Attempts attempts, Redactor redactor) {
        ProviderError cause = ProviderError.of(e, apiBase, redactor);
        String code = e.getStripeError() != null && e.getStripeError().getCode() != null ? e.getStripeError().getCode() : e.getCode();
        String message = redactor.redact(ProviderError.providerMessage(e));

        if (e instanceof ApiConnectionException) {
            if (call != Call.LOOKUP && !attempts.mayHaveActed()) {
                // Every attempt failed before a connection existed: the request never left this machine.
                return new PaymentNotCompletedException(new PaymentFailure(Kind.PROVIDER_UNAVAILABLE, null, null), cause);
            }
            String why = Connections.readTimedOut(e.getCause())
                    ? "no answer within the read timeout of " + readTimeout.toMillis() + " ms"
                    : "the connection to " + apiBase + " failed";
            return unknown(call, subject, why, cause);
        }

        Kind refusal = refusalKind(e, call, code);
        if (refusal == null || call == Call.LOOKUP && refusal == Kind.PROVIDER_UNAVAILABLE) {
            // 409 (same key in flight), 5xx, an unreadable answer, or an exception type this adapter does not know;
            // for a look-up also "slow down": either way we could not find out.
            String status = e.getStatusCode() == null ? "an unexpected answer" : "HTTP " + e.getStatusCode();
            return unknown(call, subject, status + (message == null ? "" : " (" + message + ")"), cause);
        }
        if (call != Call.LOOKUP && attempts.mayHaveActed()) {
            // A refusal now says nothing about an earlier attempt that timed out after sending: it may have charged.
            return unknown(call, subject, "an earlier attempt may have reached Stripe before this refusal: " + message, cause);
        }
        return new PaymentNotCompletedException(new PaymentFailure(refusal, code, message), cause);
    }

    /** Translates something stripe-java or the response mapping threw that is not a {@link StripeException}. */
    RuntimeException unexpected(RuntimeException e, Call call, String subject, Redactor redactor) {
        return unknown(call, subject, "unexpected " + e.getClass().getSimpleName(), ProviderError.of(e, redactor));
    }

    /** The kind of a definite refusal (the provider received the request and did not act), or null if not one. */
    private static Kind refusalKind(StripeException e, Call call, String code) {
        if (e instanceof RateLimitException) {
            return Kind.PROVIDER_UNAVAILABLE;
        }
        if (e instanceof AuthenticationException || e instanceof PermissionException || e instanceof IdempotencyException) {
            return Kind.MERCHANT_ERROR;
        }
        if (e instanceof InvalidRequestException invalid) {
            if (code != null && BUSY_CODES.contains(code)) {
                return Kind.PROVIDER_UNAVAILABLE;
            }
            if (call == Call.CHARGE && isAboutTheToken(code, invalid.getParam())) {
                return Kind.INVALID_PAYMENT_DETAILS;
            }
            return Kind.MERCHANT_ERROR;
        }
        if (e instanceof CardException) {
            // A 402 on a refund or a look-up: the provider refused to act, for reasons the merchant must look into.
            return Kind.MERCHANT_ERROR;
        }
        return null;
    }

    /** Reused, in-use or unknown token: the buyer can fix it by entering the card again. */
    private static boolean isAboutTheToken(String code, String param) {
        if (code != null && TOKEN_CODES.contains(code)) {
            return true;
        }
        // The charge references no other object, so a missing resource is the token ("No such token: 'tok_...'");
        // a PaymentIntent carries the token as payment_method_data[card][token].
        if ("resource_missing".equals(code)) {
            return param == null || isTheToken(param);
        }
        return param != null && isTheToken(param);
    }

    private static boolean isTheToken(String param) {
        return param.equals("source") || param.startsWith("payment_method_data");
    }

    private static PaymentOutcomeUnknownException unknown(Call call, String subject, String why, Throwable cause) {
        String consequence = switch (call) {
            case CHARGE -> "the card may or may not have been charged";
            case REFUND -> "the refund may or may not have been made";
            case LOOKUP -> "Stripe's records could not be read";
        };
        return new PaymentOutcomeUnknownException(subject + ": " + why + "; " + consequence, cause);
    }
}
