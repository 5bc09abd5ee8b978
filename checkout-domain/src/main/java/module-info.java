/**
 * The checkout's pure model and its outbound ports, JDK only. Every package is API: the model
 * ({@link dev.checkout.domain.money.Money}, {@link dev.checkout.domain.order.Order},
 * {@link dev.checkout.domain.payment.PaymentToken}, ...) and, in {@link dev.checkout.domain.port}, the ports an
 * embedding service implements or plugs adapters into.
 */
module dev.checkout.domain {
    exports dev.checkout.domain;
    exports dev.checkout.domain.catalogue;
    exports dev.checkout.domain.inventory;
    exports dev.checkout.domain.money;
    exports dev.checkout.domain.order;
    exports dev.checkout.domain.payment;
    exports dev.checkout.domain.port;
}
