package dev.checkout.adapter.persistence;

import dev.checkout.domain.money.CurrencyCode;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.DeferredRefund;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.payment.RefundId;
import dev.checkout.domain.port.ReceivedEvents;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ReceivedEvents} on {@code payment_events}. A look-up, then an insert in the caller's transaction; the primary
 * key decides a race between two deliveries of one event (the loser's insert fails and its transaction rolls back).
 * Not {@code ON CONFLICT DO NOTHING}: H2 and PostgreSQL spell it differently, and a look-up first keeps a redelivery
 * from ever failing a statement, which on PostgreSQL would poison the transaction. The deferred refunds are kept
 * alike on {@code deferred_refunds} (V8), by the provider's refund id.
 */
@Singleton
public final class JdbcReceivedEvents implements ReceivedEvents {
    private final WriteTransactions writes;
    private final ConnectionOperations<Connection> connections;
    private final JdbcOperations jdbc;

    JdbcReceivedEvents(WriteTransactions writes, @Named("default") ConnectionOperations<Connection> connections,
                       JdbcOperations jdbc) {
        this.writes = writes;
        this.connections = connections;
        this.jdbc = jdbc;
    }

    @Override
    public boolean record(String eventId, String type, Instant receivedAt) {
        return writes.execute(status -> {
            if (exists(eventId)) {
                return false;
            }
            jdbc.prepareStatement("INSERT INTO payment_events (event_id, type, received_at) VALUES (?, ?, ?)", ps -> {
                ps.setString(1, eventId);
                ps.setString(2, type.length() > 100 ? type.substring(0, 100) : type);
                ps.setObject(3, RefundRepository.utc(receivedAt));
                return ps.executeUpdate();
            });
            return true;
        });
    }

    @Override
    public boolean contains(String eventId) {
        return connections.execute(ConnectionDefinition.DEFAULT, status -> exists(eventId));
    }

    /**
     * One statement: the oldest {@code limit} ids before the cutoff (by the {@code received_at} index of V7), deleted
     * by their primary key, in the caller's transaction or one of its own.
     */
    @Override
    public int forgetBefore(Instant cutoff, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return writes.execute(status -> jdbc.prepareStatement("DELETE FROM payment_events WHERE event_id IN ("
                + "SELECT event_id FROM payment_events WHERE received_at < ? ORDER BY received_at, event_id"
                + " FETCH FIRST ? ROWS ONLY)", ps -> {
            ps.setObject(1, RefundRepository.utc(cutoff));
            ps.setInt(2, limit);
            return ps.executeUpdate();
        }));
    }

    private boolean exists(String eventId) {
        return jdbc.prepareStatement("SELECT 1 FROM payment_events WHERE event_id = ?", ps -> {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    private static final String DEFERRED_COLUMNS = "refund_id, charge_id, amount, currency, request_key, event_id, received_at";

    @Override
    public boolean defer(DeferredRefund refund) {
        return writes.execute(status -> {
            boolean kept = jdbc.prepareStatement("SELECT 1 FROM deferred_refunds WHERE refund_id = ?", ps -> {
                ps.setString(1, refund.refund().value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            });
            if (kept) {
                return false;
            }
            jdbc.prepareStatement("INSERT INTO deferred_refunds (" + DEFERRED_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", ps -> {
                ps.setString(1, refund.refund().value());
                ps.setString(2, refund.charge().value());
                ps.setLong(3, refund.amount().minorUnits());
                ps.setString(4, refund.amount().currency().code());
                if (refund.requestKey().isPresent()) {
                    ps.setString(5, refund.requestKey().get().value());
                } else {
                    ps.setNull(5, Types.VARCHAR);
                }
                ps.setString(6, refund.eventId());
                ps.setObject(7, RefundRepository.utc(refund.receivedAt()));
                return ps.executeUpdate();
            });
            return true;
        });
    }

    @Override
    public List<DeferredRefund> deferredRefunds(ChargeId charge) {
        return connections.execute(ConnectionDefinition.DEFAULT, status -> jdbc.prepareStatement(
                "SELECT " + DEFERRED_COLUMNS + " FROM deferred_refunds WHERE charge_id = ? AND done_at IS NULL"
                        + " ORDER BY received_at, refund_id", ps -> {
                    ps.setString(1, charge.value());
                    return deferred(ps);
                }));
    }

    /** A page by (received_at, refund_id), after the previous page's last row: the received_at index finds it. */
    @Override
    public List<DeferredRefund> deferredRefunds(DeferredRefund after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        String from = after == null ? "" : " AND (received_at > ? OR (received_at = ? AND refund_id > ?))";
        return connections.execute(ConnectionDefinition.DEFAULT, status -> jdbc.prepareStatement(
                "SELECT " + DEFERRED_COLUMNS + " FROM deferred_refunds WHERE done_at IS NULL" + from
                        + " ORDER BY received_at, refund_id FETCH FIRST ? ROWS ONLY", ps -> {
                    int i = 1;
                    if (after != null) {
                        ps.setObject(i++, RefundRepository.utc(after.receivedAt()));
                        ps.setObject(i++, RefundRepository.utc(after.receivedAt()));
                        ps.setString(i++, after.refund().value());
                    }
                    ps.setInt(i, limit);
                    return deferred(ps);
                }));
    }

    private static List<DeferredRefund> deferred(PreparedStatement ps) throws SQLException {
        var found = new ArrayList<DeferredRefund>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String key = rs.getString("request_key");
                found.add(new DeferredRefund(new RefundId(rs.getString("refund_id")), ChargeId.of(rs.getString("charge_id")),
                        Money.of(rs.getLong("amount"), CurrencyCode.of(rs.getString("currency").strip())),
                        Optional.ofNullable(key).map(PaymentKey::new), rs.getString("event_id"),
                        RefundRepository.instant(rs, "received_at")));
            }
        }
        return found;
    }

    @Override
    public boolean deferredRefundDone(RefundId refund, Instant doneAt) {
        return writes.execute(status -> jdbc.prepareStatement(
                "UPDATE deferred_refunds SET done_at = ? WHERE refund_id = ? AND done_at IS NULL", ps -> {
                    ps.setObject(1, RefundRepository.utc(doneAt));
                    ps.setString(2, refund.value());
                    return ps.executeUpdate();
                })) == 1;
    }

    @Override
    public int forgetDeferredRefundsBefore(Instant cutoff, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return writes.execute(status -> jdbc.prepareStatement("DELETE FROM deferred_refunds WHERE refund_id IN ("
                + "SELECT refund_id FROM deferred_refunds WHERE received_at < ? ORDER BY received_at, refund_id"
                + " FETCH FIRST ? ROWS ONLY)", ps -> {
            ps.setObject(1, RefundRepository.utc(cutoff));
            ps.setInt(2, limit);
            return ps.executeUpdate();
        }));
    }
}
