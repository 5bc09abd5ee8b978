package dev.checkout.sandbox.store;

import dev.checkout.sandbox.card.Behaviour;
import dev.checkout.sandbox.card.Brand;

/**
 * What the sandbox keeps of a card: never the number or the CVC, only what Stripe's objects show plus the
 * test-card behaviour decided at tokenization. Checks are null (not supplied), "unchecked", "pass", "fail" or
 * "unavailable".
 */
public record Card(String id, Brand brand, String funding, String last4, int expMonth, int expYear,
        String fingerprint, String country, String name, String addressLine1, String addressLine2,
        String addressCity, String addressState, String addressZip, String addressCountry, String cvcCheck,
        String addressLine1Check, String addressZipCheck, Behaviour behaviour) {

    public Card withChecks(String cvc, String line1, String zip) {
        return new Card(id, brand, funding, last4, expMonth, expYear, fingerprint, country, name, addressLine1,
                addressLine2, addressCity, addressState, addressZip, addressCountry, cvc, line1, zip, behaviour);
    }

    /** The same card with a PaymentMethod's explicit billing name and address. */
    public Card withBilling(String newName, String line1, String line2, String city, String state, String zip,
            String addressCountryCode) {
        return new Card(id, brand, funding, last4, expMonth, expYear, fingerprint, country, newName, line1, line2,
                city, state, zip, addressCountryCode, cvcCheck, addressLine1Check, addressZipCheck, behaviour);
    }

    public Card withId(String newId) {
        return new Card(newId, brand, funding, last4, expMonth, expYear, fingerprint, country, name, addressLine1,
                addressLine2, addressCity, addressState, addressZip, addressCountry, cvcCheck, addressLine1Check,
                addressZipCheck, behaviour);
    }
}
