package dev.checkout.application.reconcile;

/** What one reconciliation pass did. {@code deferred} orders could not be decided yet and are looked at again. */
public record ReconcileReport(int paid, int declined, int failed, int refunded, int deferred, int reservationsSettled) {
    public static final ReconcileReport NOTHING = new ReconcileReport(0, 0, 0, 0, 0, 0);

    public int settled() {
        return paid + declined + failed + refunded + reservationsSettled;
    }

    ReconcileReport plus(ReconcileReport o) {
        return new ReconcileReport(paid + o.paid, declined + o.declined, failed + o.failed, refunded + o.refunded,
                deferred + o.deferred, reservationsSettled + o.reservationsSettled);
    }
}
