package dev.checkout.sandbox.store;

import java.util.Map;

/**
 * A dispute of a charge (PaymentIntents spec 6.1), immutable; the charge keeps its id ({@code Charge.disputeId}), so
 * each finds the other without an index. A charge has at most one here.
 *
 * @param chargeId        the disputed charge
 * @param paymentIntent   the charge's PaymentIntent, or null for a Charges-API charge
 * @param status          {@code needs_response}, {@code under_review}, {@code won}, {@code lost} (a chargeback) or
 *                        {@code warning_needs_response}, {@code warning_under_review}, {@code warning_closed} (an
 *                        inquiry)
 * @param reason          {@code fraudulent}, {@code product_not_received}, {@code general}, ...
 * @param inquiry         an inquiry (no funds withdrawn, the charge still refundable) rather than a chargeback; an
 *                        escalated inquiry is a chargeback from then on
 * @param dueBy           Unix seconds by which evidence is due, 0 when no response is expected
 * @param evidence        the evidence fields supplied so far (staged or submitted), by name; absent ones are null
 * @param metadata        the merchant's metadata
 * @param submissionCount how often evidence was submitted
 * @param withdrawnAt     Unix seconds when the disputed funds were withdrawn, 0 if they never were
 * @param reinstatedAt    Unix seconds when they were credited back (a won chargeback), 0 if not
 */
public record Dispute(String id, String accountId, boolean livemode, long sortKey, long created, String chargeId,
        String paymentIntent, long amount, String currency, String status, String reason, boolean inquiry,
        long dueBy, Map<String, String> evidence, Map<String, String> metadata, int submissionCount,
        long withdrawnAt, long reinstatedAt) implements Stored {

    /** Dispute fee taken with the withdrawal and credited back with a reinstatement, in the currency's minor unit. */
    public static final long FEE = 1500;

    /** Whether the dispute reached a final status ({@code won}, {@code lost}, {@code warning_closed}). */
    public boolean closed() {
        return status.equals("won") || status.equals("lost") || status.equals("warning_closed")
                || status.equals("prevented");
    }

    /** Whether evidence can still be submitted ({@code needs_response}, {@code warning_needs_response}). */
    public boolean awaitingResponse() {
        return status.equals("needs_response") || status.equals("warning_needs_response");
    }

    /** The withdrawal's balance transaction id ({@code dp_X} -> {@code txn_X}), null while none was made. */
    public String withdrawalId() {
        return withdrawnAt == 0 ? null : "txn_" + id.substring(3);
    }

    /** The reinstatement's balance transaction id ({@code dp_X} -> {@code txn_rX}), null while none was made. */
    public String reinstatementId() {
        return reinstatedAt == 0 ? null : "txn_r" + id.substring(3);
    }

    public Dispute withStatus(String newStatus) {
        return new Dispute(id, accountId, livemode, sortKey, created, chargeId, paymentIntent, amount, currency,
                newStatus, reason, inquiry, dueBy, evidence, metadata, submissionCount, withdrawnAt, reinstatedAt);
    }

    /** The dispute after an update: evidence merged, metadata replaced, and submitted or not. */
    public Dispute withResponse(Map<String, String> newEvidence, Map<String, String> newMetadata, String newStatus,
            int newSubmissionCount) {
        return new Dispute(id, accountId, livemode, sortKey, created, chargeId, paymentIntent, amount, currency,
                newStatus, reason, inquiry, dueBy, newEvidence, newMetadata, newSubmissionCount, withdrawnAt,
                reinstatedAt);
    }

    /** An inquiry escalated to a chargeback at {@code now}: funds withdrawn, evidence due again. */
    public Dispute escalated(long now, long newDueBy) {
        return new Dispute(id, accountId, livemode, sortKey, created, chargeId, paymentIntent, amount, currency,
                "needs_response", reason, false, newDueBy, evidence, metadata, submissionCount, now, reinstatedAt);
    }

    /** A chargeback won at {@code now}: the funds and the fee credited back. */
    public Dispute won(long now) {
        return new Dispute(id, accountId, livemode, sortKey, created, chargeId, paymentIntent, amount, currency,
                "won", reason, inquiry, dueBy, evidence, metadata, submissionCount, withdrawnAt, now);
    }
}
