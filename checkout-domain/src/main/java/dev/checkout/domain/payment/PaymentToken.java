package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;

import java.util.regex.Pattern;

/**
 * The provider's opaque, single-use stand-in for a card (Stripe's {@code tok_...}). Never persisted and never
 * logged: {@link #toString()} masks it. The card number itself never reaches the merchant server.
 */
public final class PaymentToken {
    /** The longest token accepted, in characters. */
    public static final int MAX_LENGTH = 255;
    /** Printable ASCII without spaces: opaque, yet nothing that could forge a log line or a header. */
    private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7E]+");

    private final String value;

    private PaymentToken(String value) {
        this.value = value;
    }

    /**
     * Wraps the id the provider returned to the browser.
     *
     * @param value the token's id, e.g. {@code tok_...}; 1-{@value #MAX_LENGTH} printable ASCII characters without
     *              spaces. Its meaning is the provider's: a well-formed token may still be unknown or used.
     * @return the token
     * @throws DomainException (field {@code token}) if the value is null, blank, too long, or has spaces or
     *         non-ASCII characters
     */
    public static PaymentToken of(String value) {
        if (value == null || value.isBlank()) {
            throw new DomainException("token", "token is required: create one with stripe.createToken(cardElement)");
        }
        if (value.length() > MAX_LENGTH) {
            throw new DomainException("token", "token is longer than " + MAX_LENGTH + " characters; send the id the provider returned");
        }
        if (!SHAPE.matcher(value).matches()) {
            throw new DomainException("token", "token contains spaces or non-ASCII characters; send the id the provider returned");
        }
        return new PaymentToken(value);
    }

    /**
     * The raw id, for the one call that needs it: the charge request to the provider. Do not log or store it.
     *
     * @return the token's id as given
     */
    public String reveal() {
        return value;
    }

    /**
     * A form safe for logs and messages.
     *
     * @return e.g. {@code tok_…Ab3d}: the prefix up to the first underscore (if within the first 8 characters) and
     *         the last four characters (only if more than eight remain after the prefix)
     */
    public String masked() {
        int underscore = value.indexOf('_');
        String prefix = underscore > 0 && underscore < 8 ? value.substring(0, underscore + 1) : "";
        String tail = value.length() - prefix.length() > 8 ? value.substring(value.length() - 4) : "";
        return prefix + "…" + tail;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PaymentToken other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** {@code PaymentToken[tok_…Ab3d]}: masked, never the raw id. */
    @Override
    public String toString() {
        return "PaymentToken[" + masked() + "]";
    }
}
