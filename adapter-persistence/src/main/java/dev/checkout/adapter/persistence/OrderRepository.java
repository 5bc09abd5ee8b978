package dev.checkout.adapter.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * All SQL of {@code orders} and {@code order_lines}. The order row is a micronaut-data entity, read through its
 * queries; the two writes every purchase runs (the insert in TX1, the versioned update in TX2) are JDBC on the
 * transaction's connection, where micronaut-data's interception cost as much as the statement (JFR of
 * {@code purchase-pg}: half of each call's samples were outside the driver). Its lines are written as one JDBC batch
 * and read for many orders in one query, so that no path is N+1.
 */
@JdbcRepository(dialect = Dialect.ANSI)
abstract class OrderRepository implements GenericRepository<OrderRow, String> {
    private static final String INSERT = """
            INSERT INTO orders (id, client_key, status, amount, currency, charge_id,
                                decline_code, decline_detail, decline_message, failure_kind, failure_code, failure_message,
                                created_at, updated_at, version, auth_attempt, auth_client_secret, auth_deadline)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String UPDATE_IF_VERSION = """
            UPDATE orders SET status = ?, charge_id = ?, decline_code = ?, decline_detail = ?, decline_message = ?,
                   failure_kind = ?, failure_code = ?, failure_message = ?,
                   auth_attempt = ?, auth_client_secret = ?, auth_deadline = ?,
                   updated_at = ?, version = ?, claimed_until = NULL
             WHERE id = ? AND version = ?""";
    private static final String INSERT_LINE =
            "INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_amount, currency) VALUES (?, ?, ?, ?, ?, ?)";

    private final JdbcOperations jdbc;

    OrderRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    void insert(OrderRow row) {
        jdbc.prepareStatement(INSERT, ps -> {
            ps.setString(1, row.id());
            ps.setString(2, row.clientKey());
            ps.setString(3, row.status());
            ps.setLong(4, row.amount());
            ps.setString(5, row.currency());
            ps.setString(6, row.chargeId());
            ps.setString(7, row.declineCode());
            ps.setString(8, row.declineDetail());
            ps.setString(9, row.declineMessage());
            ps.setString(10, row.failureKind());
            ps.setString(11, row.failureCode());
            ps.setString(12, row.failureMessage());
            ps.setObject(13, RefundRepository.utc(row.createdAt()));
            ps.setObject(14, RefundRepository.utc(row.updatedAt()));
            ps.setLong(15, row.version());
            ps.setString(16, row.authAttempt());
            ps.setString(17, row.authClientSecret());
            setNullableInstant(ps, 18, row.authDeadline());
            return ps.executeUpdate();
        });
    }

    abstract Optional<OrderRow> findById(String id);

    abstract Optional<OrderRow> findByClientKey(String clientKey);

    /**
     * The optimistic write: changes the row of {@code row.id()} to {@code row}, and ends any claim on it, only if
     * nobody wrote it since {@code expectedVersion} was read.
     *
     * @return 1 if the row changed, 0 if its version was not {@code expectedVersion} (or it does not exist)
     */
    int updateIfVersion(OrderRow row, long expectedVersion) {
        return jdbc.prepareStatement(UPDATE_IF_VERSION, ps -> {
            ps.setString(1, row.status());
            ps.setString(2, row.chargeId());
            ps.setString(3, row.declineCode());
            ps.setString(4, row.declineDetail());
            ps.setString(5, row.declineMessage());
            ps.setString(6, row.failureKind());
            ps.setString(7, row.failureCode());
            ps.setString(8, row.failureMessage());
            ps.setString(9, row.authAttempt());
            ps.setString(10, row.authClientSecret());
            setNullableInstant(ps, 11, row.authDeadline());
            ps.setObject(12, RefundRepository.utc(row.updatedAt()));
            ps.setLong(13, row.version());
            ps.setString(14, row.id());
            ps.setLong(15, expectedVersion);
            return ps.executeUpdate();
        });
    }

    private static void setNullableInstant(PreparedStatement ps, int index, @Nullable Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, RefundRepository.utc(value));
        }
    }

    /** Served by {@code orders_status_updated_at_ix}. */
    @Query("""
            SELECT id, client_key, status, amount, currency, charge_id, decline_code, decline_detail, decline_message,
                   failure_kind, failure_code, failure_message, created_at, updated_at, version,
                   auth_attempt, auth_client_secret, auth_deadline
              FROM orders
             WHERE status IN (:statuses) AND updated_at < :updatedBefore
             ORDER BY updated_at, id
             LIMIT :limit""")
    abstract List<OrderRow> findStale(Collection<String> statuses, Instant updatedBefore, int limit);

    /**
     * The claimable stale orders, row-locked for the calling transaction. {@code SKIP LOCKED}: rows another
     * transaction is claiming right now are passed over instead of waited for (PostgreSQL; H2 2.x accepts it too, but
     * applies the limit before skipping, so a claimer there may come back with fewer rows, never with a locked one).
     * Served by {@code orders_status_updated_at_ix}.
     */
    @Query("""
            SELECT id, client_key, status, amount, currency, charge_id, decline_code, decline_detail, decline_message,
                   failure_kind, failure_code, failure_message, created_at, updated_at, version,
                   auth_attempt, auth_client_secret, auth_deadline
              FROM orders
             WHERE status IN (:statuses) AND updated_at < :updatedBefore
               AND (claimed_until IS NULL OR claimed_until <= :now)
             ORDER BY updated_at, id
             LIMIT :limit
               FOR UPDATE SKIP LOCKED""")
    abstract List<OrderRow> lockClaimable(Collection<String> statuses, Instant updatedBefore, Instant now, int limit);

    /** Claims the rows {@link #lockClaimable} locked in this transaction. */
    @Query("UPDATE orders SET claimed_until = :claimUntil WHERE id IN (:ids)")
    abstract int claim(Collection<String> ids, Instant claimUntil);

    /** Ends the claim that lasts until {@code claimUntil}, and no later claim of someone else. */
    @Query("UPDATE orders SET claimed_until = NULL WHERE id = :id AND claimed_until = :claimUntil")
    abstract int releaseClaim(String id, Instant claimUntil);

    void insertLines(List<OrderLineRow> lines) {
        jdbc.prepareStatement(INSERT_LINE, ps -> {
            for (OrderLineRow line : lines) {
                ps.setString(1, line.orderId());
                ps.setInt(2, line.lineNo());
                ps.setString(3, line.sku());
                ps.setInt(4, line.quantity());
                ps.setLong(5, line.unitAmount());
                ps.setString(6, line.currency());
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    /** The lines of all {@code orderIds}, in one query, by order and cart position. */
    List<OrderLineRow> findLines(Collection<String> orderIds) {
        if (orderIds.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT order_id, line_no, sku, quantity, unit_amount, currency FROM order_lines WHERE order_id IN ("
                + "?,".repeat(orderIds.size() - 1) + "?) ORDER BY order_id, line_no";
        return jdbc.prepareStatement(sql, ps -> {
            int i = 1;
            for (String id : orderIds) {
                ps.setString(i++, id);
            }
            var rows = new ArrayList<OrderLineRow>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OrderLineRow(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getLong(5), rs.getString(6)));
                }
            }
            return rows;
        });
    }
}
