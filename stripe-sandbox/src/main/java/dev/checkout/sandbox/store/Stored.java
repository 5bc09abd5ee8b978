package dev.checkout.sandbox.store;

/** An object kept in a {@link Table}: owned by one account, ordered by its sort key (created, then sequence). */
public interface Stored {
    String id();

    String accountId();

    long sortKey();

    /** created seconds in the high bits, a sequence number in the low 24: newest-first order with a stable tie-break. */
    static long sortKey(long createdSeconds, long seq) {
        return (createdSeconds << 24) | (seq & 0xFFFFFFL);
    }

    static long minKeyFor(long createdSeconds) {
        return createdSeconds << 24;
    }
}
