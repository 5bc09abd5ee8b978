package dev.checkout.sandbox.card;

import java.util.Map;

/**
 * Stripe's test card numbers (spec 8.1, 8.2, PaymentIntents spec 4.1), pre-made test tokens (spec 8.3) and pre-made
 * test PaymentMethods (PaymentIntents spec 3.5).
 */
public final class TestCards {
    /** A test card: what tokenizing its number would have kept. */
    public record TestCard(String number, Brand brand, String funding, Behaviour behaviour) {
        public String last4() {
            return number.substring(number.length() - 4);
        }
    }

    private static final Map<String, TestCard> BY_NUMBER;
    private static final Map<String, TestCard> BY_TOKEN;
    private static final Map<String, TestCard> BY_PAYMENT_METHOD;

    static {
        var n = new java.util.HashMap<String, TestCard>();
        // 8.1 successful cards by brand
        add(n, "4242424242424242", Brand.VISA, "credit", Behaviour.SUCCEED);
        add(n, "4000056655665556", Brand.VISA, "debit", Behaviour.SUCCEED);
        add(n, "5555555555554444", Brand.MASTERCARD, "credit", Behaviour.SUCCEED);
        add(n, "2223003122003222", Brand.MASTERCARD, "credit", Behaviour.SUCCEED);
        add(n, "5200828282828210", Brand.MASTERCARD, "debit", Behaviour.SUCCEED);
        add(n, "5105105105105100", Brand.MASTERCARD, "prepaid", Behaviour.SUCCEED);
        add(n, "378282246310005", Brand.AMEX, "credit", Behaviour.THREE_DS_NOT_SUPPORTED);
        add(n, "371449635398431", Brand.AMEX, "credit", Behaviour.SUCCEED);
        add(n, "6011111111111117", Brand.DISCOVER, "credit", Behaviour.SUCCEED);
        add(n, "6011000990139424", Brand.DISCOVER, "credit", Behaviour.SUCCEED);
        add(n, "6011981111111113", Brand.DISCOVER, "debit", Behaviour.SUCCEED);
        add(n, "3056930009020004", Brand.DINERS, "credit", Behaviour.SUCCEED);
        add(n, "36227206271667", Brand.DINERS, "credit", Behaviour.SUCCEED);
        add(n, "3566002020360505", Brand.JCB, "credit", Behaviour.SUCCEED);
        add(n, "6200000000000005", Brand.UNIONPAY, "credit", Behaviour.SUCCEED);
        add(n, "6200000000000047", Brand.UNIONPAY, "debit", Behaviour.SUCCEED);
        add(n, "6205500000000000004", Brand.UNIONPAY, "credit", Behaviour.SUCCEED);
        // 8.2 behaviour cards
        add(n, "4000000000000002", Brand.VISA, "credit", Behaviour.DECLINE_GENERIC);
        add(n, "4000000000009995", Brand.VISA, "credit", Behaviour.DECLINE_INSUFFICIENT_FUNDS);
        add(n, "4000000000009987", Brand.VISA, "credit", Behaviour.DECLINE_LOST_CARD);
        add(n, "4000000000009979", Brand.VISA, "credit", Behaviour.DECLINE_STOLEN_CARD);
        add(n, "4000000000000069", Brand.VISA, "credit", Behaviour.DECLINE_EXPIRED_CARD);
        add(n, "4000000000000127", Brand.VISA, "credit", Behaviour.DECLINE_INCORRECT_CVC);
        add(n, "4000000000000119", Brand.VISA, "credit", Behaviour.DECLINE_PROCESSING_ERROR);
        add(n, "4000000000006975", Brand.VISA, "credit", Behaviour.DECLINE_VELOCITY);
        add(n, "4100000000000019", Brand.VISA, "credit", Behaviour.BLOCK_FRAUDULENT);
        add(n, "4000000000004954", Brand.VISA, "credit", Behaviour.RISK_HIGHEST);
        add(n, "4000000000009235", Brand.VISA, "credit", Behaviour.RISK_ELEVATED);
        add(n, "4000000000000101", Brand.VISA, "credit", Behaviour.CVC_CHECK_FAIL);
        add(n, "4000000000000010", Brand.VISA, "credit", Behaviour.AVS_FAIL);
        add(n, "4000000000000028", Brand.VISA, "credit", Behaviour.AVS_LINE1_FAIL);
        add(n, "4000000000000036", Brand.VISA, "credit", Behaviour.AVS_ZIP_FAIL);
        add(n, "4000000000000044", Brand.VISA, "credit", Behaviour.AVS_UNAVAILABLE);
        add(n, "4000000000000341", Brand.VISA, "credit", Behaviour.CUSTOMER_CHARGE_FAIL);
        add(n, "4000000000000077", Brand.VISA, "credit", Behaviour.BYPASS_PENDING);
        add(n, "4000000000000259", Brand.VISA, "credit", Behaviour.DISPUTE_FRAUDULENT);
        add(n, "4000000000002685", Brand.VISA, "credit", Behaviour.DISPUTE_PRODUCT_NOT_RECEIVED);
        add(n, "4000000000001976", Brand.VISA, "credit", Behaviour.DISPUTE_INQUIRY);
        add(n, "4000000000005423", Brand.VISA, "credit", Behaviour.EARLY_FRAUD_WARNING);
        add(n, "4000000000007726", Brand.VISA, "credit", Behaviour.REFUND_PENDING);
        add(n, "4000000000005126", Brand.VISA, "credit", Behaviour.REFUND_FAIL);
        add(n, "4000002760003184", Brand.VISA, "credit", Behaviour.AUTHENTICATION_REQUIRED);
        add(n, "4000002500003155", Brand.VISA, "credit", Behaviour.AUTHENTICATION_REQUIRED);
        // PaymentIntents spec 4.1: 3-D Secure
        add(n, "4000000000003220", Brand.VISA, "credit", Behaviour.AUTHENTICATION_REQUIRED);
        add(n, "4000003800000446", Brand.VISA, "credit", Behaviour.THREE_DS_SETUP_FOR_OFF_SESSION);
        add(n, "4000008260003178", Brand.VISA, "credit", Behaviour.THREE_DS_THEN_INSUFFICIENT_FUNDS);
        add(n, "4000008400001629", Brand.VISA, "credit", Behaviour.THREE_DS_THEN_DECLINE);
        add(n, "4000008400001280", Brand.VISA, "credit", Behaviour.THREE_DS_PROCESSING_ERROR);
        add(n, "4000000000003055", Brand.VISA, "credit", Behaviour.THREE_DS_OPTIONAL);
        add(n, "4000000000003097", Brand.VISA, "credit", Behaviour.THREE_DS_OPTIONAL_PROCESSING_ERROR);
        BY_NUMBER = Map.copyOf(n);

        var t = new java.util.HashMap<String, TestCard>();
        t.put("tok_visa", n.get("4242424242424242"));
        t.put("tok_visa_debit", n.get("4000056655665556"));
        t.put("tok_mastercard", n.get("5555555555554444"));
        t.put("tok_mastercard_debit", n.get("5200828282828210"));
        t.put("tok_mastercard_prepaid", n.get("5105105105105100"));
        t.put("tok_amex", n.get("371449635398431"));
        t.put("tok_discover", n.get("6011111111111117"));
        t.put("tok_diners", n.get("3056930009020004"));
        t.put("tok_jcb", n.get("3566002020360505"));
        t.put("tok_unionpay", n.get("6200000000000005"));
        t.put("tok_chargeDeclined", n.get("4000000000000002"));
        t.put("tok_chargeDeclinedInsufficientFunds", n.get("4000000000009995"));
        t.put("tok_chargeDeclinedLostCard", n.get("4000000000009987"));
        t.put("tok_chargeDeclinedStolenCard", n.get("4000000000009979"));
        t.put("tok_chargeDeclinedExpiredCard", n.get("4000000000000069"));
        t.put("tok_chargeDeclinedIncorrectCvc", n.get("4000000000000127"));
        t.put("tok_chargeDeclinedProcessingError", n.get("4000000000000119"));
        t.put("tok_chargeDeclinedVelocityLimitExceeded", n.get("4000000000006975"));
        t.put("tok_chargeDeclinedFraudulent", n.get("4100000000000019"));
        t.put("tok_riskLevelHighest", n.get("4000000000004954"));
        t.put("tok_riskLevelElevated", n.get("4000000000009235"));
        t.put("tok_cvcCheckFail", n.get("4000000000000101"));
        t.put("tok_avsFail", n.get("4000000000000010"));
        t.put("tok_avsLine1Fail", n.get("4000000000000028"));
        t.put("tok_avsZipFail", n.get("4000000000000036"));
        t.put("tok_avsUnchecked", n.get("4000000000000044"));
        t.put("tok_chargeCustomerFail", n.get("4000000000000341"));
        t.put("tok_createDispute", n.get("4000000000000259"));
        t.put("tok_createDisputeProductNotReceived", n.get("4000000000002685"));
        t.put("tok_createDisputeInquiry", n.get("4000000000001976"));
        t.put("tok_bypassPending", n.get("4000000000000077"));
        t.put("tok_refundFail", n.get("4000000000005126"));
        t.put("tok_threeDSecure2Required", n.get("4000000000003220"));
        t.put("tok_threeDSecureRequiredChargeDeclined", n.get("4000008400001629"));
        t.put("tok_threeDSecureRequiredProcessingError", n.get("4000008400001280"));
        t.put("tok_threeDSecureOptional", n.get("4000000000003055"));
        t.put("tok_threeDSecureOptionalProcessingError", n.get("4000000000003097"));
        t.put("tok_amex_threeDSecureNotSupported", n.get("378282246310005"));
        // the current test-card page spells the decline tokens tok_visa_… (PaymentIntents spec 3.5)
        for (String decline : new String[] {"chargeDeclined", "chargeDeclinedInsufficientFunds",
                "chargeDeclinedLostCard", "chargeDeclinedStolenCard", "chargeDeclinedVelocityLimitExceeded"}) {
            t.put("tok_visa_" + decline, t.get("tok_" + decline));
        }
        BY_TOKEN = Map.copyOf(t);

        // PaymentIntents spec 3.5 and 4.1: the pre-made PaymentMethods
        var m = new java.util.HashMap<String, TestCard>();
        for (String brand : new String[] {"visa", "visa_debit", "mastercard", "mastercard_debit",
                "mastercard_prepaid", "amex", "discover", "diners", "jcb", "unionpay"}) {
            m.put("pm_card_" + brand, t.get("tok_" + brand));
        }
        m.put("pm_card_us", n.get("4242424242424242"));
        for (String decline : new String[] {"chargeDeclined", "chargeDeclinedInsufficientFunds",
                "chargeDeclinedLostCard", "chargeDeclinedStolenCard", "chargeDeclinedVelocityLimitExceeded"}) {
            m.put("pm_card_visa_" + decline, t.get("tok_" + decline));
        }
        // the short decline names as the spec's list has them; both spellings work
        for (String s : new String[] {"chargeDeclined", "chargeDeclinedExpiredCard", "chargeDeclinedIncorrectCvc",
                "chargeDeclinedProcessingError", "chargeCustomerFail", "riskLevelHighest", "riskLevelElevated",
                "cvcCheckFail", "avsFail", "avsLine1Fail", "avsZipFail", "avsUnchecked", "createDispute",
                "createDisputeProductNotReceived", "createDisputeInquiry", "bypassPending", "refundFail",
                "threeDSecure2Required", "threeDSecureRequiredChargeDeclined", "threeDSecureRequiredProcessingError",
                "threeDSecureOptional", "threeDSecureOptionalProcessingError", "amex_threeDSecureNotSupported"}) {
            m.put("pm_card_" + s, t.get("tok_" + s));
        }
        m.put("pm_card_radarBlock", n.get("4100000000000019"));
        m.put("pm_card_pendingRefund", n.get("4000000000007726"));
        m.put("pm_card_createIssuerFraudRecord", n.get("4000000000005423"));
        m.put("pm_card_authenticationRequired", n.get("4000002760003184"));
        m.put("pm_card_authenticationRequiredOnSetup", n.get("4000002500003155"));
        m.put("pm_card_authenticationRequiredSetupForOffSession", n.get("4000003800000446"));
        m.put("pm_card_authenticationRequiredChargeDeclinedInsufficientFunds", n.get("4000008260003178"));
        BY_PAYMENT_METHOD = Map.copyOf(m);
    }

    private TestCards() {
    }

    private static void add(Map<String, TestCard> m, String number, Brand brand, String funding, Behaviour b) {
        m.put(number, new TestCard(number, brand, funding, b));
    }

    /** The test card with this number, or null for any other (valid) number, which then simply succeeds. */
    public static TestCard byNumber(String digits) {
        return BY_NUMBER.get(digits);
    }

    /** The card behind a pre-made, reusable test token such as {@code tok_visa}, or null. */
    public static TestCard byToken(String tokenId) {
        return BY_TOKEN.get(tokenId);
    }

    /** The card behind a pre-made, reusable test PaymentMethod such as {@code pm_card_visa}, or null. */
    public static TestCard byPaymentMethod(String id) {
        return BY_PAYMENT_METHOD.get(id);
    }

    public static Map<String, TestCard> paymentMethods() {
        return BY_PAYMENT_METHOD;
    }

    public static Map<String, TestCard> tokens() {
        return BY_TOKEN;
    }

    public static Map<String, TestCard> numbers() {
        return BY_NUMBER;
    }
}
