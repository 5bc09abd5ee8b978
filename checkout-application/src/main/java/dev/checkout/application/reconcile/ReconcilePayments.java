package dev.checkout.application.reconcile;

/** The inbound port of the reconciler: settle every order whose payment outcome is not yet recorded. */
public interface ReconcilePayments {

    /**
     * One pass over unsettled orders; safe to run concurrently with purchases and with itself on another node. The
     * embedding service calls it on a schedule (every few seconds), outside any transaction: it asks the provider
     * between its own short transactions.
     *
     * <p>Settling is idempotent per order: an order already settled by someone else is skipped (its version check
     * fails and the next pass sees the truth), and the stock operations and the provider's idempotency keys make a
     * second settlement of one order move neither stock nor money again. An order that cannot be decided yet
     * (provider unreachable, charge possibly still on its way) is counted as deferred and looked at again on the
     * next pass.
     *
     * @return what this pass did
     */
    ReconcileReport reconcile();
}
