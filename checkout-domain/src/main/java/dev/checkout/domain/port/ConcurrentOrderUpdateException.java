package dev.checkout.domain.port;

import dev.checkout.domain.order.OrderId;

/**
 * Thrown by {@link Orders#update} when the stored order is not at the version the update was made from: another
 * transition (the purchase or the reconciler, perhaps on another instance) was stored since the caller read the
 * order, or the order is not stored at all. Nothing was written. The caller reloads the order and decides again;
 * the purchase, for one, then reports the other party's verdict instead of its own.
 */
public class ConcurrentOrderUpdateException extends RuntimeException {
    /**
     * Creates the exception.
     *
     * @param id the order whose update was refused
     */
    public ConcurrentOrderUpdateException(OrderId id) {
        super("order " + id + " was changed concurrently");
    }
}
