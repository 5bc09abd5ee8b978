package dev.checkout.application.purchase;

import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.payment.DeclineReason;
import dev.checkout.domain.payment.PaymentFailure;

import java.util.List;

/** How a purchase ended. Every variant is an expected outcome, mapped to HTTP in one exhaustive switch. */
public sealed interface PurchaseResult {

    /** Charged, stock committed, order PAID. */
    record Completed(Order order) implements PurchaseResult {}

    /** The issuer declined the card; the stock went back. Nothing was charged. */
    record PaymentDeclined(OrderId orderId, DeclineReason reason) implements PurchaseResult {}

    /** Not enough units of these SKUs; nothing was saved, reserved or charged. */
    record OutOfStock(List<Sku> skus) implements PurchaseResult {
        public OutOfStock {
            skus = List.copyOf(skus);
        }
    }

    /** The catalogue does not sell these SKUs; nothing was saved or charged. */
    record UnknownProducts(List<Sku> skus) implements PurchaseResult {
        public UnknownProducts {
            skus = List.copyOf(skus);
        }
    }

    /** The cart mixes products priced in different currencies, which one charge cannot pay; nothing was saved. */
    record MixedCurrencies(List<Sku> skus) implements PurchaseResult {
        public MixedCurrencies {
            skus = List.copyOf(skus);
        }
    }

    /** The buyer's total differs from the server's prices (or currency); nothing was saved or charged. */
    record PriceMismatch(Money stated, Money expected) implements PurchaseResult {}

    /** The charge's outcome is not known yet; stock stays reserved and the reconciler will settle the order. */
    record PaymentPending(OrderId orderId) implements PurchaseResult {}

    /** Certainly not charged (bad token, provider unreachable, our request refused); stock released. */
    record PaymentFailed(OrderId orderId, PaymentFailure failure) implements PurchaseResult {}

    /** Charged, but the order could not be recorded, so the charge was refunded; stock released. */
    record Refunded(OrderId orderId) implements PurchaseResult {}

    /** This Idempotency-Key was already used for a different purchase; nothing was done. */
    record KeyReused(ClientKey key, OrderId existingOrder) implements PurchaseResult {}
}
