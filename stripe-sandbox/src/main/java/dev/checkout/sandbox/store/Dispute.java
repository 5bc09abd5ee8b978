package dev.checkout.sandbox.store;

/**
 * A dispute of a charge (PaymentIntents spec 6.1), immutable; the charge keeps its id ({@code Charge.disputeId}), so
 * each finds the other without an index. A charge has at most one here.
 *
 * @param chargeId the disputed charge
 * @param status   {@code needs_response} (a chargeback) or {@code warning_needs_response} (an inquiry), ...
 * @param reason   {@code fraudulent}, {@code product_not_received}, {@code general}, ...
 * @param inquiry  an inquiry (no funds withdrawn, the charge still refundable) rather than a chargeback
 */
public record Dispute(String id, String accountId, boolean livemode, long sortKey, long created, String chargeId,
        long amount, String currency, String status, String reason, boolean inquiry) implements Stored {
}
