/**
 * The outbound ports, in the domain's language: how the checkout reaches a payment provider
 * ({@link dev.checkout.domain.port.PaymentGateway}), stock ({@link dev.checkout.domain.port.Inventory}),
 * orders ({@link dev.checkout.domain.port.Orders}) and the merchant's prices
 * ({@link dev.checkout.domain.port.Catalogue}), and how it hears from the provider on its own: its signed events
 * ({@link dev.checkout.domain.port.PaymentEvents}), applied once ({@link dev.checkout.domain.port.ReceivedEvents}).
 * Adapters implement them; {@code checkout-testkit} ships an in-memory fake and an abstract contract test for each
 * store ({@code CatalogueContract}, {@code InventoryContract}, {@code OrdersContract}, {@code ReceivedEventsContract},
 * {@code PaymentGatewayContract}). The contracts are the executable form of these docs:
 * an adapter that passes its contract is one the use cases can rely on.
 *
 * <h2>How one purchase uses the ports</h2>
 * The purchase ({@code PurchaseService} in {@code checkout-application}) runs in three steps, and the split decides
 * what each port must guarantee:
 * <pre>
 * TX1     Catalogue.findAll       re-price the cart from the merchant's own prices
 *         Orders.add              the order, PENDING_PAYMENT (a repeated client key: DuplicateClientKeyException)
 *         Inventory.reserve       every line or none; a shortage rolls TX1 back, so no order is left
 * --      PaymentGateway.charge   outside any transaction, key "order-&lt;orderId&gt;"
 * TX2     Orders.update           PAID, DECLINED, FAILED or PAYMENT_UNKNOWN (version-checked)
 *         Inventory.commit        if PAID;  Inventory.release if DECLINED or FAILED;  nothing if unknown
 * </pre>
 * If TX2 cannot record an approved charge (and the store, read again, does not show it recorded after all), the
 * charge is refunded with key {@code "refund-<orderId>"} and the order becomes REFUNDED.
 *
 * <p>The stores ({@code Catalogue}, {@code Orders}, {@code Inventory}) therefore share one transaction, given by
 * the application's {@code TransactionRunner}: their writes inside it commit or roll back together. The gateway is
 * never called inside one.
 *
 * <h2>Crashes, retries and races</h2>
 * Anything a purchase leaves unfinished (a crash between the steps, an unknown payment outcome, a refund that
 * failed) is finished by the reconciler ({@code PaymentReconciler}), which finds such orders with
 * {@link dev.checkout.domain.port.Orders#findStale} and
 * {@link dev.checkout.domain.port.Inventory#expiredReservations}, asks the provider with
 * {@link dev.checkout.domain.port.PaymentGateway#findChargeForOrder}, and settles them with the same TX2. It may
 * run on several instances and at the same time as the purchase, which is why:
 * <ul>
 *   <li>{@code Orders.update} is an optimistic version check: of two parties settling one order, exactly one wins
 *       and the other gets {@link dev.checkout.domain.port.ConcurrentOrderUpdateException};</li>
 *   <li>every {@code Inventory} method is idempotent per order: calling it again for the same order has no further
 *       effect and answers the same, so settling stock twice cannot sell or return units twice;</li>
 *   <li>charges and refunds carry idempotency keys derived from the order id, so a retry never moves money
 *       twice.</li>
 * </ul>
 *
 * <h2>Exceptions</h2>
 * Business outcomes are values ({@code ChargeOutcome.Declined}, {@code ReservationOutcome.Insufficient}). The
 * exceptions of this package each tell the caller something it acts on:
 * {@link dev.checkout.domain.port.PaymentNotCompletedException} (no money moved: release the stock),
 * {@link dev.checkout.domain.port.PaymentOutcomeUnknownException} (money may have moved: keep the stock),
 * {@link dev.checkout.domain.port.ConcurrentOrderUpdateException} (someone else settled the order: reload) and
 * {@link dev.checkout.domain.port.DuplicateClientKeyException} (the buyer repeated a request: answer the first).
 * Any other exception from a store is a technical failure; the caller's transaction rolls back.
 */
package dev.checkout.domain.port;
