package dev.checkout.domain.port;

import dev.checkout.domain.order.OrderId;

/** The order changed since it was read; the caller reloads and decides again. */
public class ConcurrentOrderUpdateException extends RuntimeException {
    public ConcurrentOrderUpdateException(OrderId id) {
        super("order " + id + " was changed concurrently");
    }
}
