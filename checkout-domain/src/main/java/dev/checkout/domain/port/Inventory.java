package dev.checkout.domain.port;

import dev.checkout.domain.inventory.Reservation;
import dev.checkout.domain.inventory.ReservationOutcome;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderLine;

import java.time.Instant;
import java.util.List;

/**
 * Stock held for orders: units move from a product's {@code available} count (the one {@link Catalogue} shows) into
 * a reservation per order line, and from there are either sold ({@link #commit}) or given back ({@link #release}).
 * Each reservation line moves only {@code RESERVED -> COMMITTED} or {@code RESERVED -> RELEASED}, never back.
 *
 * <p><b>Never oversell.</b> A store takes units with one conditional write per line, e.g.
 * {@code UPDATE products SET available = available - ? WHERE sku = ? AND available >= ?}, and reads the update
 * count to learn whether it got them; it never reads the level and writes a new one, which would let two buyers
 * take the last unit. {@code available} never goes below zero. Taking the lines in SKU order keeps two multi-line
 * orders from deadlocking on each other's rows.
 *
 * <p><b>Idempotent per order.</b> The order id is the key of every method: calling a method again for the same
 * order, after a retry, a crash or a race, has no further effect on stock and answers the same. Reserving twice
 * takes the units once; committing or releasing twice moves them once; releasing a committed order (or committing
 * a released one) does nothing. So a caller that is unsure whether its call went through simply calls again.
 * Only a reservation that was made counts: an {@code Insufficient} answer records nothing, so calling
 * {@link #reserve} again is a new attempt, which may succeed if stock arrived meanwhile.
 *
 * <p>Writes take part in the caller's transaction ({@code TransactionRunner} in {@code checkout-application}):
 * a rollback returns every unit the transaction took. The purchase reserves in the same transaction that adds the
 * order, and commits or releases in the same transaction that records the payment's outcome, so stock and order
 * status change together. No method calls out over the network.
 *
 * <p>{@code InventoryContract} in {@code checkout-testkit} is the executable form of this contract, including
 * contention tests that race many buyers for few units; the in-memory fake there is {@code InMemoryStock}.
 */
public interface Inventory {

    /**
     * Holds every line's quantity for the order until {@code expiresAt}, or nothing at all.
     *
     * <p>All or nothing: if any line is short, units already taken by this call for other lines are given back
     * before it returns, and no reservation is recorded. A shortage is an answer, not an exception, so a
     * surrounding transaction stays usable and its caller decides whether to commit or roll back.
     *
     * <p>Idempotent per order: if the order already has reservations, in any state, nothing is taken and the answer
     * is {@code Reserved}; the lines given are then not compared with the ones held.
     *
     * @param order the order the units are held for; the purchase has added it to {@link Orders} in the same
     *              transaction
     * @param lines the order's lines, at least one, at most one per SKU; only SKU and quantity matter here
     * @param expiresAt when the reconciler should look at a reservation still {@code RESERVED}
     *              ({@link #expiredReservations}); it does not release anything by itself
     * @return {@code Reserved} when every line is held; {@code Insufficient} naming each SKU that had fewer units
     *              available than asked, or is not in the catalogue at all, when nothing was reserved
     */
    ReservationOutcome reserve(OrderId order, List<OrderLine> lines, Instant expiresAt);

    /**
     * The order was paid: its {@code RESERVED} lines become
     * {@link dev.checkout.domain.inventory.ReservationState#COMMITTED} and their units stay sold. {@code available}
     * is not touched (the units left it when they were reserved).
     *
     * <p>Idempotent: lines already committed or released, and an order without reservations, are left as they
     * are; the call then does nothing.
     *
     * @param order the order whose reservation is committed
     */
    void commit(OrderId order);

    /**
     * The order will not be paid: its {@code RESERVED} lines become
     * {@link dev.checkout.domain.inventory.ReservationState#RELEASED} and their units return to {@code available}.
     *
     * <p>Idempotent: only lines this call moves out of {@code RESERVED} give units back, so of two concurrent
     * releases only one returns them; lines already committed or released, and an order without reservations, are
     * left as they are.
     *
     * @param order the order whose reservation is released
     */
    void release(OrderId order);

    /**
     * The order's reservation lines, one per SKU, in any state.
     *
     * @param order the order
     * @return its reservations; empty if it never reserved anything (or its reservation was rolled back)
     */
    List<Reservation> reservationsOf(OrderId order);

    /**
     * Orders that still hold {@code RESERVED} units whose {@code expiresAt} is strictly before {@code now}: the
     * reconciler settles each by its order's status. Committed and released lines never appear.
     *
     * @param now the reference time
     * @param limit the most order ids to return, positive
     * @return at most {@code limit} distinct order ids, earliest expiry first; empty if none has expired
     */
    List<OrderId> expiredReservations(Instant now, int limit);
}
