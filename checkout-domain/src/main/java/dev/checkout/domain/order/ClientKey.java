package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;

import java.util.regex.Pattern;

/**
 * The buyer's own idempotency key (the browser's {@code Idempotency-Key} header): one key, one order.
 * It is never sent to the payment provider; that key is derived from our order id. {@code Orders} keeps it unique:
 * a second order with the same key is refused, and the purchase answers with the first order's result.
 *
 * @param value 8-255 printable ASCII characters without spaces, compared exactly (e.g. a UUID)
 */
public record ClientKey(String value) {
    private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7E]{8,255}");

    /**
     * Validates the key.
     *
     * @throws DomainException (field {@code Idempotency-Key}) if the value is null or not 8-255 printable ASCII
     *         characters without spaces
     */
    public ClientKey {
        DomainException.require(value, "Idempotency-Key");
        if (!SHAPE.matcher(value).matches()) {
            throw new DomainException("Idempotency-Key",
                    "Idempotency-Key must be 8-255 printable ASCII characters without spaces, e.g. a UUID");
        }
    }

    /**
     * The key with this value.
     *
     * @param value the header's value, exactly as sent
     * @return the key
     * @throws DomainException (field {@code Idempotency-Key}) if the value has the wrong shape
     */
    public static ClientKey of(String value) {
        return new ClientKey(value);
    }

    /** The key itself: it is the buyer's own identifier, not a secret. */
    @Override
    public String toString() {
        return value;
    }
}
