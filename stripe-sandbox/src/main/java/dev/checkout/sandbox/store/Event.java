package dev.checkout.sandbox.store;

/**
 * Something that happened to a charge, a refund, a dispute or a PaymentIntent (spec 13.1). The object is kept as the record its table held
 * right after the change ({@code object}), and, for changes that report {@code previous_attributes}, as the record
 * right before it ({@code previous}); both are immutable snapshots, rendered when the event is read or delivered.
 *
 * @param type            e.g. {@code charge.succeeded}; its first part (and {@code charge.dispute.}) says which
 *                        table's records the snapshots are
 * @param requestId       the API request that caused it
 * @param idempotencyKey  the key that request carried, or null
 * @param pendingWebhooks endpoints that have not acknowledged it yet
 */
public record Event(String id, String accountId, boolean livemode, long sortKey, long created, String type,
        byte[] object, byte[] previous, String requestId, String idempotencyKey, int pendingWebhooks)
        implements Stored {

    /** Whether the snapshots are refunds ({@code refund.*}) rather than charges ({@code charge.*}). */
    public boolean aboutRefund() {
        return type.startsWith("refund.");
    }

    /** Whether the snapshots are PaymentIntents ({@code payment_intent.*}). */
    public boolean aboutPaymentIntent() {
        return type.startsWith("payment_intent.");
    }

    /** Whether the snapshots are disputes ({@code charge.dispute.*}) rather than charges. */
    public boolean aboutDispute() {
        return type.startsWith("charge.dispute.");
    }

    public Event withPendingWebhooks(int pending) {
        return new Event(id, accountId, livemode, sortKey, created, type, object, previous, requestId, idempotencyKey,
                pending);
    }
}
