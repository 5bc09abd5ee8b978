package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.payment.ClientSecret;
import dev.checkout.domain.payment.PaymentAttemptId;

import java.time.Instant;

/**
 * The payment of an order that waits for the buyer to authenticate (3-D Secure): which attempt, what the browser
 * needs to run the authentication, and until when the stock stays reserved for it.
 *
 * @param attempt the provider's reference of the attempt
 * @param clientSecret what the buyer's browser needs to authenticate; sent to that buyer only
 * @param deadline the stock stays reserved until then; an order still waiting afterwards is expired by the reconciler
 *                 (the attempt canceled, the stock released)
 */
public record PendingAuthentication(PaymentAttemptId attempt, ClientSecret clientSecret, Instant deadline) {
    /**
     * Validates the record.
     *
     * @throws DomainException if a component is null
     */
    public PendingAuthentication {
        DomainException.require(attempt, "paymentAttempt");
        DomainException.require(clientSecret, "clientSecret");
        DomainException.require(deadline, "deadline");
    }

    /**
     * Whether the buyer's time is up.
     *
     * @param now the current time
     * @return true if {@code now} is after the deadline
     */
    public boolean expiredAt(Instant now) {
        return now.isAfter(deadline);
    }
}
