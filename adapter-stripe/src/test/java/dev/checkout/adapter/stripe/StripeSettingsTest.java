package dev.checkout.adapter.stripe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StripeSettingsTest {
    private static final String REAL_LOOKING_KEY = "sk_test_51HqLyjWDarjtT1zdp7dcXYZ0123456789abcdefghijklmnopWxYz";

    @Test
    void defaults_point_at_stripe_itself() {
        var settings = StripeSettings.of(REAL_LOOKING_KEY);

        assertThat(settings.apiBase()).isEqualTo("https://api.stripe.com");
        assertThat(settings.connectTimeout()).isEqualTo(StripeSettings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(settings.readTimeout()).isEqualTo(StripeSettings.DEFAULT_READ_TIMEOUT);
        assertThat(settings.maxNetworkRetries()).isEqualTo(StripeSettings.DEFAULT_MAX_NETWORK_RETRIES);
    }

    @Test
    void a_null_api_base_means_stripe() {
        var settings = new StripeSettings(null, REAL_LOOKING_KEY, Duration.ofSeconds(1), Duration.ofSeconds(2), 0);

        assertThat(settings.apiBase()).isEqualTo(StripeSettings.STRIPE_API_BASE);
    }

    @Test
    void to_string_shows_the_key_prefix_and_last_four_only() {
        var settings = StripeSettings.of(REAL_LOOKING_KEY);

        assertThat(settings.toString()).doesNotContain(REAL_LOOKING_KEY).contains("sk_test_…WxYz");
        assertThat(settings.maskedSecretKey()).isEqualTo("sk_test_…WxYz");
    }

    @ParameterizedTest
    @CsvSource({
            "sk_test_sandbox, sk_test_…",
            "rk_live_shortish, rk_live_…",
            "sk_live_0123456789abcdefWXYZ, sk_live_…WXYZ",
            "noprefix, …"})
    void a_short_key_keeps_its_tail_hidden_too(String key, String masked) {
        assertThat(StripeSettings.mask(key)).isEqualTo(masked);
    }

    @ParameterizedTest
    @CsvSource({
            "http://127.0.0.1:12111/, http://127.0.0.1:12111",
            "https://api.stripe.com, https://api.stripe.com",
            "' http://localhost:8080// ', http://localhost:8080"})
    void the_api_base_is_normalised(String given, String expected) {
        assertThat(StripeSettings.of(REAL_LOOKING_KEY).withApiBase(given).apiBase()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:12111/v1", "ftp://example.com", "localhost:12111", "not a url", "https://x.example?y=1"})
    void a_api_base_with_a_path_or_without_http_is_refused(String base) {
        assertThatThrownBy(() -> StripeSettings.of(REAL_LOOKING_KEY).withApiBase(base))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiBase");
    }

    @Test
    void a_publishable_key_is_refused_with_a_hint() {
        assertThatThrownBy(() -> StripeSettings.of("pk_test_0123456789abcdefghijklmnop"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("publishable")
                .hasMessageNotContaining("pk_test_0123456789abcdefghijklmnop");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "sk_test_has space", "sk_test_trailing\n"})
    void a_blank_or_malformed_key_is_refused(String key) {
        assertThatThrownBy(() -> StripeSettings.of(key)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secretKey");
    }

    @Test
    void timeouts_and_retries_are_bounded() {
        var settings = StripeSettings.of(REAL_LOOKING_KEY);

        assertThatThrownBy(() -> settings.withTimeouts(Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> settings.withTimeouts(Duration.ofSeconds(1), Duration.ofDays(30))).hasMessageContaining("readTimeout");
        assertThatThrownBy(() -> settings.withMaxNetworkRetries(-1)).hasMessageContaining("maxNetworkRetries");
        assertThatThrownBy(() -> settings.withMaxNetworkRetries(11)).hasMessageContaining("maxNetworkRetries");
        assertThat(settings.withMaxNetworkRetries(0).maxNetworkRetries()).isZero();
    }
}
