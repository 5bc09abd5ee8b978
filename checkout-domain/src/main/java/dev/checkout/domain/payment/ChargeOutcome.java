package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;

/**
 * What the provider decided about a charge: a value, never an exception. Trouble that leaves the decision unknown
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
}
