package dev.checkout.bench;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookLoadTest {
    private static final String SECRET = "whsec_0123456789abcdefABCDEF0123456789";
    private static final byte[] BODY = "{\"id\":\"evt_1\",\"object\":\"event\"}".getBytes(StandardCharsets.UTF_8);

    /** Spec 13.4, computed here independently of the receiver: HMAC-SHA256 of "t.body" keyed with the whole secret. */
    private static String sign(String secret, long t, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal());
    }

    @Test
    void a_signature_made_with_the_secret_over_t_and_the_body_is_accepted() throws Exception {
        String header = "t=1765000000,v1=" + sign(SECRET, 1765000000, BODY);

        assertThat(Receiver.valid(header, BODY, SECRET)).isTrue();
        // any one of several v1 signatures may match (a secret being rolled)
        assertThat(Receiver.valid("t=1765000000,v1=" + "00".repeat(32) + ",v1=" + sign(SECRET, 1765000000, BODY),
                BODY, SECRET)).isTrue();
    }

    @Test
    void another_secret_timestamp_or_body_and_malformed_headers_are_refused() throws Exception {
        String good = sign(SECRET, 1765000000, BODY);

        assertThat(Receiver.valid("t=1765000000,v1=" + sign("whsec_other", 1765000000, BODY), BODY, SECRET)).isFalse();
        assertThat(Receiver.valid("t=1765000001,v1=" + good, BODY, SECRET)).isFalse();
        assertThat(Receiver.valid("t=1765000000,v1=" + good, "{}".getBytes(StandardCharsets.UTF_8), SECRET)).isFalse();
        assertThat(Receiver.valid("v1=" + good, BODY, SECRET)).isFalse();
        assertThat(Receiver.valid("t=1765000000,v0=" + good, BODY, SECRET)).isFalse();
        assertThat(Receiver.valid("t=1765000000,v1=not-hex", BODY, SECRET)).isFalse();
        assertThat(Receiver.valid(null, BODY, SECRET)).isFalse();
    }

    @Test
    void heap_figures_are_read_from_the_class_histogram_and_heap_info() {
        String histogram = """
                12345:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:         20000      300000000  [B (java.base@25.0.3)
                   2:          9800         313600  dev.checkout.sandbox.api.Deliveries$Attempt
                   3:           207          19872  java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask (java.base@25.0.3)
                Total        123456      312345678
                """;
        String info = """
                12345:
                 garbage-first heap   total reserved 6291456K, committed 524288K, used 305000K [0x0000000680000000, 0x0000000800000000)
                  region size 4096K, 3 young (12288K), 0 survivors (0K)
                """;

        WebhookLoadScenario.Heap h = WebhookLoadScenario.parseHeap(histogram, info);

        assertThat(h.liveBytes()).isEqualTo(312345678L);
        assertThat(h.usedKib()).isEqualTo(305000L);
        assertThat(h.attempts()).isEqualTo(9800L);
        assertThat(h.attemptBytes()).isEqualTo(313600L);
        assertThat(h.scheduledTasks()).isEqualTo(207L);
    }

    @Test
    void rounds_interleave_every_endpoint_phase_between_two_without_one() {
        assertThat(WebhookLoadScenario.order(1)).isEqualTo("a0 b1 a1 c1 a2");
        assertThat(WebhookLoadScenario.order(3)).isEqualTo("a0 b1 a1 c1 a2 b2 a3 c2 a4 b3 a5 c3 a6");
    }

    @Test
    void the_store_option_caps_every_store_of_the_sandbox_or_leaves_its_defaults() {
        assertThat(WebhookLoadScenario.storeSettings(0)).isEmpty();
        assertThat(WebhookLoadScenario.storeSettings(200_000)).containsOnlyKeys("SANDBOX_MAX_CHARGES",
                "SANDBOX_MAX_TOKENS", "SANDBOX_MAX_IDEMPOTENCY_KEYS", "SANDBOX_MAX_EVENTS").containsValue("200000");
    }
}
