package dev.checkout.sandbox;

import com.stripe.StripeClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The embeddable launcher other modules use in their tests. */
class SandboxLauncherTest {
    @Test
    void starts_on_a_free_loopback_port_and_frees_it_on_close() throws Exception {
        int port;
        try (Sandbox s = Sandbox.start()) {
            port = s.port();
            assertThat(s.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(s.publishableKey()).isEqualTo("pk_test_sandbox");
            assertThat(s.secretKey()).isEqualTo("sk_test_sandbox");
            StripeClient client = StripeClient.builder().setApiKey(s.secretKey()).setApiBase(s.baseUrl()).build();
            assertThat(client.v1().charges().create(com.stripe.param.ChargeCreateParams.builder().setAmount(1000L)
                    .setCurrency("usd").setSource("tok_visa").build()).getStatus()).isEqualTo("succeeded");
        }
        assertThat(accepts(port)).isFalse();
    }

    @Test
    void takes_keys_and_knobs_from_properties() throws Exception {
        try (Sandbox s = Sandbox.start(Map.of("sandbox.keys", "pk_test_custom:sk_test_custom",
                "sandbox.charge-delay", Duration.ofMillis(1)))) {
            assertThat(s.publishableKey()).isEqualTo("pk_test_custom");
            assertThat(s.secretKey()).isEqualTo("sk_test_custom");
        }
    }

    @Test
    void the_application_defaults_to_port_12111_only_when_none_is_configured() {
        assertThat(SandboxApplication.portConfigured(new String[] {"-micronaut.server.port=9999"})).isTrue();
        assertThat(SandboxApplication.DEFAULT_PORT).isEqualTo(12111);
    }

    private static boolean accepts(int port) {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
