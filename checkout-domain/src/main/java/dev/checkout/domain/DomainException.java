package dev.checkout.domain;

/**
 * A value or state that the model refuses; {@link #field()} names the offending input so an adapter can
 * tell the caller exactly what to fix.
 */
public class DomainException extends RuntimeException {
    /** The offending input's name, as the caller sent it. */
    private final String field;

    /**
     * Creates the exception.
     *
     * @param field the input the message is about, named as the caller sent it (e.g. {@code "items[2].quantity"})
     * @param message what is wrong and, where possible, what is accepted; safe to show to the caller
     */
    public DomainException(String field, String message) {
        super(message);
        this.field = field;
    }

    /**
     * The input (or aggregate property) the message is about.
     *
     * @return the field's name, e.g. {@code "items[2].quantity"}
     */
    public String field() {
        return field;
    }

    /**
     * Requires {@code value} to be non-null.
     *
     * @param <T> the value's type
     * @param value the value to check
     * @param field the name reported if it is null
     * @return {@code value}, for use in an assignment
     * @throws DomainException naming {@code field} ("field is required") if {@code value} is null
     */
    public static <T> T require(T value, String field) {
        if (value == null) {
            throw new DomainException(field, field + " is required");
        }
        return value;
    }
}
