package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;

/**
 * Why a charge certainly did not happen (as opposed to a decline by the issuer): the kind decides what the
 * buyer can do about it; {@code code} and {@code message} are the provider's, when it gave any.
 *
 * @param kind who can fix it
 * @param code the provider's error code (e.g. {@code token_already_used}), or null
 * @param message a text for the buyer; a null or blank one is replaced by a default for the kind, which says
 *                that nothing was charged
 */
public record PaymentFailure(Kind kind, String code, String message) {

    /** Who can fix it. */
    public enum Kind {
        /** The token is unknown, already used, or otherwise unusable: the buyer enters the card again. */
        INVALID_PAYMENT_DETAILS,
        /** The provider could not be reached or asked us to slow down: try again later. */
        PROVIDER_UNAVAILABLE,
        /** The provider refused the merchant's request (keys, permissions, parameters): the merchant must fix it. */
        MERCHANT_ERROR
    }

    /** The code of an order whose buyer did not authenticate before its deadline. */
    public static final String AUTHENTICATION_EXPIRED = "authentication_expired";

    /**
     * The buyer did not authenticate in time: the attempt was canceled and nothing was charged. Kind
     * {@link Kind#INVALID_PAYMENT_DETAILS}, since the buyer can fix it by paying again.
     *
     * @return the failure, code {@value #AUTHENTICATION_EXPIRED}
     */
    public static PaymentFailure authenticationExpired() {
        return new PaymentFailure(Kind.INVALID_PAYMENT_DETAILS, AUTHENTICATION_EXPIRED,
                "The payment was not authenticated in time, so it was canceled; nothing was charged.");
    }

    /**
     * Whether this is the failure of {@link #authenticationExpired()}.
     *
     * @return true if the code is {@value #AUTHENTICATION_EXPIRED}
     */
    public boolean isAuthenticationExpired() {
        return AUTHENTICATION_EXPIRED.equals(code);
    }

    /**
     * Validates the failure and fills in a missing message.
     *
     * @throws DomainException if {@code kind} is null
     */
    public PaymentFailure {
        DomainException.require(kind, "kind");
        if (message == null || message.isBlank()) {
            message = switch (kind) {
                case INVALID_PAYMENT_DETAILS -> "The card details could not be used; please enter them again.";
                case PROVIDER_UNAVAILABLE -> "The payment provider is unavailable; nothing was charged. Please try again shortly.";
                case MERCHANT_ERROR -> "Payments are unavailable right now; nothing was charged.";
            };
        }
    }
}
