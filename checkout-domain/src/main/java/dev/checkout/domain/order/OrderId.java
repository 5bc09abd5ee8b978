package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;

import java.util.regex.Pattern;

/** Our own id of an order; payment idempotency keys are derived from it, never from client input. */
public record OrderId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public OrderId {
        DomainException.require(value, "orderId");
        if (!SHAPE.matcher(value).matches()) {
            throw new DomainException("orderId", "orderId must be 1-64 characters of letters, digits, '_' or '-'");
        }
    }

    public static OrderId of(String value) {
        return new OrderId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
