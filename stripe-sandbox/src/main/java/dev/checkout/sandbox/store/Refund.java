package dev.checkout.sandbox.store;

import java.util.Map;

/**
 * A refund. {@code destinationType} is "refund" for captured money and "reversal" for a released authorization
 * (uncaptured charge, or the remainder of a partial capture).
 */
public record Refund(String id, String accountId, boolean livemode, long sortKey, long created, long amount,
        String chargeId, String currency, String paymentMethod, String reason, Map<String, String> metadata,
        boolean hasBalanceTransaction, String destinationType, String paymentIntent) implements Stored {

    /** A refund of a Charges-API charge (no payment intent). */
    public Refund(String id, String accountId, boolean livemode, long sortKey, long created, long amount,
            String chargeId, String currency, String paymentMethod, String reason, Map<String, String> metadata,
            boolean hasBalanceTransaction, String destinationType) {
        this(id, accountId, livemode, sortKey, created, amount, chargeId, currency, paymentMethod, reason, metadata,
                hasBalanceTransaction, destinationType, null);
    }

    /** Derived from the refund id ({@code re_X} -> {@code txn_X}). */
    public String balanceTransaction() {
        return hasBalanceTransaction ? "txn_" + id.substring(3) : null;
    }

    public Refund withMetadata(Map<String, String> m) {
        return new Refund(id, accountId, livemode, sortKey, created, amount, chargeId, currency, paymentMethod,
                reason, m, hasBalanceTransaction, destinationType, paymentIntent);
    }
}
