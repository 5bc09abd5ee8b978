package dev.checkout.app;

import dev.checkout.adapter.stripe.StripePaymentGateway;
import dev.checkout.adapter.stripe.StripePaymentIntentsGateway;
import dev.checkout.adapter.stripe.StripeSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code CHECKOUT_PAYMENT_ADAPTER}: the two names, and a clear refusal of anything else. */
class PaymentAdapterTest {
    private static final StripeSettings SETTINGS = StripeSettings.of("sk_test_0123456789abcdef").withApiBase("http://127.0.0.1:1");

    @Test
    void each_name_builds_its_adapter() {
        assertThat(PaymentAdapter.of("charges").gateway(SETTINGS)).isInstanceOf(StripePaymentGateway.class);
        assertThat(PaymentAdapter.of("payment-intents").gateway(SETTINGS)).isInstanceOf(StripePaymentIntentsGateway.class);
        assertThat(PaymentAdapter.of(" Payment-Intents ")).as("case and spaces do not matter").isEqualTo(PaymentAdapter.PAYMENT_INTENTS);
    }

    @Test
    void an_unknown_name_stops_the_start_naming_the_setting_and_the_choices() {
        assertThatThrownBy(() -> PaymentAdapter.of("paymentintents"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CHECKOUT_PAYMENT_ADAPTER").hasMessageContaining("'paymentintents'")
                .hasMessageContaining("charges, payment-intents");
        assertThatThrownBy(() -> PaymentAdapter.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
