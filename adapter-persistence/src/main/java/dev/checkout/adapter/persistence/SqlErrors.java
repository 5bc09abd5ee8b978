package dev.checkout.adapter.persistence;

import java.sql.SQLException;
import java.util.Locale;

/** Reads what the database said out of an exception chain, the same way for H2 and PostgreSQL. */
final class SqlErrors {
    /** SQLSTATE of a unique or primary key violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private SqlErrors() {
    }

    /**
     * Whether {@code failure} was caused by a unique violation of {@code constraint}. Both databases name the
     * constraint in the message (H2 as the index {@code ORDERS_CLIENT_KEY_UQ_INDEX_x}), so the name is matched there.
     */
    static boolean violates(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(e.getSQLState()) && e.getMessage() != null
                            && e.getMessage().toLowerCase(Locale.ROOT).contains(constraint)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
