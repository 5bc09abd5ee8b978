package dev.checkout.domain.port;

import dev.checkout.domain.order.ClientKey;

/**
 * Thrown by {@link Orders#add} when another order already holds the new order's client idempotency key; nothing was
 * stored. The store's unique constraint decides, so of two concurrent adds with one key exactly one succeeds.
 * The purchase catches it and answers with the first order's result ({@link Orders#findByClientKey}): a double
 * click makes one order.
 */
public class DuplicateClientKeyException extends RuntimeException {
    /** The key that is already taken. */
    private final ClientKey key;

    /**
     * Creates the exception.
     *
     * @param key the key that is already taken
     * @param cause the store's own error (e.g. the unique violation), or null
     */
    public DuplicateClientKeyException(ClientKey key, Throwable cause) {
        super("an order with this Idempotency-Key already exists", cause);
        this.key = key;
    }

    /**
     * The key that is already taken.
     *
     * @return the key, to look the existing order up with
     */
    public ClientKey key() {
        return key;
    }
}
