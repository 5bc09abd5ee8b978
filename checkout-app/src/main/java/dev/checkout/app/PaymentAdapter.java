package dev.checkout.app;

import dev.checkout.adapter.stripe.StripePaymentGateway;
import dev.checkout.adapter.stripe.StripePaymentIntentsGateway;
import dev.checkout.adapter.stripe.StripeSettings;
import dev.checkout.domain.port.PaymentGateway;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which real payment adapter this checkout runs on ({@code checkout.payment-adapter}, environment variable
 * {@code CHECKOUT_PAYMENT_ADAPTER}), picked once at start. Both implement the same port and pass the same contract;
 * the rest of the checkout does not know which one it has.
 */
enum PaymentAdapter {
    /** Stripe's Charges API: a token is charged at once; no 3-D Secure. The default. */
    CHARGES("charges", StripePaymentGateway::new),
    /** Stripe's PaymentIntents API: the same token, and a buyer may be asked to authenticate (3-D Secure). */
    PAYMENT_INTENTS("payment-intents", StripePaymentIntentsGateway::new);

    private final String configValue;
    private final Function<StripeSettings, PaymentGateway> factory;

    PaymentAdapter(String configValue, Function<StripeSettings, PaymentGateway> factory) {
        this.configValue = configValue;
        this.factory = factory;
    }

    /**
     * The adapter a configuration value names.
     *
     * @throws IllegalArgumentException naming the accepted values, so that a typo stops the start with a clear message
     */
    static PaymentAdapter of(String value) {
        String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.configValue.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("checkout.payment-adapter (CHECKOUT_PAYMENT_ADAPTER) is '"
                        + value + "'; use one of " + Arrays.stream(values()).map(a -> a.configValue)
                        .collect(Collectors.joining(", "))));
    }

    PaymentGateway gateway(StripeSettings settings) {
        return factory.apply(settings);
    }

    @Override
    public String toString() {
        return configValue;
    }
}
