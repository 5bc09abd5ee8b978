package dev.checkout.application.reconcile;

/**
 * What one reconciliation pass did. {@code deferred} orders could not be decided yet and are looked at again.
 *
 * @param paid orders settled as PAID, their stock committed
 * @param declined orders settled as DECLINED, their stock released
 * @param failed orders settled as FAILED because the provider holds no charge for them, their stock released
 * @param refunded orders settled as REFUNDED (a refunded charge found, or a pending refund made), stock released
 * @param deferred orders left for a later pass: the provider could not be asked or the refund failed, the charge
 *                 may still land, or storing the settlement failed (e.g. someone else settled the order first)
 * @param reservationsSettled expired reservations of already final orders, committed or released
 */
public record ReconcileReport(int paid, int declined, int failed, int refunded, int deferred, int reservationsSettled) {
    /** A pass that found nothing to do. */
    public static final ReconcileReport NOTHING = new ReconcileReport(0, 0, 0, 0, 0, 0);

    /**
     * Everything this pass finished.
     *
     * @return the sum of every count except {@code deferred}
     */
    public int settled() {
        return paid + declined + failed + refunded + reservationsSettled;
    }

    ReconcileReport plus(ReconcileReport o) {
        return new ReconcileReport(paid + o.paid, declined + o.declined, failed + o.failed, refunded + o.refunded,
                deferred + o.deferred, reservationsSettled + o.reservationsSettled);
    }
}
