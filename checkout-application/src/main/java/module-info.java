/**
 * The checkout's use cases on the domain's ports, JDK + {@code dev.checkout.domain} only: the purchase
 * ({@link dev.checkout.application.purchase.PurchaseService}), payment reconciliation
 * ({@link dev.checkout.application.reconcile.PaymentReconciler}) and the read side
 * ({@link dev.checkout.application.query.ShopService}). Every package is API.
 */
module dev.checkout.application {
    requires transitive dev.checkout.domain;

    exports dev.checkout.application;
    exports dev.checkout.application.purchase;
    exports dev.checkout.application.query;
    exports dev.checkout.application.reconcile;
}
