package dev.checkout.app.errors;

import dev.checkout.adapter.rest.Outages;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;
import jakarta.inject.Singleton;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The database cannot be reached (no connection within the pool's timeout, connection refused, the server shutting
 * down, a connection lost mid-transaction): the API answers 503 "try again" with {@code Retry-After} instead of a 500.
 *
 * <p>Micronaut Data reports these under unrelated types ({@code CannotGetJdbcConnectionException} of two packages,
 * both plain {@code RuntimeException}s, {@code ConnectionException}, {@code DataAccessException},
 * {@code TransactionSystemException} for a failed commit, ...), so the failure is recognised by what caused it, not
 * by its type. Any other failure of the database (a constraint, a bad statement) stays a 500: it is a bug, and trying
 * again would not help.
 *
 * <p>"Nothing was charged" holds: a purchase only throws before its charge; after it, a failure to record the
 * outcome is retried, compensated or left to the reconciler, never thrown. An order left half-way is settled by the
 * reconciler once the database is back.
 */
@Singleton
public class DatabaseUnavailable implements Outages {
    static final Outage OUTAGE = new Outage("database_unavailable",
            "The shop cannot reach its database right now; nothing was charged. Please try again in a moment.",
            Duration.ofSeconds(5));

    /** PostgreSQL's operator intervention: admin shutdown, crash shutdown, cannot connect now (starting up). */
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");
    /** Deep enough for any wrapping seen in practice; guards against a cycle of causes. */
    private static final int MAX_DEPTH = 16;

    @Override
    public Optional<Outage> recognise(Throwable failure) {
        return unreachable(failure) ? Optional.of(OUTAGE) : Optional.empty();
    }

    /** Whether {@code failure} or one of its causes says the database could not be reached or was lost. */
    static boolean unreachable(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
            if (isConnectionFailure(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionFailure(Throwable t) {
        return t instanceof ConnectionException                                   // Micronaut: none to be had, or lost
                || t instanceof io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException
                || t instanceof io.micronaut.transaction.jdbc.exceptions.CannotGetJdbcConnectionException
                || t instanceof CannotCreateTransactionException                 // no connection to begin with
                || t instanceof SQLTransientConnectionException                  // Hikari: none free within its timeout
                || t instanceof SQLNonTransientConnectionException               // H2: database closed, connection broken
                || t instanceof SQLRecoverableException
                || t instanceof SQLException sql && lostConnection(sql.getSQLState()); // PostgreSQL's PSQLException
    }

    /** SQLSTATE class 08 (connection exception: refused, broken, closed) or the server going away. */
    private static boolean lostConnection(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || SERVER_GOING_AWAY.contains(sqlState));
    }
}
