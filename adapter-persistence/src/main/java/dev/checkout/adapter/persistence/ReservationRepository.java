package dev.checkout.adapter.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * All SQL of {@code reservations}. A reservation's state only ever moves RESERVED -> COMMITTED or RESERVED -> RELEASED,
 * each by a conditional update ({@code WHERE state = 'RESERVED'}) whose update count says whether this caller made
 * the move; only the caller that made it may return units to stock. What every purchase runs (the existence check,
 * the insert, the commit) is JDBC on the transaction's connection, where micronaut-data's interception cost more than
 * the statement; the release is a JDBC batch because it needs each statement's update count; the other reads are
 * micronaut-data queries.
 * ({@link ReservationRow} has no single-column id: the key is (order_id, sku), and nothing here loads by id.)
 */
@JdbcRepository(dialect = Dialect.ANSI)
abstract class ReservationRepository implements GenericRepository<ReservationRow, String> {
    private static final String COLUMNS = "order_id, sku, quantity, state, expires_at";

    private final JdbcOperations jdbc;

    ReservationRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the order holds any reservation, in any state. JDBC, like the commit: both run in every purchase. */
    boolean existsByOrderId(String orderId) {
        return jdbc.prepareStatement("SELECT 1 FROM reservations WHERE order_id = ? FETCH FIRST 1 ROWS ONLY", ps -> {
            ps.setString(1, orderId);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    /** One batch for all lines of an order. */
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

    /**
     * Removes the order's reservations: only for the rows a reserve inserted in its own transaction and then had to take
     * back because a line was short, so no other transaction has seen them.
     */
    void deleteUncommitted(String orderId) {
        jdbc.prepareStatement("DELETE FROM reservations WHERE order_id = ?", ps -> {
            ps.setString(1, orderId);
            return ps.executeUpdate();
        });
    }

    @Query("SELECT order_id, sku, quantity, state, expires_at FROM reservations WHERE order_id = :orderId ORDER BY sku")
    abstract List<ReservationRow> findByOrder(String orderId);

    @Query("SELECT order_id, sku, quantity, state, expires_at FROM reservations WHERE order_id = :orderId AND state = 'RESERVED' ORDER BY sku")
    abstract List<ReservationRow> findReserved(String orderId);

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
    @Query("""
            SELECT order_id FROM reservations
             WHERE state = 'RESERVED' AND expires_at < :now
             GROUP BY order_id
             ORDER BY MIN(expires_at), order_id
             FETCH FIRST :limit ROWS ONLY""")
    abstract List<String> expiredOrderIds(Instant now, int limit);
}
