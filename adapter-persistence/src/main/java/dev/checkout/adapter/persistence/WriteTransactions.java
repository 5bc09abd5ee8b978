package dev.checkout.adapter.persistence;

import io.micronaut.core.value.PropertyResolver;
import io.micronaut.transaction.TransactionCallback;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Locale;

/**
 * Every write transaction of this adapter: Micronaut's {@code executeWrite} on the {@code default} datasource (a call
 * inside another transaction joins it), and on an H2 file, around the outermost one's commit, no write of the file
 * (so that the file never holds half of it), and after it the wait that makes the commit durable
 * ({@link H2GroupCommit}). On PostgreSQL the commit itself is durable and nothing is added.
 */
@Singleton
final class WriteTransactions {
    private final TransactionOperations<Connection> transactions;
    private final H2GroupCommit groupCommit;

    WriteTransactions(@Named("default") TransactionOperations<Connection> transactions, PropertyResolver properties) {
        this.transactions = transactions;
        String url = properties.get("datasources.default.url", String.class, "").toLowerCase(Locale.ROOT);
        this.groupCommit = url.startsWith("jdbc:h2:") ? new H2GroupCommit() : null;
    }

    <T> T execute(TransactionCallback<Connection, T> work) {
        if (groupCommit == null || transactions.findTransactionStatus().isPresent()) {
            return transactions.executeWrite(work);
        }
        H2GroupCommit.CommitHold hold = groupCommit.holdWritesOffDuringCommit();
        T result;
        try {
            result = transactions.executeWrite(status -> {
                groupCommit.attach(status.getConnection());
                status.registerSynchronization(hold);
                return work.call(status);
            });
        } finally {
            hold.release(); // Micronaut's afterCompletion did, unless something before it threw
        }
        groupCommit.awaitStored();
        return result;
    }
}
