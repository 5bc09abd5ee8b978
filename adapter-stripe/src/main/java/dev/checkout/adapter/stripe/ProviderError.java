package dev.checkout.adapter.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeError;

import java.util.StringJoiner;

/**
 * What Stripe (or the network) said, as the cause of the port's exceptions: the status, type, codes and request id
 * an operator needs, with secrets redacted. It replaces the {@link StripeException} itself, whose message may quote
 * the raw token; the stack trace is the original's.
 */
final class ProviderError extends RuntimeException {

    private ProviderError(String message, Throwable cause) {
        super(message, cause);
    }

    static ProviderError of(StripeException e, String apiBase, Redactor redactor) {
        ProviderError error;
        if (e instanceof ApiConnectionException) {
            // The network failure itself (ConnectException, SocketTimeoutException, ...) carries no secrets.
            Throwable io = e.getCause();
            error = new ProviderError("no answer from " + apiBase + ": "
                    + (io == null ? redactor.redact(e.getMessage()) : io.toString()), io);
        } else {
            error = new ProviderError(describe(e, redactor), null);
        }
        error.setStackTrace(e.getStackTrace());
        return error;
    }

    static ProviderError of(RuntimeException e, Redactor redactor) {
        var error = new ProviderError("unexpected " + e.getClass().getName() + ": " + redactor.redact(e.getMessage()), null);
        error.setStackTrace(e.getStackTrace());
        return error;
    }

    private static String describe(StripeException e, Redactor redactor) {
        var parts = new StringJoiner(", ");
        parts.add(e.getClass().getSimpleName());
        if (e.getStatusCode() != null) {
            parts.add("HTTP " + e.getStatusCode());
        }
        StripeError error = e.getStripeError();
        if (error != null) {
            add(parts, "type", error.getType());
            add(parts, "code", error.getCode());
            add(parts, "decline code", error.getDeclineCode());
            add(parts, "param", error.getParam());
            add(parts, "charge", error.getCharge());
        } else {
            add(parts, "code", e.getCode());
        }
        add(parts, "request", e.getRequestId());
        return parts + ": " + redactor.redact(providerMessage(e));
    }

    private static void add(StringJoiner parts, String name, String value) {
        if (value != null && !value.isBlank()) {
            parts.add(name + " " + value);
        }
    }

    /** Stripe's own message, without the "; code: ...; request-id: ..." that stripe-java appends to it. */
    static String providerMessage(StripeException e) {
        StripeError error = e.getStripeError();
        if (error != null && error.getMessage() != null) {
            return error.getMessage();
        }
        String message = e.getMessage();
        if (message == null) {
            return null;
        }
        int appended = message.indexOf("; code: ");
        if (appended < 0) {
            appended = message.indexOf("; request-id: ");
        }
        return appended < 0 ? message : message.substring(0, appended);
    }
}
