package dev.checkout.application.purchase;

import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.payment.ClientSecret;
import dev.checkout.domain.payment.DeclineReason;
import dev.checkout.domain.payment.PaymentFailure;

import java.util.List;

/**
 * How a purchase ended. Every variant is an expected outcome, mapped to HTTP in one exhaustive switch. A repeated
 * request with the same client key gets the variant that matches its first order as that order stands now.
 */
public sealed interface PurchaseResult {

    /**
     * Charged, stock committed, order PAID.
     *
     * @param order the paid order, with its charge id, lines and total
     */
    record Completed(Order order) implements PurchaseResult {}

    /**
     * The issuer declined the card; the stock went back. Nothing was charged.
     *
     * @param orderId the DECLINED order
     * @param reason the provider's decline, with a message for the buyer
     */
    record PaymentDeclined(OrderId orderId, DeclineReason reason) implements PurchaseResult {}

    /**
     * Not enough units of these SKUs; nothing was saved, reserved or charged.
     *
     * @param skus the SKUs that were short, as {@code Inventory} named them
     */
    record OutOfStock(List<Sku> skus) implements PurchaseResult {
        /**
         * Copies the list.
         *
         * @throws NullPointerException if the list or an element is null
         */
        public OutOfStock {
            skus = List.copyOf(skus);
        }
    }

    /**
     * The catalogue does not sell these SKUs; nothing was saved or charged.
     *
     * @param skus the SKUs not in the catalogue, in the order the buyer listed them
     */
    record UnknownProducts(List<Sku> skus) implements PurchaseResult {
        /**
         * Copies the list.
         *
         * @throws NullPointerException if the list or an element is null
         */
        public UnknownProducts {
            skus = List.copyOf(skus);
        }
    }

    /**
     * The cart mixes products priced in different currencies, which one charge cannot pay; nothing was saved.
     *
     * @param skus every SKU of the cart, in the order the buyer listed them
     */
    record MixedCurrencies(List<Sku> skus) implements PurchaseResult {
        /**
         * Copies the list.
         *
         * @throws NullPointerException if the list or an element is null
         */
        public MixedCurrencies {
            skus = List.copyOf(skus);
        }
    }

    /**
     * The buyer's total differs from the server's prices (or currency); nothing was saved or charged.
     *
     * @param stated the total the buyer was shown
     * @param expected the total at the catalogue's current prices, in the catalogue's currency
     */
    record PriceMismatch(Money stated, Money expected) implements PurchaseResult {}

    /**
     * The payment's outcome is not recorded yet: unknown at the provider, charged but not yet recorded, a refund
     * still to be made, or (for a repeated key) the first purchase still in flight. Stock stays reserved and the
     * reconciler will settle the order; look it up later
     * ({@link dev.checkout.application.query.ShopQueries#order}) to learn its fate.
     *
     * @param orderId the order to look up later
     */
    record PaymentPending(OrderId orderId) implements PurchaseResult {}

    /**
     * Certainly not charged (bad token, provider unreachable, our request refused); stock released.
     *
     * @param orderId the FAILED order
     * @param failure why, and who can fix it
     */
    record PaymentFailed(OrderId orderId, PaymentFailure failure) implements PurchaseResult {}

    /**
     * Charged, but the order could not be recorded, so the charge was refunded; stock released.
     *
     * @param orderId the REFUNDED order
     */
    record Refunded(OrderId orderId) implements PurchaseResult {}

    /**
     * This Idempotency-Key was already used for a different purchase (other items, quantities or total); nothing
     * was done.
     *
     * @param key the reused key
     * @param existingOrder the order the key belongs to
     */
    record KeyReused(ClientKey key, OrderId existingOrder) implements PurchaseResult {}

    /**
     * The provider asks the buyer to authenticate (3-D Secure) before it decides. The order is
     * AWAITING_AUTHENTICATION with its stock reserved until its deadline; nothing is charged yet. The buyer's browser
     * runs the authentication with {@code clientSecret}, then the purchase is finished with
     * {@link PurchaseUseCase#confirm}.
     *
     * @param orderId the order to confirm
     * @param clientSecret what the buyer's browser needs to authenticate; for this buyer only
     */
    record AuthenticationRequired(OrderId orderId, ClientSecret clientSecret) implements PurchaseResult {}

    /**
     * The buyer did not authenticate before the order's deadline: the attempt was canceled, the stock went back, and
     * nothing was charged. A new purchase is needed.
     *
     * @param orderId the FAILED order
     */
    record AuthenticationExpired(OrderId orderId) implements PurchaseResult {}
}
