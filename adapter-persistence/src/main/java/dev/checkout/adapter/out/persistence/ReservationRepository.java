package dev.checkout.adapter.out.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.query.builder.sql.Dialect;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * All SQL of {@code reservations}. A reservation's state only ever moves RESERVED -> COMMITTED or RESERVED -> RELEASED,
 * each by a conditional update ({@code WHERE state = 'RESERVED'}) whose update count says whether this caller made
 * the move; only the caller that made it may return units to stock.
 */
@JdbcRepository(dialect = Dialect.ANSI)
abstract class ReservationRepository {
    static final String RESERVED = "RESERVED";
    static final String COMMITTED = "COMMITTED";
    static final String RELEASED = "RELEASED";

    private static final String COLUMNS = "order_id, sku, quantity, state, expires_at";

    private final JdbcOperations jdbc;

    ReservationRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(String orderId) {
        return jdbc.prepareStatement("SELECT 1 FROM reservations WHERE order_id = ? FETCH FIRST 1 ROWS ONLY", ps -> {
            ps.setString(1, orderId);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    void insert(List<ReservationRow> rows) {
        jdbc.prepareStatement("INSERT INTO reservations (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)", ps -> {
            for (ReservationRow row : rows) {
                ps.setString(1, row.orderId());
                ps.setString(2, row.sku());
                ps.setInt(3, row.quantity());
                ps.setString(4, row.state());
                ps.setObject(5, OffsetDateTime.ofInstant(row.expiresAt(), ZoneOffset.UTC));
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    List<ReservationRow> findByOrder(String orderId) {
        return select("SELECT " + COLUMNS + " FROM reservations WHERE order_id = ? ORDER BY sku", orderId);
    }

    List<ReservationRow> findReserved(String orderId) {
        return select("SELECT " + COLUMNS + " FROM reservations WHERE order_id = ? AND state = 'RESERVED' ORDER BY sku", orderId);
    }

    /** RESERVED -> COMMITTED for every line of the order still RESERVED; the units are sold, stock is untouched. */
    int commit(String orderId) {
        return jdbc.prepareStatement("UPDATE reservations SET state = 'COMMITTED' WHERE order_id = ? AND state = 'RESERVED'", ps -> {
            ps.setString(1, orderId);
            return ps.executeUpdate();
        });
    }

    /**
     * RESERVED -> RELEASED, line by line, in SKU order. A concurrent release or commit of the same line waits on the
     * row lock and then finds the state changed, so its update count is 0 and it returns nothing to stock.
     *
     * @return per SKU, whether this call released it
     */
    boolean[] release(String orderId, List<String> skus) {
        return jdbc.prepareStatement("UPDATE reservations SET state = 'RELEASED' WHERE order_id = ? AND sku = ? AND state = 'RESERVED'", ps -> {
            for (String sku : skus) {
                ps.setString(1, orderId);
                ps.setString(2, sku);
                ps.addBatch();
            }
            return ProductRepository.updated(ps, skus.size());
        });
    }

    /** Orders with RESERVED lines past their expiry, the longest expired first. Served by {@code reservations_state_expires_at_ix}. */
    List<String> expiredOrderIds(Instant now, int limit) {
        return jdbc.prepareStatement("""
                SELECT order_id FROM reservations
                 WHERE state = 'RESERVED' AND expires_at < ?
                 GROUP BY order_id
                 ORDER BY MIN(expires_at), order_id
                 FETCH FIRST ? ROWS ONLY""", ps -> {
            ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.setInt(2, limit);
            var ids = new ArrayList<String>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    private List<ReservationRow> select(String sql, String orderId) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setString(1, orderId);
            var rows = new ArrayList<ReservationRow>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        });
    }

    private static ReservationRow row(ResultSet rs) throws SQLException {
        return new ReservationRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class).toInstant());
    }
}
