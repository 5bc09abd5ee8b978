package dev.checkout.domain.port;

import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.DeferredRefund;
import dev.checkout.domain.payment.RefundId;

import java.time.Instant;
import java.util.List;

/**
 * The provider events already acted on, by id, so that a redelivered event is acknowledged and not applied twice.
 *
 * <p>{@link #record} takes part in the caller's transaction, like the other stores' writes: the event counts as
 * received only if the changes it caused commit with it. The store itself must decide (a unique key on the event id),
 * so that two deliveries of one event racing at two instances record it once: the loser's transaction fails.
 * {@code ReceivedEventsContract} in {@code checkout-testkit} checks it.
 *
 * <p>It also keeps the {@linkplain DeferredRefund deferred refunds}: succeeded refunds reported for a charge that no
 * order held yet, until an order holds the charge and they are recorded on it ({@link #deferredRefunds(ChargeId)},
 * {@link #deferredRefundDone}). Their writes take part in the caller's transaction too.
 */
public interface ReceivedEvents {

    /**
     * Records the event as received, unless it already is.
     *
     * @param eventId    the provider's event id
     * @param type       the event's type, kept for the operator
     * @param receivedAt when it was received
     * @return true if the event was new and is now recorded; false if it was recorded before (nothing is written)
     * @throws RuntimeException the store's own exception when a concurrent call recorded the same id first; the
     *         caller's transaction then rolls back
     */
    boolean record(String eventId, String type, Instant receivedAt);

    /**
     * Whether the event was recorded.
     *
     * @param eventId the provider's event id
     * @return true if {@link #record} stored it
     */
    boolean contains(String eventId);

    /**
     * Forgets events received before {@code cutoff}, oldest first, at most {@code limit} of them, so that the record
     * does not grow for ever. An event older than the provider's redelivery window (Stripe retries for up to three
     * days) cannot come again; one that came anyway after being forgotten would be applied again, so keep the
     * retention well beyond that window. A store that keeps every event keeps this default, which forgets nothing.
     *
     * @param cutoff events received strictly before this instant may go
     * @param limit  the most to forget in this call (a small batch keeps the statement short), at least 1
     * @return how many were forgotten; fewer than {@code limit} means none older than {@code cutoff} is left
     */
    default int forgetBefore(Instant cutoff, int limit) {
        return 0;
    }

    /**
     * Keeps a refund for later, in the caller's transaction, unless a refund with its id is kept already (done or
     * not): several events tell of one refund.
     *
     * @param refund the refund
     * @return true if it was new and is now kept; false if a refund with its id was kept before (nothing is written)
     * @throws RuntimeException the store's own exception when a concurrent call kept the same refund first; the
     *         caller's transaction then rolls back
     */
    boolean defer(DeferredRefund refund);

    /**
     * The deferred refunds of a charge that are not done yet, oldest first.
     *
     * @param charge the charge
     * @return its pending deferred refunds, possibly none
     */
    List<DeferredRefund> deferredRefunds(ChargeId charge);

    /**
     * The deferred refunds that are not done yet, whatever their charge, oldest first (by when they were received,
     * then by refund id), from just after {@code after}: what the reconciler looks at, a page per pass, in case an
     * order came to hold their charge by a path that did not look for them. Paging on keeps refunds whose charge no
     * order will ever hold from hiding the newer ones.
     *
     * @param after the last refund of the previous page, or null to start from the oldest
     * @param limit the most to return, at least 1
     * @return up to {@code limit} pending deferred refunds after {@code after}, oldest first; fewer than {@code limit}
     *         means the end was reached
     */
    List<DeferredRefund> deferredRefunds(DeferredRefund after, int limit);

    /**
     * Marks a deferred refund done, in the caller's transaction (the one that records it on its order, or that found
     * the order holds it already): it is no longer pending.
     *
     * @param refund the refund's id
     * @param doneAt when
     * @return true if a pending deferred refund with that id was marked; false if none was pending
     */
    boolean deferredRefundDone(RefundId refund, Instant doneAt);

    /**
     * Forgets deferred refunds received before {@code cutoff}, done or not, oldest first, at most {@code limit} of
     * them: a refund whose charge no order came to hold within the retention never will.
     *
     * @param cutoff deferred refunds received strictly before this instant may go
     * @param limit  the most to forget in this call, at least 1
     * @return how many were forgotten; fewer than {@code limit} means none older than {@code cutoff} is left
     */
    int forgetDeferredRefundsBefore(Instant cutoff, int limit);
}
