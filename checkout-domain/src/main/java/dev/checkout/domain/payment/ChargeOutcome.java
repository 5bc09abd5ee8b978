package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;

/**
 * What the provider decided about a charge: a value, never an exception. Approved and Declined are decisions; a
 * provider with strong customer authentication (3-D Secure) may instead answer {@link AuthenticationRequired}: no
 * decision yet, the buyer must authenticate first. A gateway that cannot ask for authentication (Stripe's Charges
 * API) never answers it. Trouble that leaves the decision unknown
 * or certain not to have been made is an exception of the gateway instead ({@code PaymentOutcomeUnknownException},
 * {@code PaymentNotCompletedException}).
 */
public sealed interface ChargeOutcome {

    /**
     * The card was charged.
     *
     * @param charge the charge, as the provider reports it (a fresh one has nothing refunded)
     */
    record Approved(Charge charge) implements ChargeOutcome {
        /**
         * Validates the outcome.
         *
         * @throws DomainException if {@code charge} is null
         */
        public Approved {
            DomainException.require(charge, "charge");
        }
    }

    /**
     * The issuer refused; nothing was taken.
     *
     * @param reason the provider's decline, with a message for the buyer
     */
    record Declined(DeclineReason reason) implements ChargeOutcome {
        /**
         * Validates the outcome.
         *
         * @throws DomainException if {@code reason} is null
         */
        public Declined {
            DomainException.require(reason, "reason");
        }
    }

    /**
     * No decision yet: the buyer must authenticate with their bank first (3-D Secure). Nothing is taken until the
     * attempt is confirmed after the authentication ({@code PaymentGateway.confirmAuthenticated}); an attempt never
     * confirmed takes nothing, and is canceled ({@code PaymentGateway.cancelAttempt}) once its order expires.
     *
     * @param attempt the provider's reference of the attempt, to confirm or cancel it later
     * @param clientSecret what the buyer's browser needs to run the authentication
     */
    record AuthenticationRequired(PaymentAttemptId attempt, ClientSecret clientSecret) implements ChargeOutcome {
        /**
         * Validates the outcome.
         *
         * @throws DomainException if a component is null
         */
        public AuthenticationRequired {
            DomainException.require(attempt, "paymentAttempt");
            DomainException.require(clientSecret, "clientSecret");
        }
    }
}
