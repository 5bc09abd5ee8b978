package dev.checkout.sandbox.card;

/**
 * What a test card does when charged (spec 8.2) or confirmed on a PaymentIntent (PaymentIntents spec 4.1);
 * everything not listed behaves as {@link #SUCCEED}. The 3-D Secure cards cannot authenticate on the Charges API:
 * the ones that require it decline there with {@code authentication_required}.
 */
public enum Behaviour {
    SUCCEED,
    DECLINE_GENERIC,
    DECLINE_INSUFFICIENT_FUNDS,
    DECLINE_LOST_CARD,
    DECLINE_STOLEN_CARD,
    DECLINE_EXPIRED_CARD,
    DECLINE_INCORRECT_CVC,
    DECLINE_PROCESSING_ERROR,
    DECLINE_VELOCITY,
    BLOCK_FRAUDULENT,
    RISK_HIGHEST,
    RISK_ELEVATED,
    CVC_CHECK_FAIL,
    AVS_FAIL,
    AVS_LINE1_FAIL,
    AVS_ZIP_FAIL,
    AVS_UNAVAILABLE,
    CUSTOMER_CHARGE_FAIL,
    BYPASS_PENDING,
    DISPUTE_FRAUDULENT,
    DISPUTE_PRODUCT_NOT_RECEIVED,
    DISPUTE_INQUIRY,
    EARLY_FRAUD_WARNING,
    REFUND_PENDING,
    REFUND_FAIL,
    /** 3DS always required (3184, 3155, 3220); off-session 402 {@code authentication_required}. */
    AUTHENTICATION_REQUIRED,
    /** 3DS required on-session; off-session succeeds as if set up before (0446). */
    THREE_DS_SETUP_FOR_OFF_SESSION,
    /** 3DS required, then declined {@code insufficient_funds} (3178). */
    THREE_DS_THEN_INSUFFICIENT_FUNDS,
    /** 3DS required, then declined {@code card_declined} (1629). */
    THREE_DS_THEN_DECLINE,
    /** The 3DS lookup fails: declined {@code processing_error}, no authentication (1280). */
    THREE_DS_PROCESSING_ERROR,
    /** 3DS supported, asked only with {@code request_three_d_secure=any|challenge} (3055). */
    THREE_DS_OPTIONAL,
    /** Succeeds unless 3DS is requested, which then fails with {@code processing_error} (3097). */
    THREE_DS_OPTIONAL_PROCESSING_ERROR,
    /** A card that cannot do 3DS at all (378282246310005): never asked, succeeds. */
    THREE_DS_NOT_SUPPORTED;

    /** Whether a PaymentIntent confirmed on-session with this card needs 3DS, given request_three_d_secure. */
    public boolean needsAuthentication(boolean requested) {
        return switch (this) {
            case AUTHENTICATION_REQUIRED, THREE_DS_SETUP_FOR_OFF_SESSION, THREE_DS_THEN_INSUFFICIENT_FUNDS,
                    THREE_DS_THEN_DECLINE -> true;
            case THREE_DS_OPTIONAL -> requested;
            default -> false;
        };
    }
}
