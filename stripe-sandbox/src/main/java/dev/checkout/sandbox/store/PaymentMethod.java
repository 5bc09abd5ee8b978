package dev.checkout.sandbox.store;

import java.util.Map;

/**
 * A card PaymentMethod (PaymentIntents spec 3): the card as its token kept it (never the number or the CVC), with the
 * PaymentMethod's id as the card's id, so a charge made with it names it as its {@code payment_method}. Billing name
 * and address live in the card's name and address fields; email and phone beside them.
 *
 * @param usedBy the intent it was first used with: an unattached PaymentMethod serves that one intent only (spec 3.4)
 */
public record PaymentMethod(String id, String accountId, boolean livemode, long created, Card card, String email,
        String phone, Map<String, String> metadata, String usedBy) implements Stored {
    @Override
    public long sortKey() {
        return created;
    }

    public PaymentMethod usedWith(String intentId) {
        return new PaymentMethod(id, accountId, livemode, created, card, email, phone, metadata, intentId);
    }
}
