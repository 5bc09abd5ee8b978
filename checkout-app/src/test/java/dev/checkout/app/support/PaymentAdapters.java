package dev.checkout.app.support;

/**
 * The payment adapters every test that pays runs with, as {@code checkout.payment-adapter} names them. A test class
 * runs once per adapter with {@code @ParameterizedClass @ValueSource(strings = {PaymentAdapters.CHARGES,
 * PaymentAdapters.PAYMENT_INTENTS})} and hands its parameter to {@link InProcessShop.Builder#paymentAdapter}.
 */
public final class PaymentAdapters {
    /** Stripe's Charges API, the default. */
    public static final String CHARGES = "charges";
    /** Stripe's PaymentIntents API, with 3-D Secure. */
    public static final String PAYMENT_INTENTS = "payment-intents";

    private PaymentAdapters() {
    }
}
