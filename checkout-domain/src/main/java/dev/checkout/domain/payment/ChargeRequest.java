package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.OrderId;

/** Everything the provider needs to charge one order: the token, the server's own total, and the key. */
public record ChargeRequest(PaymentToken token, Money amount, OrderId orderId, PaymentKey idempotencyKey, String description) {
    public ChargeRequest {
        DomainException.require(token, "token");
        DomainException.require(amount, "amount");
        DomainException.require(orderId, "orderId");
        DomainException.require(idempotencyKey, "idempotencyKey");
    }

    public static ChargeRequest forOrder(PaymentToken token, Money amount, OrderId orderId) {
        return new ChargeRequest(token, amount, orderId, PaymentKey.forCharge(orderId), "Order " + orderId.value());
    }
}
