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
 * @param deferredRefundsRecorded refunds made at the provider before their order held the charge, recorded on it now
 *                 (with the order's settlement or for an order that got its charge otherwise); not counted in
 *                 {@link #settled()}
 * @param unexplainedRefunds orders settled PAID whose charge shows more refunded than the checkout was told of (the
 *                 refund's event has not come): logged as a warning, no refund made up; not counted in {@link #settled()}
 */
public record ReconcileReport(int paid, int declined, int failed, int refunded, int deferred, int reservationsSettled,
                              int deferredRefundsRecorded, int unexplainedRefunds) {
    /** A pass that found nothing to do. */
    public static final ReconcileReport NOTHING = new ReconcileReport(0, 0, 0, 0, 0, 0);

    /**
     * A report without deferred or unexplained refunds.
     *
     * @param paid                orders settled as PAID
     * @param declined            orders settled as DECLINED
     * @param failed              orders settled as FAILED
     * @param refunded            orders settled as REFUNDED
     * @param deferred            orders left for a later pass
     * @param reservationsSettled expired reservations settled
     */
    public ReconcileReport(int paid, int declined, int failed, int refunded, int deferred, int reservationsSettled) {
        this(paid, declined, failed, refunded, deferred, reservationsSettled, 0, 0);
    }

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
                deferred + o.deferred, reservationsSettled + o.reservationsSettled,
                deferredRefundsRecorded + o.deferredRefundsRecorded, unexplainedRefunds + o.unexplainedRefunds);
    }
}
