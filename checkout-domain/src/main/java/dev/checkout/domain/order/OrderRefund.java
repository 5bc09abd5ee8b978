package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.payment.RefundId;
import dev.checkout.domain.catalogue.Sku;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One refund the merchant made on an order: its place in the order's sequence of refunds (1, 2, ...), the money, the
 * units it puts back into stock, and where it stands at the provider. The provider's idempotency key is derived from
 * the order and the sequence ({@link #idempotencyKey(OrderId)}), so a retry of the same refund (ours, or the reconciler's)
 * reaches the provider as the same request, and two refunds of one order never share a key.
 *
 * @param sequence         the refund's place among the order's refunds, from 1
 * @param amount           the money given back, in the order's currency
 * @param restock          the units put back into stock once the refund is made
 * @param reason           the merchant's note, or null
 * @param status           where the refund stands
 * @param providerRefundId the provider's id ({@code re_...}) once it answered; a store keeps it unique, so that an
 *                         event about the same refund arriving later is recognised as already counted
 * @param failure          why the provider certainly did not refund, for a FAILED refund
 * @param createdAt        when the merchant asked
 * @param updatedAt        when the refund last changed
 * @param requestKey       the merchant's Idempotency-Key of the request that asked for it, or null if none was sent;
 *                         an order never has two refunds with one key, so a retried request finds its refund
 */
public record OrderRefund(int sequence, Money amount, List<RestockLine> restock, String reason, Status status,
                          RefundId providerRefundId, PaymentFailure failure, Instant createdAt, Instant updatedAt,
                          ClientKey requestKey) {

    /** Where a refund stands. */
    public enum Status {
        /** Asked of the provider; its answer is not recorded yet (in flight, or unknown: the reconciler settles it). */
        PENDING,
        /** The provider refunded; the money counts as refunded and the restock was done in the same transaction. */
        SUCCEEDED,
        /** The provider certainly did not refund; nothing changed, the money can be refunded again. */
        FAILED
    }

    /** Longest reason kept; the merchant's note, not the provider's enum. */
    public static final int MAX_REASON_LENGTH = 500;

    /**
     * Checks the refund's values; a blank reason becomes null.
     *
     * @throws DomainException if the sequence is below 1, the amount is zero, the reason too long or a part missing
     */
    public OrderRefund {
        if (sequence < 1) {
            throw new DomainException("sequence", "a refund's sequence starts at 1, was " + sequence);
        }
        DomainException.require(amount, "amount");
        if (amount.isZero()) {
            throw new DomainException("amount", "a refund must be at least 1 minor unit");
        }
        restock = List.copyOf(DomainException.require(restock, "restock"));
        if (reason != null) {
            reason = reason.strip();
            if (reason.isEmpty()) {
                reason = null;
            } else if (reason.length() > MAX_REASON_LENGTH) {
                throw new DomainException("reason", "reason may have at most " + MAX_REASON_LENGTH + " characters");
            }
        }
        DomainException.require(status, "status");
        DomainException.require(createdAt, "createdAt");
        DomainException.require(updatedAt, "updatedAt");
    }

    /**
     * A refund asked for without an Idempotency-Key.
     *
     * @param sequence         the refund's place among the order's refunds, from 1
     * @param amount           the money given back
     * @param restock          the units put back into stock once the refund is made
     * @param reason           the merchant's note, or null
     * @param status           where the refund stands
     * @param providerRefundId the provider's id once it answered, or null
     * @param failure          why the provider certainly did not refund, or null
     * @param createdAt        when the merchant asked
     * @param updatedAt        when the refund last changed
     */
    public OrderRefund(int sequence, Money amount, List<RestockLine> restock, String reason, Status status,
                       RefundId providerRefundId, PaymentFailure failure, Instant createdAt, Instant updatedAt) {
        this(sequence, amount, restock, reason, status, providerRefundId, failure, createdAt, updatedAt, null);
    }

    /**
     * The key every attempt at this refund is sent with.
     *
     * @param order the refund's order
     * @return {@code refund-<orderId>-<sequence>}
     */
    public PaymentKey idempotencyKey(OrderId order) {
        return PaymentKey.forRefund(order, sequence);
    }

    /**
     * The merchant's note.
     *
     * @return the reason, or empty if none was given
     */
    public Optional<String> reasonText() {
        return Optional.ofNullable(reason);
    }

    /**
     * The merchant's Idempotency-Key of the request that asked for this refund.
     *
     * @return the key, or empty if the request had none
     */
    public Optional<ClientKey> requestedWith() {
        return Optional.ofNullable(requestKey);
    }

    /**
     * Whether a request with this refund's key asked for the same refund: the same amount if it named one, the same
     * restock lines if it listed them, and the same reason. A request that left the amount out or asked to restock
     * everything asked for what remained at the time, which this refund is.
     *
     * @param amount  the amount the request named, or null if it left it out
     * @param restock the restock lines the request listed (empty if it asked for none), or null if it asked for
     *                everything
     * @param reason  the request's reason, or null
     * @return true if a retry of the request that made this refund
     */
    public boolean sameRequest(Money amount, List<RestockLine> restock, String reason) {
        String asked = reason == null || reason.isBlank() ? null : reason.strip();
        return (amount == null || amount.equals(this.amount))
                && (restock == null || restock.equals(this.restock))
                && java.util.Objects.equals(asked, this.reason);
    }

    /**
     * The provider's id of the refund.
     *
     * @return the id once the provider made the refund, else empty
     */
    public Optional<RefundId> providerRefund() {
        return Optional.ofNullable(providerRefundId);
    }

    /**
     * Why the provider did not make the refund.
     *
     * @return the failure of a FAILED refund, else empty
     */
    public Optional<PaymentFailure> failureReason() {
        return Optional.ofNullable(failure);
    }

    /**
     * Units of one product this refund puts back into stock.
     *
     * @param sku the product
     * @return the units, 0 if the refund puts none of it back
     */
    public int restocked(Sku sku) {
        return restock.stream().filter(line -> line.sku().equals(sku)).mapToInt(line -> line.quantity().value()).sum();
    }

    OrderRefund succeeded(RefundId id, Instant now) {
        DomainException.require(id, "refundId");
        return new OrderRefund(sequence, amount, restock, reason, Status.SUCCEEDED, id, null, createdAt, now, requestKey);
    }

    OrderRefund failed(PaymentFailure why, Instant now) {
        DomainException.require(why, "failure");
        return new OrderRefund(sequence, amount, restock, reason, Status.FAILED, null, why, createdAt, now, requestKey);
    }
}
