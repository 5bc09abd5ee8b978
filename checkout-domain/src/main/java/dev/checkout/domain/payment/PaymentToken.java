package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;

import java.util.regex.Pattern;

/**
 * The provider's opaque, single-use stand-in for a card (Stripe's {@code tok_...}). Never persisted and never
 * logged: {@link #toString()} masks it. The card number itself never reaches the merchant server.
 */
public final class PaymentToken {
    public static final int MAX_LENGTH = 255;
    /** Printable ASCII without spaces: opaque, yet nothing that could forge a log line or a header. */
    private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7E]+");

    private final String value;

    private PaymentToken(String value) {
        this.value = value;
    }

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

    /** The raw id, for the one call that needs it: the charge request to the provider. */
    public String reveal() {
        return value;
    }

    /** {@code tok_…Ab3d}: the prefix up to the first underscore and the last four characters. */
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

    @Override
    public String toString() {
        return "PaymentToken[" + masked() + "]";
    }
}
