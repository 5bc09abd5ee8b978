package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.DeclineReason;
import dev.checkout.domain.payment.Dispute;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.payment.RefundId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The order aggregate: priced lines, one total, and the payment state machine
 * ({@code PENDING_PAYMENT -> PAID | DECLINED | FAILED | PAYMENT_UNKNOWN | AWAITING_AUTHENTICATION | REFUND_PENDING | REFUNDED},
 * {@code AWAITING_AUTHENTICATION -> PAID | DECLINED | FAILED | PAYMENT_UNKNOWN | REFUND_PENDING | REFUNDED},
 * {@code PAYMENT_UNKNOWN -> PAID | DECLINED | FAILED | REFUND_PENDING | REFUNDED}, {@code REFUND_PENDING -> REFUNDED}),
 * and the merchant's refunds of a paid order ({@link #requestRefund}, then {@link #refundSucceeded} or
 * {@link #refundFailed}): {@code PAID | PARTIALLY_REFUNDED -> PARTIALLY_REFUNDED | REFUNDED}. Refunds never add up to
 * more than the total, counting those still pending at the provider, and never put back more units than were sold.
 * What the provider reports on its own is recorded too: a refund made outside the checkout
 * ({@link #refundedAtProvider}) and a dispute of the charge ({@link #disputed}).
 *
 * <p>Immutable: every transition returns a new order whose {@link #version()} is one higher, which a store uses
 * for an optimistic {@code WHERE version = ?} write. Time is always passed in. A transition the state machine does
 * not allow throws {@link IllegalOrderTransitionException}; a null argument throws {@link DomainException}.
 *
 * <p>Two orders are equal when they have the same id and version, i.e. they are the same stored state.
 */
public final class Order {
    /** The most lines an order may have: more is not a cart but a bulk import. */
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
    private final List<OrderRefund> refunds;
    private final Dispute dispute;
    private final PendingAuthentication pendingAuthentication;

    private Order(OrderId id, ClientKey clientKey, List<OrderLine> lines, Money total, OrderStatus status,
                  ChargeId chargeId, DeclineReason declineReason, PaymentFailure failure,
                  Instant createdAt, Instant updatedAt, long version, List<OrderRefund> refunds) {
        this(id, clientKey, lines, total, status, chargeId, declineReason, failure, createdAt, updatedAt, version,
                refunds, null, null);
    }

    private Order(OrderId id, ClientKey clientKey, List<OrderLine> lines, Money total, OrderStatus status,
                  ChargeId chargeId, DeclineReason declineReason, PaymentFailure failure,
                  Instant createdAt, Instant updatedAt, long version, List<OrderRefund> refunds, Dispute dispute) {
        this(id, clientKey, lines, total, status, chargeId, declineReason, failure, createdAt, updatedAt, version,
                refunds, dispute, null);
    }

    private Order(OrderId id, ClientKey clientKey, List<OrderLine> lines, Money total, OrderStatus status,
                  ChargeId chargeId, DeclineReason declineReason, PaymentFailure failure,
                  Instant createdAt, Instant updatedAt, long version, List<OrderRefund> refunds,
                  PendingAuthentication pendingAuthentication) {
        this(id, clientKey, lines, total, status, chargeId, declineReason, failure, createdAt, updatedAt, version,
                refunds, null, pendingAuthentication);
    }

    private Order(OrderId id, ClientKey clientKey, List<OrderLine> lines, Money total, OrderStatus status,
                  ChargeId chargeId, DeclineReason declineReason, PaymentFailure failure,
                  Instant createdAt, Instant updatedAt, long version, List<OrderRefund> refunds, Dispute dispute,
                  PendingAuthentication pendingAuthentication) {
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
        this.refunds = List.copyOf(DomainException.require(refunds, "refunds"));
        this.dispute = dispute;
        if ((status == OrderStatus.AWAITING_AUTHENTICATION) != (pendingAuthentication != null)) {
            throw new DomainException("pendingAuthentication", "order " + id + " is " + status
                    + ": a pending authentication belongs to an AWAITING_AUTHENTICATION order, and only to one");
        }
        this.pendingAuthentication = pendingAuthentication;
    }

    /**
     * A new order for priced lines, waiting for its payment: status PENDING_PAYMENT, version 0, created and updated
     * at {@code now}, total the sum of the lines.
     *
     * @param id the order's id, from the application's id generator
     * @param clientKey the buyer's idempotency key, if one was sent
     * @param lines 1 to {@value #MAX_LINES} lines, at most one per SKU, all in one currency
     * @param now the time of placing
     * @return the new order
     * @throws DomainException if the line list is empty, too long or repeats a SKU (field {@code items}), the lines
     *         mix currencies or their sum overflows, or {@code id} or {@code now} is null
     */
    public static Order place(OrderId id, Optional<ClientKey> clientKey, List<OrderLine> lines, Instant now) {
        return new Order(id, clientKey.orElse(null), validLines(lines), totalOf(lines), OrderStatus.PENDING_PAYMENT,
                null, null, null, now, now, 0, List.of(), null, null);
    }

    /**
     * An order as a store kept it, without refunds, for adapters that load one. Checks the same invariants as {@link #place}, and
     * that {@code total} is the sum of the lines; it does not check that the details fit the status.
     *
     * @param id the order's id
     * @param clientKey the buyer's idempotency key, or null if none was sent
     * @param lines the lines, in the order they were placed
     * @param total the stored total
     * @param status the stored status
     * @param chargeId the provider's charge id, or null
     * @param declineReason the issuer's decline, or null
     * @param failure why the payment certainly failed, or null
     * @param createdAt when the order was placed
     * @param updatedAt when it last changed
     * @param version the stored version (0 when placed, one more per transition)
     * @return the order
     * @throws DomainException if the lines are invalid, {@code total} is not their sum (field {@code amount}),
     *         or a required value is null
     */
    public static Order rehydrate(OrderId id, ClientKey clientKey, List<OrderLine> lines, Money total, OrderStatus status,
                                  ChargeId chargeId, DeclineReason declineReason, PaymentFailure failure,
                                  Instant createdAt, Instant updatedAt, long version) {
        return rehydrate(id, clientKey, lines, total, status, chargeId, declineReason, failure, createdAt, updatedAt,
                version, List.of());
    }

    /**
     * An order as a store kept it, with the merchant's refunds. Checks what the other {@code rehydrate} checks, and
     * that the refunds are numbered 1, 2, ... in order.
     *
     * @param id the order's id
     * @param clientKey the buyer's idempotency key, or null if none was sent
     * @param lines the lines, in the order they were placed
     * @param total the stored total
     * @param status the stored status
     * @param chargeId the provider's charge id, or null
     * @param declineReason the issuer's decline, or null
     * @param failure why the payment certainly failed, or null
     * @param createdAt when the order was placed
     * @param updatedAt when it last changed
     * @param version the stored version (0 when placed, one more per transition)
     * @param refunds the merchant's refunds in sequence order; empty if none
     * @return the order
     * @throws DomainException if the lines, the total or the refunds' numbering are invalid
     */
    public static Order rehydrate(OrderId id, ClientKey clientKey, List<OrderLine> lines, Money total, OrderStatus status,
                                  ChargeId chargeId, DeclineReason declineReason, PaymentFailure failure,
                                  Instant createdAt, Instant updatedAt, long version, List<OrderRefund> refunds) {
        return rehydrate(id, clientKey, lines, total, status, chargeId, declineReason, failure, createdAt, updatedAt,
                version, refunds, null, null);
    }

    /**
     * An order as a store kept it, with everything a store keeps: the merchant's refunds, the dispute the provider
     * reported, and, while it is AWAITING_AUTHENTICATION, the authentication it waits for. Checks what the other
     * {@code rehydrate} methods check.
     *
     * @param id the order's id
     * @param clientKey the buyer's idempotency key, or null if none was sent
     * @param lines the lines, in the order they were placed
     * @param total the stored total
     * @param status the stored status
     * @param chargeId the provider's charge id, or null
     * @param declineReason the issuer's decline, or null
     * @param failure why the payment certainly failed, or null
     * @param createdAt when the order was placed
     * @param updatedAt when it last changed
     * @param version the stored version (0 when placed, one more per transition)
     * @param refunds the refunds in sequence order; empty if none
     * @param dispute the charge's dispute as last reported, or null if none
     * @param pendingAuthentication the authentication the order waits for, or null unless AWAITING_AUTHENTICATION
     * @return the order
     * @throws DomainException if the lines, the total, the refunds' numbering are invalid, or a pending
     *         authentication does not fit the status (field {@code pendingAuthentication})
     */
    public static Order rehydrate(OrderId id, ClientKey clientKey, List<OrderLine> lines, Money total, OrderStatus status,
                                  ChargeId chargeId, DeclineReason declineReason, PaymentFailure failure,
                                  Instant createdAt, Instant updatedAt, long version, List<OrderRefund> refunds,
                                  Dispute dispute, PendingAuthentication pendingAuthentication) {
        validLines(lines);
        if (!totalOf(lines).equals(total)) {
            throw new DomainException("amount", "stored total " + total + " does not match its lines " + totalOf(lines));
        }
        for (int i = 0; i < refunds.size(); i++) {
            if (refunds.get(i).sequence() != i + 1) {
                throw new DomainException("refunds", "order " + id + ": refund #" + (i + 1) + " has sequence " + refunds.get(i).sequence());
            }
        }
        return new Order(id, clientKey, lines, total, status, chargeId, declineReason, failure, createdAt, updatedAt,
                version, refunds, dispute, pendingAuthentication);
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

    /**
     * The charge succeeded: PAID, with the provider's charge id.
     *
     * @param charge the successful charge's id
     * @param now the time of the transition
     * @return the order one version on
     * @throws IllegalOrderTransitionException unless the order is PENDING_PAYMENT, PAYMENT_UNKNOWN or
     *         AWAITING_AUTHENTICATION
     */
    public Order markPaid(ChargeId charge, Instant now) {
        DomainException.require(charge, "chargeId");
        return moveTo(OrderStatus.PAID, charge, null, null, now);
    }

    /**
     * The issuer declined the card: DECLINED, with the reason.
     *
     * @param reason the provider's decline
     * @param now the time of the transition
     * @return the order one version on
     * @throws IllegalOrderTransitionException unless the order is PENDING_PAYMENT, PAYMENT_UNKNOWN or
     *         AWAITING_AUTHENTICATION
     */
    public Order markDeclined(DeclineReason reason, Instant now) {
        DomainException.require(reason, "reason");
        return moveTo(OrderStatus.DECLINED, chargeId, reason, null, now);
    }

    /**
     * The payment certainly did not happen: FAILED, with why.
     *
     * @param why the failure, as the gateway reported it (or as the reconciler concluded it)
     * @param now the time of the transition
     * @return the order one version on
     * @throws IllegalOrderTransitionException unless the order is PENDING_PAYMENT, PAYMENT_UNKNOWN or
     *         AWAITING_AUTHENTICATION
     */
    public Order markFailed(PaymentFailure why, Instant now) {
        DomainException.require(why, "failure");
        return moveTo(OrderStatus.FAILED, chargeId, null, why, now);
    }

    /**
     * The provider asks the buyer to authenticate before it decides: AWAITING_AUTHENTICATION, the stock still
     * reserved, until {@code authentication.deadline()}.
     *
     * @param authentication the attempt, what the buyer's browser needs, and the deadline
     * @param now the time of the transition
     * @return the order one version on
     * @throws IllegalOrderTransitionException unless the order is PENDING_PAYMENT
     */
    public Order awaitAuthentication(PendingAuthentication authentication, Instant now) {
        DomainException.require(authentication, "pendingAuthentication");
        DomainException.require(now, "now");
        if (!status.canMoveTo(OrderStatus.AWAITING_AUTHENTICATION)) {
            throw new IllegalOrderTransitionException(id, status, OrderStatus.AWAITING_AUTHENTICATION);
        }
        return new Order(id, clientKey, lines, total, OrderStatus.AWAITING_AUTHENTICATION, chargeId, null, null,
                createdAt, now, version + 1, refunds, authentication);
    }

    /**
     * The charge may or may not have happened: PAYMENT_UNKNOWN, for the reconciler to settle.
     *
     * @param now the time of the transition
     * @return the order one version on
     * @throws IllegalOrderTransitionException unless the order is PENDING_PAYMENT or AWAITING_AUTHENTICATION
     */
    public Order markPaymentUnknown(Instant now) {
        return moveTo(OrderStatus.PAYMENT_UNKNOWN, chargeId, null, null, now);
    }

    /**
     * The merchant asks for a refund of {@code amount}, putting {@code restock} back into stock once it succeeds. The
     * new refund is PENDING, numbered after the order's earlier ones; the status does not change until the provider
     * answers.
     *
     * @param amount  the money to give back, in the order's currency, at least 1 minor unit
     * @param restock the units to put back once the refund is made; empty for none
     * @param reason  the merchant's note, or null
     * @param now     the time of the request
     * @return the order one version on, with the new refund last
     * @throws RefundRefusedException when the order was not paid, when refunds (pending ones included) would exceed
     *         the total, or when more units would go back than were sold
     * @throws DomainException when the amount is zero or in another currency
     */
    public Order requestRefund(Money amount, List<RestockLine> restock, String reason, Instant now) {
        return requestRefund(amount, restock, reason, null, now);
    }

    /**
     * The merchant asks for a refund as {@link #requestRefund(Money, List, String, Instant)} does, with the
     * Idempotency-Key of the request, which the new refund keeps: an order never takes two refunds with one key.
     *
     * @param amount     the money to give back, in the order's currency, at least 1 minor unit
     * @param restock    the units to put back once the refund is made; empty for none
     * @param reason     the merchant's note, or null
     * @param requestKey the request's Idempotency-Key, or null if it had none
     * @param now        the time of the request
     * @return the order one version on, with the new refund last
     * @throws RefundRefusedException with {@link RefundRefusedException.Reason#REQUEST_KEY_USED} when one of the
     *         order's refunds was asked for with {@code requestKey} already (a retry: find it with
     *         {@link #refundRequestedWith}), or for the reasons the other {@code requestRefund} gives
     * @throws DomainException when the amount is zero or in another currency
     */
    public Order requestRefund(Money amount, List<RestockLine> restock, String reason, ClientKey requestKey, Instant now) {
        if (requestKey != null && refundRequestedWith(requestKey).isPresent()) {
            throw new RefundRefusedException(RefundRefusedException.Reason.REQUEST_KEY_USED, "Idempotency-Key",
                    "order " + id + " already has a refund asked for with this Idempotency-Key");
        }
        DomainException.require(amount, "amount");
        DomainException.require(restock, "restock");
        DomainException.require(now, "now");
        if (!status.acceptsRefunds()) {
            throw new RefundRefusedException(RefundRefusedException.Reason.NOT_REFUNDABLE, "orderId",
                    "order " + id + " is " + status + "; only a PAID or PARTIALLY_REFUNDED order can be refunded");
        }
        if (!amount.sameCurrencyAs(total)) {
            throw new DomainException("currency", "order " + id + " was paid in " + total.currency()
                    + "; a refund is in the same currency");
        }
        Money refundable = refundable();
        if (amount.compareTo(refundable) > 0) {
            throw new RefundRefusedException(RefundRefusedException.Reason.EXCEEDS_PAID, "amount",
                    "a refund of " + amount.minorUnits() + " would take refunds of order " + id + " beyond the "
                            + total.minorUnits() + " paid (" + refunded().minorUnits() + " refunded, "
                            + pendingRefunds().minorUnits() + " pending); at most " + refundable.minorUnits()
                            + " minor units can still be refunded");
        }
        var asked = new HashMap<Sku, Integer>();
        for (int i = 0; i < restock.size(); i++) {
            RestockLine line = DomainException.require(restock.get(i), "restock[" + i + "]");
            if (lines.stream().noneMatch(l -> l.sku().equals(line.sku()))) {
                throw new RefundRefusedException(RefundRefusedException.Reason.NOT_IN_ORDER, "restock[" + i + "].sku",
                        "order " + id + " has no item " + line.sku() + "; restock only SKUs the order sold");
            }
            int wanted = asked.merge(line.sku(), line.quantity().value(), Integer::sum);
            int left = restockable(line.sku());
            if (wanted > left) {
                throw new RefundRefusedException(RefundRefusedException.Reason.EXCEEDS_SOLD, "restock[" + i + "].quantity",
                        "order " + id + " sold " + quantityOf(line.sku()) + " of " + line.sku() + " and " + left
                                + " can still go back to stock; asked for " + wanted);
            }
        }
        var next = new ArrayList<>(refunds);
        next.add(new OrderRefund(refunds.size() + 1, amount, restock, reason, OrderRefund.Status.PENDING, null, null, now, now,
                requestKey));
        return new Order(id, clientKey, lines, this.total, status, chargeId, declineReason, failure, createdAt, now,
                version + 1, next, dispute);
    }

    /**
     * The refund that a request with {@code requestKey} asked for.
     *
     * @param requestKey the request's Idempotency-Key
     * @return the refund, or empty if no refund of this order was asked for with that key
     */
    public Optional<OrderRefund> refundRequestedWith(ClientKey requestKey) {
        DomainException.require(requestKey, "Idempotency-Key");
        return refunds.stream().filter(r -> requestKey.equals(r.requestKey())).findFirst();
    }

    /**
     * The provider made the {@code sequence}th refund: the money counts as refunded, and the status becomes REFUNDED
     * when all of the total is, PARTIALLY_REFUNDED otherwise.
     *
     * @param sequence       the refund's number, from 1
     * @param providerRefund the provider's id of the refund
     * @param now            the time of the answer
     * @return the order one version on
     * @throws IllegalStateException if that refund is not PENDING (it was answered already)
     */
    public Order refundSucceeded(int sequence, RefundId providerRefund, Instant now) {
        OrderRefund done = pending(sequence).succeeded(providerRefund, now);
        var next = new ArrayList<>(refunds);
        next.set(sequence - 1, done);
        Order updated = new Order(id, clientKey, lines, total, status, chargeId, declineReason, failure, createdAt, now,
                version + 1, next, dispute);
        OrderStatus after = updated.refunded().equals(total) ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
        return new Order(id, clientKey, lines, total, after, chargeId, declineReason, failure, createdAt, now,
                version + 1, next, dispute);
    }

    /**
     * The provider certainly did not make the {@code sequence}th refund: its money and units may be refunded again.
     *
     * @param sequence the refund's number, from 1
     * @param why      what the provider said
     * @param now      the time of the answer
     * @return the order one version on, its status unchanged
     * @throws IllegalStateException if that refund is not PENDING (it was answered already)
     */
    public Order refundFailed(int sequence, PaymentFailure why, Instant now) {
        OrderRefund failed = pending(sequence).failed(why, now);
        var next = new ArrayList<>(refunds);
        next.set(sequence - 1, failed);
        return new Order(id, clientKey, lines, total, status, chargeId, declineReason, failure, createdAt, now,
                version + 1, next, dispute);
    }

    /**
     * The provider reports a refund the checkout did not ask for (made in the provider's dashboard, say): it is
     * recorded as a SUCCEEDED refund with the provider's id, numbered after the order's others, that puts nothing back
     * into stock (restocking is the merchant's choice), and the status becomes REFUNDED when all of the total is
     * refunded, PARTIALLY_REFUNDED otherwise. Refunds of the checkout's own still waiting for their answer are not
     * counted against it: the provider already holds the money the two take together to the charge's amount.
     *
     * @param providerRefund the provider's id of the refund; the caller makes sure the order does not hold it yet
     * @param amount         the money refunded, in the order's currency
     * @param now            the time it was learnt
     * @return the order one version on, with the refund last
     * @throws RefundRefusedException if the order was not paid, or if the refunded money would exceed the total
     * @throws DomainException if the amount is zero or in another currency
     */
    public Order refundedAtProvider(RefundId providerRefund, Money amount, Instant now) {
        DomainException.require(providerRefund, "refundId");
        DomainException.require(amount, "amount");
        DomainException.require(now, "now");
        if (!status.acceptsRefunds()) {
            throw new RefundRefusedException(RefundRefusedException.Reason.NOT_REFUNDABLE, "orderId",
                    "order " + id + " is " + status + "; only a PAID or PARTIALLY_REFUNDED order records a refund");
        }
        if (!amount.sameCurrencyAs(total)) {
            throw new DomainException("currency", "order " + id + " was paid in " + total.currency()
                    + "; a refund is in the same currency");
        }
        if (refunded().plus(amount).compareTo(total) > 0) {
            throw new RefundRefusedException(RefundRefusedException.Reason.EXCEEDS_PAID, "amount",
                    "a refund of " + amount.minorUnits() + " would take refunds of order " + id + " beyond the "
                            + total.minorUnits() + " paid (" + refunded().minorUnits() + " refunded)");
        }
        var next = new ArrayList<>(refunds);
        next.add(new OrderRefund(refunds.size() + 1, amount, List.of(), "refunded at the provider",
                OrderRefund.Status.SUCCEEDED, providerRefund, null, now, now));
        Money after = refunded().plus(amount);
        OrderStatus nextStatus = after.equals(total) ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
        return new Order(id, clientKey, lines, total, nextStatus, chargeId, declineReason, failure, createdAt, now,
                version + 1, next, dispute);
    }

    /**
     * Whether one of the order's refunds is the provider's refund {@code providerRefund}.
     *
     * @param providerRefund the provider's refund id
     * @return true if a refund of this order was recorded with that id
     */
    public boolean holdsRefund(RefundId providerRefund) {
        return refunds.stream().anyMatch(r -> providerRefund.equals(r.providerRefundId()));
    }

    /**
     * The provider reports a dispute of the order's charge, or a change of it: recorded on the order, whatever its
     * status; money and stock stay as they are.
     *
     * @param reported the dispute as the provider reports it now
     * @param now      the time it was learnt
     * @return the order one version on with {@code reported}, or this very order if the dispute it holds was
     *         reported later, or at the same time and as far along (an older event arriving late changes nothing;
     *         {@link Dispute#supersedes})
     * @throws DomainException if an argument is null
     */
    public Order disputed(Dispute reported, Instant now) {
        DomainException.require(reported, "dispute");
        DomainException.require(now, "now");
        if (dispute != null && !reported.supersedes(dispute)) {
            return this;
        }
        return new Order(id, clientKey, lines, total, status, chargeId, declineReason, failure, createdAt, now,
                version + 1, refunds, reported);
    }

    private OrderRefund pending(int sequence) {
        if (sequence < 1 || sequence > refunds.size()) {
            throw new DomainException("sequence", "order " + id + " has no refund #" + sequence);
        }
        OrderRefund refund = refunds.get(sequence - 1);
        if (refund.status() != OrderRefund.Status.PENDING) {
            throw new IllegalStateException("refund #" + sequence + " of order " + id + " is already " + refund.status());
        }
        return refund;
    }

    /**
     * Money the provider has refunded at the merchant's request.
     *
     * @return the sum of the SUCCEEDED refunds, zero if none
     */
    public Money refunded() {
        return sum(OrderRefund.Status.SUCCEEDED);
    }

    /**
     * Money asked back of the provider whose answer is not recorded yet.
     *
     * @return the sum of the PENDING refunds, zero if none
     */
    public Money pendingRefunds() {
        return sum(OrderRefund.Status.PENDING);
    }

    /**
     * What a new refund may still take.
     *
     * @return the total less refunded and pending refunds; zero unless the order is PAID or PARTIALLY_REFUNDED
     */
    public Money refundable() {
        if (!status.acceptsRefunds()) {
            return Money.zero(total.currency());
        }
        return total.minus(refunded()).minus(pendingRefunds());
    }

    /**
     * Units of a product that a refund may still put back into stock.
     *
     * @param sku the product
     * @return the units sold less those put back (or to be put back) by refunds that did not fail; 0 for a SKU the
     *         order does not have
     */
    public int restockable(Sku sku) {
        int back = refunds.stream().filter(r -> r.status() != OrderRefund.Status.FAILED).mapToInt(r -> r.restocked(sku)).sum();
        return quantityOf(sku) - back;
    }

    private int quantityOf(Sku sku) {
        return lines.stream().filter(l -> l.sku().equals(sku)).mapToInt(l -> l.quantity().value()).sum();
    }

    private Money sum(OrderRefund.Status which) {
        Money sum = Money.zero(total.currency());
        for (OrderRefund refund : refunds) {
            if (refund.status() == which) {
                sum = sum.plus(refund.amount());
            }
        }
        return sum;
    }

    /**
     * Whether a refund of this order waits for the provider's answer.
     *
     * @return true if any refund is PENDING
     */
    public boolean hasPendingRefund() {
        return refunds.stream().anyMatch(r -> r.status() == OrderRefund.Status.PENDING);
    }

    /**
     * Charged, but the order cannot be completed and the refund did not go through yet: REFUND_PENDING, for the
     * reconciler to refund.
     *
     * @param charge the charge to refund
     * @param now the time of the transition
     * @return the order one version on
     * @throws IllegalOrderTransitionException unless the order is PENDING_PAYMENT, PAYMENT_UNKNOWN or
     *         AWAITING_AUTHENTICATION
     */
    public Order markRefundPending(ChargeId charge, Instant now) {
        DomainException.require(charge, "chargeId");
        return moveTo(OrderStatus.REFUND_PENDING, charge, null, null, now);
    }

    /**
     * The charge was refunded in full: REFUNDED.
     *
     * @param charge the refunded charge
     * @param now the time of the transition
     * @return the order one version on
     * @throws IllegalOrderTransitionException unless the order is PENDING_PAYMENT, PAYMENT_UNKNOWN,
     *         AWAITING_AUTHENTICATION or REFUND_PENDING
     */
    public Order markRefunded(ChargeId charge, Instant now) {
        DomainException.require(charge, "chargeId");
        return moveTo(OrderStatus.REFUNDED, charge, null, null, now);
    }

    private Order moveTo(OrderStatus next, ChargeId charge, DeclineReason decline, PaymentFailure why, Instant now) {
        DomainException.require(now, "now");
        if (!status.canMoveTo(next)) {
            throw new IllegalOrderTransitionException(id, status, next);
        }
        return new Order(id, clientKey, lines, total, next, charge, decline, why, createdAt, now, version + 1, refunds, dispute);
    }

    /** {@return the order's id} */
    public OrderId id() { return id; }
    /** {@return the buyer's idempotency key, empty if the purchase sent none} */
    public Optional<ClientKey> clientKey() { return Optional.ofNullable(clientKey); }
    /** {@return the priced lines, unmodifiable, in the order the buyer listed them} */
    public List<OrderLine> lines() { return lines; }
    /** {@return the sum of the lines: the amount charged} */
    public Money total() { return total; }
    /** {@return where the order stands with its payment} */
    public OrderStatus status() { return status; }
    /**
     * {@return the provider's charge id: set by {@link #markPaid}, {@link #markRefundPending} and
     * {@link #markRefunded}, kept by every other transition; empty before the first of them}
     */
    public Optional<ChargeId> chargeId() { return Optional.ofNullable(chargeId); }
    /**
     * {@return the authentication the order waits for when AWAITING_AUTHENTICATION, otherwise empty: every
     * transition out of that status ends it}
     */
    public Optional<PendingAuthentication> pendingAuthentication() { return Optional.ofNullable(pendingAuthentication); }
    /** {@return the issuer's reason when DECLINED, otherwise empty} */
    public Optional<DeclineReason> declineReason() { return Optional.ofNullable(declineReason); }
    /** {@return why the payment certainly failed when FAILED, otherwise empty} */
    public Optional<PaymentFailure> failure() { return Optional.ofNullable(failure); }
    /** {@return when the order was placed} */
    public Instant createdAt() { return createdAt; }
    /** {@return when the order last changed: the reconciler's measure of staleness} */
    public Instant updatedAt() { return updatedAt; }
    /** {@return 0 when placed, one more per transition; the optimistic lock of {@code Orders.update}} */
    public long version() { return version; }
    /**
     * The merchant's refunds.
     *
     * @return the refunds in sequence order (the first is #1); empty if none
     */
    public List<OrderRefund> refunds() { return refunds; }
    /**
     * The dispute of the order's charge, as the provider last reported it.
     *
     * @return the dispute, or empty if none was reported
     */
    public Optional<Dispute> dispute() { return Optional.ofNullable(dispute); }

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
