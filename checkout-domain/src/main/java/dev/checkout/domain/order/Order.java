package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.DeclineReason;
import dev.checkout.domain.payment.PaymentFailure;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The order aggregate: priced lines, one total, and the payment state machine
 * ({@code PENDING_PAYMENT -> PAID | DECLINED | FAILED | PAYMENT_UNKNOWN | REFUND_PENDING | REFUNDED},
 * {@code PAYMENT_UNKNOWN -> PAID | DECLINED | FAILED | REFUND_PENDING | REFUNDED}, {@code REFUND_PENDING -> REFUNDED}).
 *
 * <p>Immutable: every transition returns a new order whose {@link #version()} is one higher, which a store uses
 * for an optimistic {@code WHERE version = ?} write. Time is always passed in.
 */
public final class Order {
    /** More lines than this is not a cart but a bulk import. */
    public static final int MAX_LINES = 100;

    private final OrderId id;
    private final ClientKey clientKey;
    private final List<OrderLine> lines;
    private final Money total;
    private final OrderStatus status;
    private final ChargeId chargeId;
    private final DeclineReason declineReason;
    private final PaymentFailure failure;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final long version;

    private Order(OrderId id, ClientKey clientKey, List<OrderLine> lines, Money total, OrderStatus status,
                  ChargeId chargeId, DeclineReason declineReason, PaymentFailure failure,
                  Instant createdAt, Instant updatedAt, long version) {
        this.id = DomainException.require(id, "orderId");
        this.clientKey = clientKey;
        this.lines = List.copyOf(DomainException.require(lines, "items"));
        this.total = DomainException.require(total, "amount");
        this.status = DomainException.require(status, "status");
        this.chargeId = chargeId;
        this.declineReason = declineReason;
        this.failure = failure;
        this.createdAt = DomainException.require(createdAt, "createdAt");
        this.updatedAt = DomainException.require(updatedAt, "updatedAt");
        this.version = version;
    }

    /** A new order for priced lines, waiting for its payment. */
    public static Order place(OrderId id, Optional<ClientKey> clientKey, List<OrderLine> lines, Instant now) {
        return new Order(id, clientKey.orElse(null), validLines(lines), totalOf(lines), OrderStatus.PENDING_PAYMENT,
                null, null, null, now, now, 0);
    }

    /** An order as a store kept it; checks the same invariants as {@link #place}. */
    public static Order rehydrate(OrderId id, ClientKey clientKey, List<OrderLine> lines, Money total, OrderStatus status,
                                  ChargeId chargeId, DeclineReason declineReason, PaymentFailure failure,
                                  Instant createdAt, Instant updatedAt, long version) {
        validLines(lines);
        if (!totalOf(lines).equals(total)) {
            throw new DomainException("amount", "stored total " + total + " does not match its lines " + totalOf(lines));
        }
        return new Order(id, clientKey, lines, total, status, chargeId, declineReason, failure, createdAt, updatedAt, version);
    }

    private static List<OrderLine> validLines(List<OrderLine> lines) {
        DomainException.require(lines, "items");
        if (lines.isEmpty()) {
            throw new DomainException("items", "an order needs at least one item");
        }
        if (lines.size() > MAX_LINES) {
            throw new DomainException("items", "an order may have at most " + MAX_LINES + " items, had " + lines.size());
        }
        var seen = new HashSet<Sku>();
        for (OrderLine line : lines) {
            if (!seen.add(line.sku())) {
                throw new DomainException("items", "sku " + line.sku() + " appears twice; send one item per sku");
            }
        }
        return lines;
    }

    private static Money totalOf(List<OrderLine> lines) {
        Money sum = Money.zero(lines.getFirst().unitPrice().currency());
        for (OrderLine line : lines) {
            sum = sum.plus(line.total());
        }
        return sum;
    }

    public Order markPaid(ChargeId charge, Instant now) {
        DomainException.require(charge, "chargeId");
        return moveTo(OrderStatus.PAID, charge, null, null, now);
    }

    public Order markDeclined(DeclineReason reason, Instant now) {
        DomainException.require(reason, "reason");
        return moveTo(OrderStatus.DECLINED, chargeId, reason, null, now);
    }

    public Order markFailed(PaymentFailure why, Instant now) {
        DomainException.require(why, "failure");
        return moveTo(OrderStatus.FAILED, chargeId, null, why, now);
    }

    public Order markPaymentUnknown(Instant now) {
        return moveTo(OrderStatus.PAYMENT_UNKNOWN, chargeId, null, null, now);
    }

    /** Charged, but the order cannot be completed: the charge must be refunded. */
    public Order markRefundPending(ChargeId charge, Instant now) {
        DomainException.require(charge, "chargeId");
        return moveTo(OrderStatus.REFUND_PENDING, charge, null, null, now);
    }

    public Order markRefunded(ChargeId charge, Instant now) {
        DomainException.require(charge, "chargeId");
        return moveTo(OrderStatus.REFUNDED, charge, null, null, now);
    }

    private Order moveTo(OrderStatus next, ChargeId charge, DeclineReason decline, PaymentFailure why, Instant now) {
        DomainException.require(now, "now");
        if (!status.canMoveTo(next)) {
            throw new IllegalOrderTransitionException(id, status, next);
        }
        return new Order(id, clientKey, lines, total, next, charge, decline, why, createdAt, now, version + 1);
    }

    public OrderId id() { return id; }
    public Optional<ClientKey> clientKey() { return Optional.ofNullable(clientKey); }
    public List<OrderLine> lines() { return lines; }
    public Money total() { return total; }
    public OrderStatus status() { return status; }
    public Optional<ChargeId> chargeId() { return Optional.ofNullable(chargeId); }
    public Optional<DeclineReason> declineReason() { return Optional.ofNullable(declineReason); }
    public Optional<PaymentFailure> failure() { return Optional.ofNullable(failure); }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Order other && other.id.equals(id) && other.version == version;
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + Long.hashCode(version);
    }

    @Override
    public String toString() {
        return "Order[" + id + " " + status + " " + total + " v" + version + "]";
    }
}
