package dev.checkout.adapter.persistence;

import dev.checkout.domain.port.ReceivedEvents;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;

/**
 * {@link ReceivedEvents} on {@code payment_events}. A look-up, then an insert in the caller's transaction; the primary
 * key decides a race between two deliveries of one event (the loser's insert fails and its transaction rolls back).
 * Not {@code ON CONFLICT DO NOTHING}: H2 and PostgreSQL spell it differently, and a look-up first keeps a redelivery
 * from ever failing a statement, which on PostgreSQL would poison the transaction.
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
}
