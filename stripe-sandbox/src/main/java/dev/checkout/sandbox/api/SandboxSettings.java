package dev.checkout.sandbox.api;

import java.time.Duration;

/**
 * Everything configurable about the sandbox (property names in the module README).
 *
 * @param chargeDelay added before every POST /v1/charges and every PaymentIntent confirmation executes (slow-provider tests); zero = off
 * @param tokenRateLimit POST /v1/tokens requests per second per client IP; 0 = off
 * @param maxEvents events kept (the oldest go first, as Stripe keeps 30 days of them); each holds one or two
 *                  snapshots of its charge or refund
 * @param maxBodyBytes larger request bodies get a 413 Stripe error
 * @param webhooks how events are delivered to webhook endpoints
 * @param refundDelay added before every POST /v1/refunds executes (tests of a refund whose answer is lost); zero = off
 * @param disputeDelay how long after a dispute card's charge succeeds its dispute is opened, and after evidence with a
 *                     test keyword is submitted the dispute is settled (PaymentIntents spec 4.2, 6.4)
 */
public record SandboxSettings(Accounts accounts, Duration chargeDelay, double tokenRateLimit, int maxTokens,
        int maxCharges, int maxRefunds, int maxEvents, int maxIdempotencyKeys, Duration idempotencyRetention,
        int maxBodyBytes, boolean allowNonTestCards, boolean allowRawCardDataWithSecretKey, byte[] fingerprintSecret,
        String statementDescriptor, String receiptBaseUrl, WebhookSettings webhooks, Duration refundDelay,
        Duration disputeDelay) {

    /** How long after its charge a dispute card's dispute is opened, unless configured. */
    public static final Duration DEFAULT_DISPUTE_DELAY = Duration.ofSeconds(5);

    /** Defaults: one account pk_test_sandbox / sk_test_sandbox, no delay, no rate limit, a million tokens, charges and
     * refunds each, 200,000 events. */
    public static SandboxSettings defaults() {
        return new SandboxSettings(Accounts.parse("pk_test_sandbox:sk_test_sandbox"), Duration.ZERO, 0, 1_000_000,
                1_000_000, 1_000_000, 200_000, 2_000_000, Duration.ofHours(24), 1 << 20, false, true, null, "SANDBOX",
                "http://127.0.0.1:12111/receipts/", WebhookSettings.defaults(), Duration.ZERO, DEFAULT_DISPUTE_DELAY);
    }
}
