package dev.checkout.sandbox.store;

/** A card token; immutable, so a stored idempotent reply keeps showing it as it was. */
public record Token(String id, String accountId, boolean livemode, Card card, String clientIp, long created,
        boolean used) implements Stored {
    @Override
    public long sortKey() {
        return created;
    }

    public Token markUsed() {
        return new Token(id, accountId, livemode, card, clientIp, created, true);
    }
}
