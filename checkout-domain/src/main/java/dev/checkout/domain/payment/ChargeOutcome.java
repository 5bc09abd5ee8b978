package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;

/** What the provider decided about a charge: a value, never an exception. */
public sealed interface ChargeOutcome {

    /** The card was charged. */
    record Approved(Charge charge) implements ChargeOutcome {
        public Approved {
            DomainException.require(charge, "charge");
        }
    }

    /** The issuer refused; nothing was taken. */
    record Declined(DeclineReason reason) implements ChargeOutcome {
        public Declined {
            DomainException.require(reason, "reason");
        }
    }
}
