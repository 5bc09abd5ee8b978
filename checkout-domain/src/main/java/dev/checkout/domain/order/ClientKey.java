package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;

import java.util.regex.Pattern;

/**
 * The buyer's own idempotency key (the browser's {@code Idempotency-Key} header): one key, one order.
 * It is never sent to the payment provider; that key is derived from our order id.
 */
public record ClientKey(String value) {
    private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7E]{8,255}");

    public ClientKey {
        DomainException.require(value, "Idempotency-Key");
        if (!SHAPE.matcher(value).matches()) {
            throw new DomainException("Idempotency-Key",
                    "Idempotency-Key must be 8-255 printable ASCII characters without spaces, e.g. a UUID");
        }
    }

    public static ClientKey of(String value) {
        return new ClientKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
