package com.example.bookshop;

import dev.checkout.application.TransactionRunner;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * The checkout's {@link TransactionRunner} on plain JDBC: one connection per transaction, held by the calling
 * thread, committed when the work returns and rolled back when it throws. A call inside a transaction joins it.
 * Reads outside any transaction run on a connection of their own in auto-commit mode.
 */
public final class JdbcTransactions implements TransactionRunner {
    private final DataSource dataSource;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    public JdbcTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> T call(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            current.set(connection);
            try {
                T result = work.get();
                connection.commit();
                return result;
            } catch (RuntimeException | Error e) {
                rollBack(connection, e);
                throw e;
            } finally {
                current.remove();
            }
        } catch (SQLException e) {
            throw new StoreException("transaction", e);
        }
    }

    private static void rollBack(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Runs one store operation on the current transaction's connection, or on a connection of its own. */
    <T> T withConnection(String what, SqlWork<T> work) {
        Connection joined = current.get();
        try {
            if (joined != null) {
                return work.apply(joined);
            }
            try (Connection own = dataSource.getConnection()) {
                return work.apply(own);
            }
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** A database failure, with the operation that met it. */
    public static final class StoreException extends RuntimeException {
        StoreException(String what, SQLException cause) {
            super(what + " failed: " + cause.getMessage(), cause);
        }
    }
}
