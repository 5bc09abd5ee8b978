package dev.checkout.domain.port;

import dev.checkout.domain.order.ClientKey;

/** Another order already holds this client idempotency key. */
public class DuplicateClientKeyException extends RuntimeException {
    private final ClientKey key;

    public DuplicateClientKeyException(ClientKey key, Throwable cause) {
        super("an order with this Idempotency-Key already exists", cause);
        this.key = key;
    }

    public ClientKey key() {
        return key;
    }
}
