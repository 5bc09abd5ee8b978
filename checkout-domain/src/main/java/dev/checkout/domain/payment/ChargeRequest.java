package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.OrderId;

/**
 * Everything the provider needs to charge one order: the token, the server's own total, and the key.
 *
 * @param token the buyer's single-use token
 * @param amount the total the server computed from its own prices (never the client's figure)
 * @param orderId the order being paid; the gateway tags the charge with it so the reconciler can find it
 * @param idempotencyKey the provider's idempotency key, {@code order-<orderId>} from {@link #forOrder}
 * @param description a text for the provider's records, e.g. {@code "Order ord_42"}; may be null
 */
public record ChargeRequest(PaymentToken token, Money amount, OrderId orderId, PaymentKey idempotencyKey, String description) {
    /**
     * Validates the request.
     *
     * @throws DomainException if token, amount, order id or key is null
     */
    public ChargeRequest {
        DomainException.require(token, "token");
        DomainException.require(amount, "amount");
        DomainException.require(orderId, "orderId");
        DomainException.require(idempotencyKey, "idempotencyKey");
    }

    /**
     * The request the purchase sends: key {@link PaymentKey#forCharge} and description {@code "Order <id>"}.
     *
     * @param token the buyer's token
     * @param amount the order's total
     * @param orderId the order
     * @return the request
     * @throws DomainException if an argument is null
     */
    public static ChargeRequest forOrder(PaymentToken token, Money amount, OrderId orderId) {
        return new ChargeRequest(token, amount, orderId, PaymentKey.forCharge(orderId), "Order " + orderId.value());
    }
}
