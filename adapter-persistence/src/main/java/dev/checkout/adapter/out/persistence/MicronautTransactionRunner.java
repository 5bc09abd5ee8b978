package dev.checkout.adapter.out.persistence;

import dev.checkout.application.TransactionRunner;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link TransactionRunner} on Micronaut's transaction operations for the {@code default} datasource. Commits when the
 * work returns, rolls back and rethrows when it throws. A call inside another joins it (propagation REQUIRED), and so
 * do the store methods of this adapter, which open a transaction of their own only when called outside one.
 */
@Singleton
public final class MicronautTransactionRunner implements TransactionRunner {
    private final TransactionOperations<Connection> transactions;

    MicronautTransactionRunner(@Named("default") TransactionOperations<Connection> transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public <T> T call(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        return transactions.executeWrite(status -> work.get());
    }
}
