package dev.checkout.domain.port;

/**
 * Thrown by a {@link PaymentGateway} when the request may or may not have been acted on (a read timeout or lost
 * connection after sending, a 5xx, an unreadable answer, a charge still pending): money may have moved. After a
 * charge the purchase marks the order PAYMENT_UNKNOWN and keeps its stock reserved; the reconciler later asks the
 * provider ({@link PaymentGateway#findChargeForOrder}) and settles the order from the answer.
 *
 * <p>This is the safe default for anything an adapter cannot prove: see {@link PaymentNotCompletedException} for
 * the one case where the caller may give the stock back.
 */
public class PaymentOutcomeUnknownException extends RuntimeException {
    /**
     * Creates the exception.
     *
     * @param message what was attempted and why the outcome is unknown; no secrets, no raw tokens
     * @param cause the underlying error, or null
     */
    public PaymentOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception without a cause.
     *
     * @param message what was attempted and why the outcome is unknown; no secrets, no raw tokens
     */
    public PaymentOutcomeUnknownException(String message) {
        super(message);
    }
}
