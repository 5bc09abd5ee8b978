package dev.checkout.sandbox.store;

import java.util.List;
import java.util.Map;

/** A charge, immutable: every change makes a new one, so replies and idempotent replays are snapshots. */
public record Charge(String id, String accountId, boolean livemode, long sortKey, long created, long amount,
        long amountCaptured, long amountRefunded, String currency, boolean captured, String status, boolean paid,
        boolean hasBalanceTransaction, String description, Map<String, String> metadata, String receiptEmail,
        String statementDescriptor, String statementDescriptorSuffix, Map<String, Object> shipping,
        String transferGroup, String fraudUserReport, Card card, Outcome outcome, String failureCode,
        String failureMessage, List<String> refundIds, String paymentIntent, boolean threeDSecure,
        String disputeId) implements Stored {

    /** A Charges-API charge: no payment intent, no 3-D Secure, no dispute yet. */
    public Charge(String id, String accountId, boolean livemode, long sortKey, long created, long amount,
            long amountCaptured, long amountRefunded, String currency, boolean captured, String status, boolean paid,
            boolean hasBalanceTransaction, String description, Map<String, String> metadata, String receiptEmail,
            String statementDescriptor, String statementDescriptorSuffix, Map<String, Object> shipping,
            String transferGroup, String fraudUserReport, Card card, Outcome outcome, String failureCode,
            String failureMessage, List<String> refundIds) {
        this(id, accountId, livemode, sortKey, created, amount, amountCaptured, amountRefunded, currency, captured,
                status, paid, hasBalanceTransaction, description, metadata, receiptEmail, statementDescriptor,
                statementDescriptorSuffix, shipping, transferGroup, fraudUserReport, card, outcome, failureCode,
                failureMessage, refundIds, null, false, null);
    }

    /** Whether a dispute was opened on the charge ({@link #disputeId()} names it). */
    public boolean disputed() {
        return disputeId != null;
    }

    /** Derived from the charge id ({@code ch_X} -> {@code txn_X}): stable, and nothing extra to store. */
    public String balanceTransaction() {
        return hasBalanceTransaction ? "txn_" + id.substring(3) : null;
    }

    public boolean refunded() {
        return amountRefunded == amount;
    }

    public boolean failed() {
        return "failed".equals(status);
    }

    public Charge withUpdate(String newDescription, Map<String, String> newMetadata, String newReceiptEmail,
            Map<String, Object> newShipping, String newTransferGroup, String newFraudUserReport) {
        return new Charge(id, accountId, livemode, sortKey, created, amount, amountCaptured, amountRefunded, currency,
                captured, status, paid, hasBalanceTransaction, newDescription, newMetadata, newReceiptEmail,
                statementDescriptor, statementDescriptorSuffix, newShipping, newTransferGroup, newFraudUserReport,
                card, outcome, failureCode, failureMessage, refundIds, paymentIntent, threeDSecure, disputeId);
    }

    public Charge withCapture(long captured, long released, String newReceiptEmail,
            String newStatementDescriptor, String newSuffix, List<String> newRefundIds) {
        return new Charge(id, accountId, livemode, sortKey, created, amount, captured, amountRefunded + released,
                currency, true, status, paid, true, description, metadata, newReceiptEmail, newStatementDescriptor,
                newSuffix, shipping, transferGroup, fraudUserReport, card, outcome, failureCode, failureMessage,
                newRefundIds, paymentIntent, threeDSecure, disputeId);
    }

    public Charge withRefund(long refundAmount, List<String> newRefundIds) {
        return new Charge(id, accountId, livemode, sortKey, created, amount, amountCaptured,
                amountRefunded + refundAmount, currency, captured, status, paid, hasBalanceTransaction, description,
                metadata, receiptEmail, statementDescriptor, statementDescriptorSuffix, shipping, transferGroup,
                fraudUserReport, card, outcome, failureCode, failureMessage, newRefundIds, paymentIntent, threeDSecure, disputeId);
    }

    /** The charge once dispute {@code dispute} was opened on it. */
    public Charge withDispute(String dispute) {
        return new Charge(id, accountId, livemode, sortKey, created, amount, amountCaptured, amountRefunded, currency,
                captured, status, paid, hasBalanceTransaction, description, metadata, receiptEmail, statementDescriptor,
                statementDescriptorSuffix, shipping, transferGroup, fraudUserReport, card, outcome, failureCode,
                failureMessage, refundIds, paymentIntent, threeDSecure, dispute);
    }
}
