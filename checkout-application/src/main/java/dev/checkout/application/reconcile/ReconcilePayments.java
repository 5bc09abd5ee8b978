package dev.checkout.application.reconcile;

/** The inbound port of the reconciler: settle every order whose payment outcome is not yet recorded. */
public interface ReconcilePayments {

    /** One pass over unsettled orders; safe to run concurrently with purchases and with itself on another node. */
    ReconcileReport reconcile();
}
