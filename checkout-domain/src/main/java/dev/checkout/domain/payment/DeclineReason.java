package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;

/**
 * Why the issuer refused the card, in the provider's words: {@code code} (e.g. {@code card_declined},
 * {@code expired_card}), the finer {@code declineCode} (e.g. {@code insufficient_funds}, may be null) and a
 * message safe to show the buyer.
 */
public record DeclineReason(String code, String declineCode, String message) {
    public DeclineReason {
        DomainException.require(code, "code");
        if (message == null || message.isBlank()) {
            message = "Your card was declined.";
        }
    }
}
