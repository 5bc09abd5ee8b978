package dev.checkout.adapter.persistence;

import dev.checkout.domain.money.CurrencyCode;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.payment.Dispute;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * All SQL of {@code order_disputes}, on the current transaction's connection. Written only with its order's versioned
 * update ({@link JdbcOrders#update}), which holds the order's row lock.
 */
@Singleton
final class DisputeRepository {
    private static final String COLUMNS = "order_id, dispute_id, amount, currency, status, reason, reported_at";
    private final JdbcOperations jdbc;

    DisputeRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the order's dispute as it is now: an update of the row, or its insert the first time. */
    void write(OrderId order, Dispute dispute) {
        int updated = jdbc.prepareStatement("UPDATE order_disputes SET dispute_id = ?, amount = ?, currency = ?, status = ?,"
                + " reason = ?, reported_at = ? WHERE order_id = ?", ps -> {
            ps.setString(1, dispute.id());
            ps.setLong(2, dispute.amount().minorUnits());
            ps.setString(3, dispute.amount().currency().code());
            ps.setString(4, dispute.status());
            ps.setString(5, dispute.reason());
            ps.setObject(6, RefundRepository.utc(dispute.updatedAt()));
            ps.setString(7, order.value());
            return ps.executeUpdate();
        });
        if (updated == 0) {
            jdbc.prepareStatement("INSERT INTO order_disputes (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", ps -> {
                ps.setString(1, order.value());
                ps.setString(2, dispute.id());
                ps.setLong(3, dispute.amount().minorUnits());
                ps.setString(4, dispute.amount().currency().code());
                ps.setString(5, dispute.status());
                ps.setString(6, dispute.reason());
                ps.setObject(7, RefundRepository.utc(dispute.updatedAt()));
                return ps.executeUpdate();
            });
        }
    }

    /** The disputes of the orders in {@code orderIds} that have one: one query. */
    Map<String, Dispute> findFor(Collection<String> orderIds) {
        if (orderIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM order_disputes WHERE order_id IN ("
                + "?,".repeat(orderIds.size() - 1) + "?)", ps -> {
            RefundRepository.bind(ps, orderIds);
            var found = new HashMap<String, Dispute>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString("order_id"), new Dispute(rs.getString("dispute_id"),
                            Money.of(rs.getLong("amount"), CurrencyCode.of(rs.getString("currency").strip())),
                            rs.getString("status"), rs.getString("reason"), RefundRepository.instant(rs, "reported_at")));
                }
            }
            return found;
        });
    }
}
