package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;

/**
 * What the buyer's browser needs to authenticate a payment attempt with the provider (Stripe: the PaymentIntent's
 * {@code client_secret}, handed to {@code stripe.handleCardAction}). It lets its holder see and complete that one
 * attempt with the publishable key, so it goes to the buyer who placed the order and nowhere else: never into a log,
 * which is why {@link #toString()} masks it.
 */
public final class ClientSecret {
    /** The longest secret accepted, in characters. */
    public static final int MAX_LENGTH = 255;

    private final String value;

    private ClientSecret(String value) {
        this.value = value;
    }

    /**
     * Wraps the secret the provider returned.
     *
     * @param value 1-{@value #MAX_LENGTH} characters, not blank
     * @return the secret
     * @throws DomainException (field {@code clientSecret}) if the value is null, blank or too long
     */
    public static ClientSecret of(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
            throw new DomainException("clientSecret", "a client secret must be 1-" + MAX_LENGTH + " characters");
        }
        return new ClientSecret(value);
    }

    /**
     * The secret itself, for the one place that sends it to the buyer (and the store that keeps it meanwhile).
     *
     * @return the provider's value
     */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientSecret other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Masked: the first 6 characters, then {@code ...}; a secret is never printed whole. */
    @Override
    public String toString() {
        return "ClientSecret[" + value.substring(0, Math.min(6, value.length())) + "...]";
    }
}
