package dev.checkout.sandbox;

import dev.checkout.sandbox.api.Accounts;
import dev.checkout.sandbox.api.SandboxApi;
import dev.checkout.sandbox.api.SandboxSettings;
import dev.checkout.sandbox.api.WebhookSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Builds the sandbox from configuration: the one place that knows the {@code sandbox.*} property names. */
@Factory
final class SandboxFactory {
    // not a placeholder default: the ':' inside would be read as a nested default
    static final String DEFAULT_KEYS = "pk_test_sandbox:sk_test_sandbox";

    @Singleton
    @Requires(missingBeans = Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    SandboxSettings settings(
            @Value("${sandbox.keys:}") String keys,
            @Value("${sandbox.charge-delay:0s}") Duration chargeDelay,
            @Value("${sandbox.refund-delay:0s}") Duration refundDelay,
            @Value("${sandbox.dispute-delay:5s}") Duration disputeDelay,
            @Value("${sandbox.token-rate-limit:0}") double tokenRateLimit,
            @Value("${sandbox.max-tokens:1000000}") int maxTokens,
            @Value("${sandbox.max-charges:1000000}") int maxCharges,
            @Value("${sandbox.max-refunds:1000000}") int maxRefunds,
            @Value("${sandbox.max-events:200000}") int maxEvents,
            @Value("${sandbox.max-idempotency-keys:2000000}") int maxIdempotencyKeys,
            @Value("${sandbox.idempotency-retention:24h}") Duration idempotencyRetention,
            @Value("${sandbox.max-body-bytes:1048576}") int maxBodyBytes,
            @Value("${sandbox.allow-non-test-cards:false}") boolean allowNonTestCards,
            @Value("${sandbox.allow-raw-card-data-with-secret-key:true}") boolean allowRawCardData,
            @Value("${sandbox.fingerprint-secret:}") String fingerprintSecret,
            @Value("${sandbox.statement-descriptor:SANDBOX}") String statementDescriptor,
            @Value("${sandbox.receipt-base-url:}") String receiptBaseUrl,
            @Value("${sandbox.webhook.retry-delays:5m,30m,2h}") List<Duration> retryDelays,
            @Value("${sandbox.webhook.connect-timeout:10s}") Duration webhookConnectTimeout,
            @Value("${sandbox.webhook.timeout:30s}") Duration webhookTimeout,
            @Value("${sandbox.webhook.max-pending:10000}") int webhookMaxPending,
            @Value("${sandbox.webhook.max-endpoints:16}") int webhookMaxEndpoints,
            @Value("${sandbox.webhook.max-rate:" + WebhookSettings.DEFAULT_MAX_RATE + "}") int webhookMaxRate,
            @Value("${sandbox.forward-to:}") String forwardTo,
            @Value("${sandbox.webhook-secret:" + WebhookSettings.DEFAULT_FORWARD_SECRET + "}") String webhookSecret,
            @Value("${micronaut.server.host:127.0.0.1}") String host,
            @Value("${micronaut.server.port:12111}") int port) {
        if (chargeDelay.isNegative()) {
            throw new IllegalArgumentException("sandbox.charge-delay must not be negative");
        }
        if (refundDelay.isNegative()) {
            throw new IllegalArgumentException("sandbox.refund-delay must not be negative");
        }
        if (disputeDelay.isNegative()) {
            throw new IllegalArgumentException("sandbox.dispute-delay must not be negative");
        }
        // a random port (tests) is not known yet here, so receipts then name the host only
        String receipts = !receiptBaseUrl.isBlank() ? receiptBaseUrl
                : "http://" + host + (port > 0 ? ":" + port : "") + "/receipts/";
        return new SandboxSettings(Accounts.parse(keys.isBlank() ? DEFAULT_KEYS : keys), chargeDelay, tokenRateLimit, positive(maxTokens, "max-tokens"),
                positive(maxCharges, "max-charges"), positive(maxRefunds, "max-refunds"),
                positive(maxEvents, "max-events"),
                positive(maxIdempotencyKeys, "max-idempotency-keys"), idempotencyRetention,
                positive(maxBodyBytes, "max-body-bytes"), allowNonTestCards, allowRawCardData,
                fingerprintSecret.isEmpty() ? null : fingerprintSecret.getBytes(StandardCharsets.UTF_8),
                statementDescriptor, receipts, new WebhookSettings(retryDelays, webhookConnectTimeout, webhookTimeout,
                positive(webhookMaxPending, "webhook.max-pending"), positive(webhookMaxEndpoints,
                "webhook.max-endpoints"), forwardTo.isBlank() ? null : forwardTo, webhookSecret,
                notNegative(webhookMaxRate, "webhook.max-rate")), refundDelay,
                disputeDelay);
    }

    @Singleton
    @Bean(preDestroy = "close")
    SandboxApi api(SandboxSettings settings, Clock clock) {
        return new SandboxApi(settings, clock);
    }

    private static int notNegative(int v, String name) {
        if (v < 0) {
            throw new IllegalArgumentException("sandbox." + name + " must not be negative (0: no limit)");
        }
        return v;
    }

    private static int positive(int v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException("sandbox." + name + " must be positive");
        }
        return v;
    }
}
