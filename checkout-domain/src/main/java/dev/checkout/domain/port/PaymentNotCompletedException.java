package dev.checkout.domain.port;

import dev.checkout.domain.payment.PaymentFailure;

/**
 * Thrown by a {@link PaymentGateway} when the provider certainly did not act: it received the request and refused
 * it, or the request provably never left this machine. For a charge that means no money moved, so the purchase marks
 * the order FAILED, releases its stock at once and tells the buyer what {@link #failure()} says.
 *
 * <p>Not a decline: an issuer's refusal of the card is the value {@code ChargeOutcome.Declined}. And not a
 * guess: if the request may have reached the provider, the right exception is {@link PaymentOutcomeUnknownException}.
 */
public class PaymentNotCompletedException extends RuntimeException {
    /** Why nothing happened, and who can fix it. */
    private final PaymentFailure failure;

    /**
     * Creates the exception; its message is the failure's kind, code and message.
     *
     * @param failure why nothing happened; must not be null
     * @param cause the provider's or the client library's error, or null; it must not carry secrets or tokens
     */
    public PaymentNotCompletedException(PaymentFailure failure, Throwable cause) {
        super(failure.kind() + (failure.code() == null ? "" : " (" + failure.code() + ")") + ": " + failure.message(), cause);
        this.failure = failure;
    }

    /**
     * Creates the exception without a cause.
     *
     * @param failure why nothing happened; must not be null
     */
    public PaymentNotCompletedException(PaymentFailure failure) {
        this(failure, null);
    }

    /**
     * Why nothing happened.
     *
     * @return the failure, whose kind says who can fix it and whose message may be shown to the buyer
     */
    public PaymentFailure failure() {
        return failure;
    }
}
