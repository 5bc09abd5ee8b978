package com.example.bookshop;

import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderLine;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.order.PendingAuthentication;
import dev.checkout.domain.order.Quantity;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.ClientSecret;
import dev.checkout.domain.payment.DeclineReason;
import dev.checkout.domain.payment.PaymentAttemptId;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.port.ConcurrentOrderUpdateException;
import dev.checkout.domain.port.DuplicateClientKeyException;
import dev.checkout.domain.port.Orders;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The bookshop's {@link Orders}: one row per order in {@code order_book}. The database enforces what the port
 * promises: a UNIQUE client key (two requests with one Idempotency-Key make one order, whoever reads first), and an
 * update that names the version it read, so that a concurrent change is refused instead of overwritten.
 */
public final class OrderBook implements Orders {
    private static final String COLUMNS = "id, client_key, status, currency, total_minor, lines, charge_id, "
            + "decline_code, decline_detail, decline_message, failure_kind, failure_code, failure_message, "
            + "auth_attempt, auth_client_secret, auth_deadline, created_at, updated_at, version";
    private static final String UNIQUE_VIOLATION = "23505";

    private final JdbcTransactions tx;

    public OrderBook(JdbcTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void add(Order order) {
        tx.withConnection("add " + order.id(), c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO order_book (status, charge_id, "
                    + "decline_code, decline_detail, decline_message, failure_kind, failure_code, failure_message, "
                    + "auth_attempt, auth_client_secret, auth_deadline, "
                    + "updated_at, version, id, client_key, currency, total_minor, lines, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int next = bindState(insert, order);
                insert.setString(next++, order.id().value());
                insert.setString(next++, order.clientKey().map(ClientKey::value).orElse(null));
                insert.setString(next++, order.total().currency().code());
                insert.setLong(next++, order.total().minorUnits());
                insert.setString(next++, encode(order.lines()));
                insert.setObject(next, utc(order.createdAt()));
                insert.executeUpdate();
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState()) && order.clientKey().isPresent()
                        && e.getMessage().toLowerCase(Locale.ROOT).contains("client_key")) {
                    throw new DuplicateClientKeyException(order.clientKey().get(), e);
                }
                throw e;
            }
            return null;
        });
    }

    @Override
    public void update(Order order) {
        tx.withConnection("update " + order.id(), c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE order_book SET status = ?, charge_id = ?, "
                    + "decline_code = ?, decline_detail = ?, decline_message = ?, failure_kind = ?, "
                    + "failure_code = ?, failure_message = ?, auth_attempt = ?, auth_client_secret = ?, auth_deadline = ?, "
                    + "updated_at = ?, version = ?, claimed_until = NULL "
                    + "WHERE id = ? AND version = ?")) {
                int next = bindState(update, order);
                update.setString(next++, order.id().value());
                update.setLong(next, order.version() - 1);
                if (update.executeUpdate() != 1) {
                    throw new ConcurrentOrderUpdateException(order.id());
                }
            }
            return null;
        });
    }

    /** Binds what a transition may change (status to version) from parameter 1; answers the next index. */
    private static int bindState(PreparedStatement statement, Order order) throws SQLException {
        var decline = order.declineReason();
        var failure = order.failure();
        statement.setString(1, order.status().name());
        statement.setString(2, order.chargeId().map(ChargeId::value).orElse(null));
        statement.setString(3, decline.map(DeclineReason::code).orElse(null));
        statement.setString(4, decline.map(DeclineReason::declineCode).orElse(null));
        statement.setString(5, decline.map(DeclineReason::message).orElse(null));
        statement.setString(6, failure.map(f -> f.kind().name()).orElse(null));
        statement.setString(7, failure.map(PaymentFailure::code).orElse(null));
        statement.setString(8, failure.map(PaymentFailure::message).orElse(null));
        var waiting = order.pendingAuthentication();
        statement.setString(9, waiting.map(w -> w.attempt().value()).orElse(null));
        statement.setString(10, waiting.map(w -> w.clientSecret().reveal()).orElse(null));
        statement.setObject(11, waiting.map(w -> utc(w.deadline())).orElse(null));
        statement.setObject(12, utc(order.updatedAt()));
        statement.setLong(13, order.version());
        return 14;
    }

    @Override
    public Optional<Order> find(OrderId id) {
        return one("WHERE id = ?", id.value());
    }

    @Override
    public Optional<Order> findByClientKey(ClientKey key) {
        return one("WHERE client_key = ?", key.value());
    }

    @Override
    public List<Order> findStale(Set<OrderStatus> statuses, Instant updatedBefore, int limit) {
        if (statuses.isEmpty()) {
            return List.of();
        }
        String marks = statuses.stream().map(s -> "?").collect(Collectors.joining(","));
        Object[] values = new Object[statuses.size() + 2];
        int i = 0;
        for (OrderStatus status : statuses) {
            values[i++] = status.name();
        }
        values[i++] = utc(updatedBefore);
        values[i] = limit;
        return select("WHERE status IN (" + marks + ") AND updated_at < ? ORDER BY updated_at FETCH FIRST ? ROWS ONLY",
                values);
    }

    /**
     * Claims without row locks, which any SQL database can do: read the candidates, then claim each with a conditional
     * UPDATE that only succeeds while nobody holds it. Two workers that read the same candidate both try; the database
     * lets one of the UPDATEs match, so the other leaves it out.
     */
    @Override
    public List<Order> claimStale(Set<OrderStatus> statuses, Instant updatedBefore, int limit, Instant now, Instant claimUntil) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        if (!claimUntil.isAfter(now)) {
            throw new IllegalArgumentException("claimUntil must be after now, was " + claimUntil + " <= " + now);
        }
        if (statuses.isEmpty()) {
            return List.of();
        }
        String marks = statuses.stream().map(s -> "?").collect(Collectors.joining(","));
        Object[] values = new Object[statuses.size() + 3];
        int i = 0;
        for (OrderStatus status : statuses) {
            values[i++] = status.name();
        }
        values[i++] = utc(updatedBefore);
        values[i++] = utc(now);
        values[i] = limit;
        List<Order> candidates = select("WHERE status IN (" + marks + ") AND updated_at < ? "
                + "AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY updated_at, id FETCH FIRST ? ROWS ONLY", values);
        var claimed = new ArrayList<Order>(candidates.size());
        for (Order candidate : candidates) {
            boolean mine = tx.withConnection("claim " + candidate.id(), c -> {
                try (PreparedStatement claim = c.prepareStatement("UPDATE order_book SET claimed_until = ? "
                        + "WHERE id = ? AND (claimed_until IS NULL OR claimed_until <= ?)")) {
                    claim.setObject(1, utc(claimUntil.truncatedTo(ChronoUnit.MICROS))); // the column's precision
                    claim.setString(2, candidate.id().value());
                    claim.setObject(3, utc(now));
                    return claim.executeUpdate() == 1;
                }
            });
            if (mine) {
                claimed.add(candidate);
            }
        }
        return claimed;
    }

    @Override
    public void releaseClaim(OrderId id, Instant claimUntil) {
        tx.withConnection("release " + id, c -> {
            try (PreparedStatement release = c.prepareStatement(
                    "UPDATE order_book SET claimed_until = NULL WHERE id = ? AND claimed_until = ?")) {
                release.setString(1, id.value());
                release.setObject(2, utc(claimUntil.truncatedTo(ChronoUnit.MICROS)));
                return release.executeUpdate();
            }
        });
    }

    private Optional<Order> one(String where, Object value) {
        return select(where, value).stream().findFirst();
    }

    private List<Order> select(String where, Object... values) {
        return tx.withConnection("read orders", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM order_book " + where)) {
                for (int i = 0; i < values.length; i++) {
                    select.setObject(i + 1, values[i]);
                }
                var orders = new ArrayList<Order>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        orders.add(read(rows));
                    }
                }
                return orders;
            }
        });
    }

    private static Order read(ResultSet row) throws SQLException {
        String currency = row.getString("currency");
        String declineCode = row.getString("decline_code");
        String failureKind = row.getString("failure_kind");
        String chargeId = row.getString("charge_id");
        String clientKey = row.getString("client_key");
        String attempt = row.getString("auth_attempt");
        return Order.rehydrate(OrderId.of(row.getString("id")),
                clientKey == null ? null : ClientKey.of(clientKey),
                decode(row.getString("lines"), currency),
                Money.of(row.getLong("total_minor"), currency),
                OrderStatus.valueOf(row.getString("status")),
                chargeId == null ? null : ChargeId.of(chargeId),
                declineCode == null ? null : new DeclineReason(declineCode, row.getString("decline_detail"),
                        row.getString("decline_message")),
                failureKind == null ? null : new PaymentFailure(PaymentFailure.Kind.valueOf(failureKind),
                        row.getString("failure_code"), row.getString("failure_message")),
                instant(row, "created_at"), instant(row, "updated_at"), row.getLong("version"), List.of(),
                null, // the bookshop keeps no disputes
                attempt == null ? null : new PendingAuthentication(new PaymentAttemptId(attempt),
                        ClientSecret.of(row.getString("auth_client_secret")), instant(row, "auth_deadline")));
    }

    /** "sku*quantity*unit price" per line, comma separated; a SKU holds none of those separators. */
    private static String encode(List<OrderLine> lines) {
        return lines.stream()
                .map(l -> l.sku().value() + "*" + l.quantity().value() + "*" + l.unitPrice().minorUnits())
                .collect(Collectors.joining(","));
    }

    private static List<OrderLine> decode(String lines, String currency) {
        return Arrays.stream(lines.split(",")).map(line -> line.split("\\*"))
                .map(f -> new OrderLine(Sku.of(f[0]), Quantity.of(Integer.parseInt(f[1])),
                        Money.of(Long.parseLong(f[2]), currency)))
                .toList();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
