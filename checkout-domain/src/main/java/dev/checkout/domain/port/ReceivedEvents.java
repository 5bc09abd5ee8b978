package dev.checkout.domain.port;

import java.time.Instant;

/**
 * The provider events already acted on, by id, so that a redelivered event is acknowledged and not applied twice.
 *
 * <p>{@link #record} takes part in the caller's transaction, like the other stores' writes: the event counts as
 * received only if the changes it caused commit with it. The store itself must decide (a unique key on the event id),
 * so that two deliveries of one event racing at two instances record it once: the loser's transaction fails.
 * {@code ReceivedEventsContract} in {@code checkout-testkit} checks it.
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
}
