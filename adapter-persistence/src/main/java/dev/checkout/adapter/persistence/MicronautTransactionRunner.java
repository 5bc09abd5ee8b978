package dev.checkout.adapter.persistence;

import dev.checkout.application.TransactionRunner;
import jakarta.inject.Singleton;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link TransactionRunner} on Micronaut's transaction operations for the {@code default} datasource. Commits when the
 * work returns, and returns once the commit is durable ({@link WriteTransactions}); rolls back and rethrows when it
 * throws. A call inside another joins it (propagation REQUIRED), and so
 * do the store methods of this adapter, which open a transaction of their own only when called outside one.
 */
@Singleton
public final class MicronautTransactionRunner implements TransactionRunner {
    private final WriteTransactions writes;

    MicronautTransactionRunner(WriteTransactions writes) {
        this.writes = Objects.requireNonNull(writes, "writes");
    }

    @Override
    public <T> T call(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        return writes.execute(status -> work.get());
    }
}
