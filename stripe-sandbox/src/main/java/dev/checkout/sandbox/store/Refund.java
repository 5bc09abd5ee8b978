package dev.checkout.sandbox.store;

import java.util.Map;

/**
 * A refund. {@code destinationType} is "refund" for captured money and "reversal" for a released authorization
 * (uncaptured charge, or the remainder of a partial capture).
 */
public record Refund(String id, String accountId, boolean livemode, long sortKey, long created, long amount,
        String chargeId, String currency, String paymentMethod, String reason, Map<String, String> metadata,
        String balanceTransaction, String destinationType) implements Stored {

    public Refund withMetadata(Map<String, String> m) {
        return new Refund(id, accountId, livemode, sortKey, created, amount, chargeId, currency, paymentMethod,
                reason, m, balanceTransaction, destinationType);
    }
}
