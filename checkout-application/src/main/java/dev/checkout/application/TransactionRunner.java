package dev.checkout.application;

import java.util.function.Supplier;

/**
 * A short local transaction chosen by the use case. The work commits when it returns and rolls back when it throws;
 * an exception thrown by the commit itself reaches the caller. Never wrap a network call in one.
 *
 * <p>An implementation is what ties the stores together: every write that {@code Orders}, {@code Inventory} and
 * {@code Catalogue} make while the work runs on the calling thread belongs to this transaction and commits or rolls
 * back with it. A call made while a transaction is already running on the thread joins it (like propagation
 * REQUIRED) rather than opening a second one, and the stores' own methods, called outside any transaction, each
 * run as one. The purchase relies on this for TX1 (order and reservation together) and TX2 (order status and stock
 * together); the contract tests in {@code checkout-testkit} exercise it through a {@code StoreSet}.
 */
public interface TransactionRunner {

    /**
     * Runs {@code work} in a transaction and commits it.
     *
     * @param <T> the work's result type
     * @param work the reads and writes to make atomically; it must not call the payment provider
     * @return what {@code work} returned, once the commit succeeded
     * @throws RuntimeException whatever {@code work} threw, after rolling back; or the commit's own failure, after
     *         which the work may or may not be stored (an acknowledgement can be lost), so a caller that must know
     *         reads the store again
     */
    <T> T call(Supplier<T> work);

    /**
     * Runs {@code work} in a transaction and commits it, like {@link #call} without a result.
     *
     * @param work the reads and writes to make atomically
     */
    default void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
