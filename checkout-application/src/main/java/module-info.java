/**
 * The checkout's use cases on the domain's ports, JDK + {@code dev.checkout.domain} only: the purchase
 * ({@link dev.checkout.application.purchase.PurchaseService}), payment reconciliation
 * ({@link dev.checkout.application.reconcile.PaymentReconciler}), the read side
 * ({@link dev.checkout.application.query.ShopService}) and the merchant's side: refunds
 * ({@link dev.checkout.application.admin.RefundService}), orders, products and the summary
 * ({@link dev.checkout.application.admin.AdminService}); and the provider's events
 * ({@link dev.checkout.application.events.PaymentEventService}). Every package is API.
 */
module dev.checkout.application {
    requires transitive dev.checkout.domain;

    exports dev.checkout.application;
    exports dev.checkout.application.admin;
    exports dev.checkout.application.events;
    exports dev.checkout.application.purchase;
    exports dev.checkout.application.query;
    exports dev.checkout.application.reconcile;
}
