package dev.checkout.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The merchant's Stripe settings ({@code stripe.*}; environment variables {@code STRIPE_API_BASE},
 * {@code STRIPE_SECRET_KEY}, {@code STRIPE_PUBLISHABLE_KEY}, {@code STRIPE_WEBHOOK_SECRET}, ...). The secret key and the
 * webhook secret stay on the server and are never logged (see {@link #toString()}). The
 * storefront's own settings (the publishable key, the library URL) are read by adapter-rest's StorefrontController.
 */
@ConfigurationProperties("stripe")
public record StripeProperties(
        @Bindable(defaultValue = "http://127.0.0.1:12111") String apiBase,
        @Bindable(defaultValue = "sk_test_sandbox") String secretKey,
        @Bindable(defaultValue = "pk_test_sandbox") String publishableKey,
        @Bindable(defaultValue = "5s") Duration connectTimeout,
        @Bindable(defaultValue = "30s") Duration readTimeout,
        @Bindable(defaultValue = "1") int maxNetworkRetries,
        @Bindable(defaultValue = "whsec_sandboxLocalForwardingSecret0000") String webhookSecret,
        @Bindable(defaultValue = "5m") Duration webhookTolerance) {

    @Override
    public String toString() {
        return "StripeProperties[apiBase=" + apiBase + ", publishableKey=" + publishableKey + "]";
    }
}
