package com.example.bookshop;

import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.inventory.Reservation;
import dev.checkout.domain.inventory.ReservationOutcome;
import dev.checkout.domain.inventory.ReservationState;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderLine;
import dev.checkout.domain.order.Quantity;
import dev.checkout.domain.port.Inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The bookshop's {@link Inventory}: copies are taken off the shelf with one conditional UPDATE per line (never a
 * read followed by a write), in SKU order so that two carts never wait on each other in a circle, and held in
 * {@code holds} until the payment is known. Commit and release change a hold only if it is still held, so calling
 * them again for the same order does nothing more.
 */
public final class ShelfInventory implements Inventory {
    private final JdbcTransactions tx;

    public ShelfInventory(JdbcTransactions tx) {
        this.tx = tx;
    }

    @Override
    public ReservationOutcome reserve(OrderId order, List<OrderLine> lines, Instant expiresAt) {
        return tx.withConnection("reserve " + order, c -> {
            if (!holdsOf(c, order).isEmpty()) {
                return new ReservationOutcome.Reserved(); // this order already holds its copies
            }
            List<OrderLine> taken = new ArrayList<>();
            List<Sku> short_ = new ArrayList<>();
            for (OrderLine line : lines.stream().sorted(Comparator.comparing(OrderLine::sku)).toList()) {
                if (moveShelf(c, line.sku(), -line.quantity().value())) {
                    taken.add(line);
                } else {
                    short_.add(line.sku());
                }
            }
            if (!short_.isEmpty()) {
                for (OrderLine line : taken) { // all or nothing: what this call took goes back
                    moveShelf(c, line.sku(), line.quantity().value());
                }
                return new ReservationOutcome.Insufficient(
                        lines.stream().map(OrderLine::sku).filter(short_::contains).toList());
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO holds (order_id, sku, copies, state, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                for (OrderLine line : lines) {
                    insert.setString(1, order.value());
                    insert.setString(2, line.sku().value());
                    insert.setInt(3, line.quantity().value());
                    insert.setString(4, ReservationState.RESERVED.name());
                    insert.setObject(5, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return new ReservationOutcome.Reserved();
        });
    }

    @Override
    public void commit(OrderId order) {
        settle(order, ReservationState.COMMITTED);
    }

    @Override
    public void release(OrderId order) {
        settle(order, ReservationState.RELEASED);
    }

    /** Moves every still-held line of the order to {@code to}; released copies go back on the shelf. */
    private void settle(OrderId order, ReservationState to) {
        tx.withConnection(to + " " + order, c -> {
            for (Reservation hold : holdsOf(c, order)) {
                if (hold.state() != ReservationState.RESERVED) {
                    continue;
                }
                try (PreparedStatement update = c.prepareStatement(
                        "UPDATE holds SET state = ? WHERE order_id = ? AND sku = ? AND state = ?")) {
                    update.setString(1, to.name());
                    update.setString(2, order.value());
                    update.setString(3, hold.sku().value());
                    update.setString(4, ReservationState.RESERVED.name());
                    // only the call that moved the hold puts its copies back, however many calls race
                    if (update.executeUpdate() == 1 && to == ReservationState.RELEASED) {
                        moveShelf(c, hold.sku(), hold.quantity().value());
                    }
                }
            }
            return null;
        });
    }

    @Override
    public List<Reservation> reservationsOf(OrderId order) {
        return tx.withConnection("holds of " + order, c -> holdsOf(c, order));
    }

    @Override
    public List<OrderId> expiredReservations(Instant now, int limit) {
        return tx.withConnection("expired holds", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT order_id FROM holds WHERE state = ? "
                    + "AND expires_at < ? GROUP BY order_id ORDER BY MIN(expires_at) FETCH FIRST ? ROWS ONLY")) {
                select.setString(1, ReservationState.RESERVED.name());
                select.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                select.setInt(3, limit);
                var ids = new ArrayList<OrderId>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(OrderId.of(rows.getString(1)));
                    }
                }
                return ids;
            }
        });
    }

    /** Adds {@code delta} copies to the shelf; a removal happens only if that many are there. */
    private static boolean moveShelf(Connection c, Sku sku, long delta) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE shelf SET on_hand = on_hand + ? WHERE sku = ? AND on_hand + ? >= 0")) {
            update.setLong(1, delta);
            update.setString(2, sku.value());
            update.setLong(3, delta);
            return update.executeUpdate() == 1;
        }
    }

    private static List<Reservation> holdsOf(Connection c, OrderId order) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT sku, copies, state, expires_at FROM holds WHERE order_id = ? ORDER BY sku")) {
            select.setString(1, order.value());
            var holds = new ArrayList<Reservation>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    holds.add(new Reservation(order, Sku.of(rows.getString(1)), Quantity.of(rows.getInt(2)),
                            ReservationState.valueOf(rows.getString(3)),
                            rows.getObject(4, OffsetDateTime.class).toInstant()));
                }
            }
            return holds;
        }
    }
}
