package dev.checkout.domain;

/**
 * A value or state that the model refuses; {@link #field()} names the offending input so an adapter can
 * tell the caller exactly what to fix.
 */
public class DomainException extends RuntimeException {
    private final String field;

    public DomainException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The input (or aggregate property) the message is about, e.g. {@code "items[2].quantity"}. */
    public String field() {
        return field;
    }

    /** Requires {@code value} to be non-null; the message names {@code field}. */
    public static <T> T require(T value, String field) {
        if (value == null) {
            throw new DomainException(field, field + " is required");
        }
        return value;
    }
}
