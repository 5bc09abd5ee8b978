package dev.checkout.domain.port;

import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.payment.Charge;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.ChargeOutcome;
import dev.checkout.domain.payment.ChargeRequest;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.payment.Refund;

import java.time.Instant;
import java.util.Optional;

/**
 * A payment provider that charges tokens. Callers must never call it inside a database transaction.
 *
 * <p>Every method either returns what the provider decided, throws {@link PaymentNotCompletedException} when the
 * provider certainly did not act, or throws {@link PaymentOutcomeUnknownException} when it may have acted.
 */
public interface PaymentGateway {

    /**
     * Charges {@code request.token()} for {@code request.amount()}. The same idempotency key with the same request
     * returns the first answer again and never charges twice. A decline is a returned value, not an exception.
     */
    ChargeOutcome charge(ChargeRequest request);

    /** Refunds {@code amount} of a charge; the same key refunds once. */
    Refund refund(ChargeId charge, Money amount, PaymentKey idempotencyKey);

    /** The charge as the provider sees it now (amount refunded included), or empty if it does not exist. */
    Optional<Charge> findCharge(ChargeId charge);

    /**
     * What became of the charge this checkout attempted for {@code orderId} (it tags every charge with its order
     * id), searching charges created from {@code notBefore} on. Empty means the provider holds no charge for
     * the order: the attempt never reached it. Used by the reconciler, which cannot repeat the charge itself
     * because tokens are never stored.
     */
    Optional<ChargeOutcome> findChargeForOrder(OrderId orderId, Instant notBefore);
}
