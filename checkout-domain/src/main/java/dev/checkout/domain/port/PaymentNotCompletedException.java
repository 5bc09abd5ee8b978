package dev.checkout.domain.port;

import dev.checkout.domain.payment.PaymentFailure;

/** The provider certainly did not charge: safe to release the stock and tell the buyer. */
public class PaymentNotCompletedException extends RuntimeException {
    private final PaymentFailure failure;

    public PaymentNotCompletedException(PaymentFailure failure, Throwable cause) {
        super(failure.kind() + (failure.code() == null ? "" : " (" + failure.code() + ")") + ": " + failure.message(), cause);
        this.failure = failure;
    }

    public PaymentNotCompletedException(PaymentFailure failure) {
        this(failure, null);
    }

    public PaymentFailure failure() {
        return failure;
    }
}
