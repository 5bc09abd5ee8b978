package dev.checkout.domain.port;

/**
 * Thrown by {@link PaymentEvents#verify} for a request that is not a verified event of the provider: no signature, a
 * wrong one, one too old (a replay), or a body that is not an event. Its message says which, without the secret.
 */
public class PaymentEventRejectedException extends RuntimeException {
    /**
     * Creates the exception.
     *
     * @param message why the request was refused; no secrets
     * @param cause   the underlying error, or null
     */
    public PaymentEventRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
