package dev.checkout.domain.port;

import dev.checkout.domain.money.CurrencyCode;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.DisputeFigures;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderQuery;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.order.SalesFigures;
import dev.checkout.domain.payment.ChargeId;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where orders are kept: the {@link Order} aggregate, written whole when it is placed and then once per transition.
 *
 * <p>Two guarantees must come from the store itself, not from a read before the write, because several instances
 * of the checkout may share one store:
 * <ul>
 *   <li><b>Unique client key.</b> At most one order holds a given {@link ClientKey}; a second {@link #add} with it
 *       fails with {@link DuplicateClientKeyException} even when both run at the same instant (a unique
 *       constraint, not a look-up). Orders without a key never collide.</li>
 *   <li><b>Optimistic version check.</b> {@link #update} writes only if the stored version is the one the caller
 *       read ({@code order.version() - 1}), e.g. {@code UPDATE ... WHERE id = ? AND version = ?}; otherwise it
 *       throws {@link ConcurrentOrderUpdateException} and changes nothing. This is how the purchase and the
 *       reconciler, racing to settle one order, end up with exactly one winner.</li>
 * </ul>
 *
 * <p>Writes take part in the caller's transaction ({@code TransactionRunner} in {@code checkout-application}):
 * they become visible when it commits and vanish when it rolls back; called outside one, a write is its own
 * transaction. The purchase adds the order in the same transaction as the stock reservation. Reads need no
 * transaction, but must return an order whole, with all its lines, or not at all.
 *
 * <p>{@code OrdersContract} in {@code checkout-testkit} is the executable form of this contract; an adapter passes
 * it over its own store. The in-memory fake there is {@code InMemoryOrders}.
 */
public interface Orders {

    /**
     * Stores a newly placed order, with its lines, status, times and version as given ({@link Order#place} makes
     * version 0).
     *
     * @param order a new order; its id must not be stored yet (a repeated id is a bug and fails with the store's
     *              own exception, not with one of this port's)
     * @throws DuplicateClientKeyException if the order has a client key and another order already holds it; the
     *              store decides atomically, so of two concurrent adds with one key exactly one succeeds, and the
     *              other stores nothing. The caller then looks the first order up with {@link #findByClientKey}.
     */
    void add(Order order);

    /**
     * Stores one transition of an order: status, charge id, decline reason, payment failure, {@code updatedAt} and
     * version, the refunds it added or answered ({@link Order#requestRefund}, {@link Order#refundSucceeded},
     * {@link Order#refundFailed}, {@link Order#refundedAtProvider}) and the dispute it recorded ({@link Order#disputed}). Lines, total, client key and {@code createdAt} never
     * change after {@link #add}.
     *
     * <p>{@code order} must be the result of exactly one transition ({@code markPaid}, {@code markDeclined}, ...)
     * of the order as last stored, so its version is the stored version plus one. The check and the write are one
     * atomic step, refunds included: of two refunds computed from one read, only one is stored. A store that backs
     * the merchant's side keeps each refund's idempotency key and provider refund id unique across all orders, so an
     * event about a refund already recorded is recognised ({@code MerchantOrdersContract}).
     *
     * @param order the order after its transition
     * @throws ConcurrentOrderUpdateException if the stored version is not {@code order.version() - 1} (someone else
     *              stored a transition since the caller read the order) or no such order is stored; nothing is
     *              written. The caller reloads the order and decides again: it is never retried blindly.
     */
    void update(Order order);

    /**
     * The order with this id, as last committed.
     *
     * @param id the order's id
     * @return the order with all its lines, or empty if no order has this id
     */
    Optional<Order> find(OrderId id);

    /**
     * The order placed with this client idempotency key: how a repeated request (a double click, a browser retry)
     * finds the purchase it repeats.
     *
     * @param key the buyer's {@code Idempotency-Key}
     * @return the one order holding the key, or empty if none does
     */
    Optional<Order> findByClientKey(ClientKey key);

    /**
     * Orders waiting for the reconciler: those in one of {@code statuses} whose {@link Order#updatedAt()} is
     * strictly before {@code updatedBefore}, least recently updated first.
     *
     * @param statuses the statuses to look for; an empty set finds nothing
     * @param updatedBefore the exclusive upper bound of {@code updatedAt}
     * @param limit the most orders to return, positive
     * @return at most {@code limit} orders, oldest {@code updatedAt} first; empty if none qualifies
     */
    List<Order> findStale(Set<OrderStatus> statuses, Instant updatedBefore, int limit);

    /**
     * Claims stale orders for work that only one worker may do at a time (the reconciler's: ask the provider, then
     * settle or refund), so that several processes on one store never work on one order at once.
     *
     * <p>Returns up to {@code limit} orders as {@link #findStale} would (in one of {@code statuses}, last changed
     * before {@code updatedBefore}, oldest first), leaving out every order under a claim that lasts beyond
     * {@code now}, and claims each returned order until {@code claimUntil}. Until then no other call of this method,
     * from this process or another on the same store, returns it: two concurrent calls return disjoint orders. A
     * claim lapses by itself at {@code claimUntil} (so a worker that died holds nothing for long), ends with any
     * {@link #update} of the order, or is given up with {@link #releaseClaim}. A claim changes neither the order nor
     * its version, so it never makes an {@link #update} fail.
     *
     * <p>A store must decide a claim in the store itself (a conditional write, or a row lock that skips rows locked
     * by others such as PostgreSQL's {@code FOR UPDATE SKIP LOCKED}), never by a read followed by a write.
     *
     * @param statuses      the statuses to look for; none gives an empty list
     * @param updatedBefore only orders last changed before this instant
     * @param limit         the most orders to return; positive
     * @param now           claims lasting beyond this instant are respected, older ones have lapsed
     * @param claimUntil    how long the new claims last; after {@code now}
     * @return the claimed orders, oldest first; empty when there are none
     * @throws IllegalArgumentException if {@code limit} is not positive or {@code claimUntil} is not after
     *                                  {@code now}
     */
    List<Order> claimStale(Set<OrderStatus> statuses, Instant updatedBefore, int limit, Instant now, Instant claimUntil);

    /**
     * Gives up a claim that {@link #claimStale} took until {@code claimUntil}, so that the next claim may take the
     * order at once instead of after the claim lapsed. Does nothing when the order holds no such claim any more (it
     * lapsed and another worker claimed the order, or an update ended it); never changes the order or its version.
     *
     * @param id         the claimed order
     * @param claimUntil the instant the claim was taken until, as passed to {@link #claimStale}; it tells this
     *                   claim from a later one of another worker
     */
    void releaseClaim(OrderId id, Instant claimUntil);

    // The merchant's side (the admin use cases, the reconciler's refunds and the provider's events). Default methods
    // that throw UnsupportedOperationException, so a store that only sells keeps compiling; one that backs the
    // merchant's side implements all of them and passes MerchantOrdersContract.

    /**
     * The orders {@code query} selects, newest first (by creation time, then by id, descending; the id compared in the
     * store's own collation), each with its lines and refunds. Paging with the last order's cursor visits every
     * matching order once.
     *
     * @param query the filters, the cursor and the limit
     * @return at most {@code query.limit()} orders, newest first
     */
    default List<Order> list(OrderQuery query) {
        throw new UnsupportedOperationException(getClass().getName() + " does not list orders");
    }

    /**
     * Orders with a refund still PENDING that was requested before {@code requestedBefore}: the reconciler's work.
     *
     * @param requestedBefore the exclusive upper bound of the pending refund's {@code createdAt}
     * @param limit           the most orders to return, positive
     * @return at most {@code limit} orders, the longest waiting first
     */
    default List<Order> findWithPendingRefunds(Instant requestedBefore, int limit) {
        throw new UnsupportedOperationException(getClass().getName() + " does not keep refunds");
    }

    /**
     * Sales per currency: orders placed in {@code [from, to)} that were paid, and merchant refunds that succeeded in
     * that period (see {@link SalesFigures}).
     *
     * @param from the inclusive start
     * @param to   the exclusive end
     * @return one entry per currency with anything in the period; none for the others
     */
    default List<SalesFigures> sales(Instant from, Instant to) {
        throw new UnsupportedOperationException(getClass().getName() + " does not sum up sales");
    }

    /**
     * The order paid by a charge: how a provider event about the charge's refunds or disputes, which name the charge
     * and not the order, finds its order.
     *
     * @param charge the provider's charge id, as {@link Order#chargeId()} holds it
     * @return the order with that charge, with its lines, refunds and dispute; empty if none has it
     */
    default Optional<Order> findByCharge(ChargeId charge) {
        throw new UnsupportedOperationException(getClass().getName() + " does not find orders by charge");
    }

    /**
     * The open disputes now, per currency: orders whose dispute the provider reported and has not closed
     * ({@link dev.checkout.domain.payment.Dispute#closed()}).
     *
     * @return one entry per currency with an open dispute; none for the others
     */
    default List<DisputeFigures> openDisputes() {
        throw new UnsupportedOperationException(getClass().getName() + " does not count disputes");
    }

    /**
     * How many orders need the merchant's attention now, as {@link OrderQuery#needsAttention()} selects them.
     *
     * @return the count per currency of the order; currencies with none are left out
     */
    default Map<CurrencyCode, Long> countNeedingAttention() {
        throw new UnsupportedOperationException(getClass().getName() + " does not count orders");
    }
}
