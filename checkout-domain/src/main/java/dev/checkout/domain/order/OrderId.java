package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;

import java.util.regex.Pattern;

/**
 * Our own id of an order, made by the application's id generator; payment idempotency keys ({@code order-<id>},
 * {@code refund-<id>}) and the charge's {@code order_id} tag are derived from it, never from client input.
 *
 * @param value 1-64 of {@code A-Z a-z 0-9 _ -}
 */
public record OrderId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * Validates the id.
     *
     * @throws DomainException (field {@code orderId}) if the value is null or not 1-64 of the allowed characters
     */
    public OrderId {
        DomainException.require(value, "orderId");
        if (!SHAPE.matcher(value).matches()) {
            throw new DomainException("orderId", "orderId must be 1-64 characters of letters, digits, '_' or '-'");
        }
    }

    /**
     * The id with this value.
     *
     * @param value 1-64 of {@code A-Z a-z 0-9 _ -}
     * @return the id
     * @throws DomainException (field {@code orderId}) if the value has the wrong shape
     */
    public static OrderId of(String value) {
        return new OrderId(value);
    }

    /** The id itself. */
    @Override
    public String toString() {
        return value;
    }
}
