package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;

/**
 * Why the issuer refused the card, in the provider's words: {@code code} (e.g. {@code card_declined},
 * {@code expired_card}), the finer {@code declineCode} (e.g. {@code insufficient_funds}, may be null) and a
 * message safe to show the buyer.
 *
 * @param code the provider's error code, e.g. {@code card_declined}; required
 * @param declineCode the issuer's finer reason, e.g. {@code insufficient_funds}, or null if the provider gave none
 * @param message a text for the buyer; a null or blank one becomes "Your card was declined."
 */
public record DeclineReason(String code, String declineCode, String message) {
    /**
     * Validates the reason and fills in a missing message.
     *
     * @throws DomainException if {@code code} is null
     */
    public DeclineReason {
        DomainException.require(code, "code");
        if (message == null || message.isBlank()) {
            message = "Your card was declined.";
        }
    }
}
