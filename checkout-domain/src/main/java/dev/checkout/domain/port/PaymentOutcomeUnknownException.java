package dev.checkout.domain.port;

/**
 * The request may or may not have reached the provider (timeout, lost connection, a 5xx): money may have moved,
 * so stock must stay reserved until the reconciler finds out.
 */
public class PaymentOutcomeUnknownException extends RuntimeException {
    public PaymentOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }

    public PaymentOutcomeUnknownException(String message) {
        super(message);
    }
}
