package dev.checkout.application;

import dev.checkout.domain.order.OrderId;

/** The source of new order ids; injected so that the core never invents randomness or time itself. */
@FunctionalInterface
public interface OrderIdGenerator {
    /**
     * A new order id, never returned before by this or any other instance sharing the same stores. Uniqueness is
     * not a nicety: the id is the order's primary key, and the provider's idempotency keys
     * ({@code order-<id>}, {@code refund-<id>}) and the charge's {@code order_id} tag are derived from it, so a
     * repeated id would make the provider answer a new purchase with an old order's charge. Called concurrently.
     *
     * @return a fresh id, 1-64 of {@code A-Z a-z 0-9 _ -}
     */
    OrderId next();
}
