package dev.checkout.adapter.persistence;

import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.CurrencyCode;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderRefund;
import dev.checkout.domain.order.Quantity;
import dev.checkout.domain.order.RestockLine;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.payment.RefundId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All SQL of {@code order_refunds} and {@code order_refund_items}, on the current transaction's connection. A refund is
 * written only together with its order's versioned update ({@link JdbcOrders#update}), which holds the order's row
 * lock, so these writes never race each other for one order.
 */
@Singleton
final class RefundRepository {
    private static final String COLUMNS = "order_id, seq, amount, currency, reason, status, idempotency_key,"
            + " provider_refund_id, failure_kind, failure_code, failure_message, created_at, updated_at, request_key";
    private static final String UPDATE = "UPDATE order_refunds SET status = ?, provider_refund_id = ?, failure_kind = ?,"
            + " failure_code = ?, failure_message = ?, updated_at = ? WHERE order_id = ? AND seq = ?";
    private static final String INSERT = "INSERT INTO order_refunds (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_ITEM = "INSERT INTO order_refund_items (order_id, seq, line_no, sku, quantity) VALUES (?, ?, ?, ?, ?)";

    private final JdbcOperations jdbc;

    RefundRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the refunds of {@code order} that changed in the transition made at {@code changedAt} (a transition
     * stamps the refunds it touches with its own time): an update of a known refund, or the insert of a new one with
     * its restock lines. Writing an unchanged refund again would be harmless; skipping the others keeps a transition
     * that is not about refunds at one statement.
     */
    void write(OrderId order, List<OrderRefund> refunds, Instant changedAt) {
        for (OrderRefund refund : refunds) {
            if (!refund.updatedAt().equals(changedAt)) {
                continue;
            }
            int updated = jdbc.prepareStatement(UPDATE, ps -> {
                ps.setString(1, refund.status().name());
                ps.setString(2, refund.providerRefund().map(RefundId::value).orElse(null));
                PaymentFailure failure = refund.failureReason().orElse(null);
                ps.setString(3, failure == null ? null : failure.kind().name());
                ps.setString(4, failure == null ? null : failure.code());
                ps.setString(5, failure == null ? null : failure.message());
                ps.setObject(6, utc(refund.updatedAt()));
                ps.setString(7, order.value());
                ps.setInt(8, refund.sequence());
                return ps.executeUpdate();
            });
            if (updated == 0) {
                insert(order, refund);
            }
        }
    }

    private void insert(OrderId order, OrderRefund refund) {
        jdbc.prepareStatement(INSERT, ps -> {
            PaymentFailure failure = refund.failureReason().orElse(null);
            ps.setString(1, order.value());
            ps.setInt(2, refund.sequence());
            ps.setLong(3, refund.amount().minorUnits());
            ps.setString(4, refund.amount().currency().code());
            ps.setString(5, refund.reasonText().orElse(null));
            ps.setString(6, refund.status().name());
            ps.setString(7, refund.idempotencyKey(order).value());
            ps.setString(8, refund.providerRefund().map(RefundId::value).orElse(null));
            ps.setString(9, failure == null ? null : failure.kind().name());
            ps.setString(10, failure == null ? null : failure.code());
            ps.setString(11, failure == null ? null : failure.message());
            ps.setObject(12, utc(refund.createdAt()));
            ps.setObject(13, utc(refund.updatedAt()));
            ps.setString(14, refund.requestedWith().map(ClientKey::value).orElse(null));
            return ps.executeUpdate();
        });
        if (refund.restock().isEmpty()) {
            return;
        }
        jdbc.prepareStatement(INSERT_ITEM, ps -> {
            for (int i = 0; i < refund.restock().size(); i++) {
                RestockLine line = refund.restock().get(i);
                ps.setString(1, order.value());
                ps.setInt(2, refund.sequence());
                ps.setInt(3, i);
                ps.setString(4, line.sku().value());
                ps.setInt(5, line.quantity().value());
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    /** The refunds of every order in {@code orderIds}, in sequence order: one query, and one more if there are any. */
    Map<String, List<OrderRefund>> findFor(Collection<String> orderIds) {
        if (orderIds.isEmpty()) {
            return Map.of();
        }
        String in = "?,".repeat(orderIds.size() - 1) + "?";
        List<Stored> stored = jdbc.prepareStatement("SELECT " + COLUMNS + " FROM order_refunds WHERE order_id IN (" + in
                + ") ORDER BY order_id, seq", ps -> {
            bind(ps, orderIds);
            var found = new ArrayList<Stored>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    CurrencyCode currency = CurrencyCode.of(rs.getString("currency").strip());
                    String failureKind = rs.getString("failure_kind");
                    String providerId = rs.getString("provider_refund_id");
                    found.add(new Stored(rs.getString("order_id"), rs.getInt("seq"), Money.of(rs.getLong("amount"), currency),
                            rs.getString("reason"), OrderRefund.Status.valueOf(rs.getString("status")),
                            providerId == null ? null : new RefundId(providerId),
                            failureKind == null ? null : new PaymentFailure(PaymentFailure.Kind.valueOf(failureKind),
                                    rs.getString("failure_code"), rs.getString("failure_message")),
                            instant(rs, "created_at"), instant(rs, "updated_at"),
                            rs.getString("request_key") == null ? null : ClientKey.of(rs.getString("request_key"))));
                }
            }
            return found;
        });
        if (stored.isEmpty()) {
            return Map.of();
        }
        Map<String, List<RestockLine>> items = new HashMap<>();
        jdbc.prepareStatement("SELECT order_id, seq, sku, quantity FROM order_refund_items WHERE order_id IN (" + in
                + ") ORDER BY order_id, seq, line_no", ps -> {
            bind(ps, orderIds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.computeIfAbsent(rs.getString(1) + "#" + rs.getInt(2), k -> new ArrayList<>())
                            .add(new RestockLine(Sku.of(rs.getString(3)), Quantity.of(rs.getInt(4))));
                }
            }
            return null;
        });
        Map<String, List<OrderRefund>> refunds = new HashMap<>();
        for (Stored r : stored) {
            refunds.computeIfAbsent(r.orderId(), k -> new ArrayList<>()).add(new OrderRefund(r.seq(), r.amount(),
                    items.getOrDefault(r.orderId() + "#" + r.seq(), List.of()), r.reason(), r.status(), r.providerId(),
                    r.failure(), r.createdAt(), r.updatedAt(), r.requestKey()));
        }
        return refunds;
    }

    /** A refund row before its restock lines are read. */
    private record Stored(String orderId, int seq, Money amount, String reason, OrderRefund.Status status,
                          RefundId providerId, PaymentFailure failure, Instant createdAt, Instant updatedAt,
                          ClientKey requestKey) {
    }

    /** Orders with a PENDING refund requested before {@code before}, the longest waiting first. */
    List<String> pendingOrderIds(Instant before, int limit) {
        return jdbc.prepareStatement("SELECT order_id FROM order_refunds WHERE status = 'PENDING' AND created_at < ?"
                + " GROUP BY order_id ORDER BY MIN(created_at), order_id FETCH FIRST ? ROWS ONLY", ps -> {
            ps.setObject(1, utc(before));
            ps.setInt(2, limit);
            var ids = new ArrayList<String>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    static void bind(PreparedStatement ps, Collection<String> values) throws SQLException {
        int i = 1;
        for (String value : values) {
            ps.setString(i++, value);
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
