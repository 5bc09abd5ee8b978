package dev.checkout.app.reliability;

import io.micronaut.json.tree.JsonNode;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks that the provider's records and ours agree after a failure, read straight from the database: what the
 * reliability tests assert once the reconciler has had its time.
 */
final class Books {
    private static final String UNDECIDED_ORDERS =
            "select count(*) from orders where status in ('PENDING_PAYMENT','PAYMENT_UNKNOWN','REFUND_PENDING')";
    /** Mismatched order lines an explanation shows at most. */
    private static final int MAX_SHOWN = 50;
    private static final String HELD_RESERVATIONS = "select count(*) from reservations where state = 'RESERVED'";

    private Books() {
    }

    /** No order is left undecided and no stock is held: the reconciler has nothing left to do. */
    static boolean settled(Connection db) throws SQLException {
        return count(db, UNDECIDED_ORDERS) == 0 && count(db, HELD_RESERVATIONS) == 0;
    }

    /**
     * Whole ({@link #assertWhole}), settled, every approved charge is one PAID order or a refund, every PAID order has
     * its charge, and the stock of each SKU is what it started with less the units paid for.
     */
    static void assertBalanced(Connection db, List<JsonNode> charges, List<String> skus, long initialStock) throws SQLException {
        try {
            checkBalanced(db, charges, skus, initialStock);
        } catch (AssertionError unbalanced) {
            String explained;
            try {
                explained = explain(db, charges, skus, initialStock);
            } catch (SQLException | RuntimeException e) {
                explained = "the books could not be read for more: " + e;
            }
            throw new AssertionError(unbalanced.getMessage() + "\n" + explained, unbalanced);
        }
    }

    private static void checkBalanced(Connection db, List<JsonNode> charges, List<String> skus, long initialStock) throws SQLException {
        assertWhole(db);
        assertThat(count(db, UNDECIDED_ORDERS)).as("orders left undecided").isZero();
        assertThat(count(db, HELD_RESERVATIONS)).as("reservations still held").isZero();
        assertBooksAgree(db, charges);
        for (String sku : skus) {
            long available = available(db, sku);
            long paidUnits = count(db, "select coalesce(sum(l.quantity), 0) from order_lines l join orders o on o.id = l.order_id "
                    + "where o.status = 'PAID' and l.sku = '" + sku + "'");
            assertThat(available).as("stock of %s = initial - paid units", sku).isEqualTo(initialStock - paidUnits);
        }
    }

    /**
     * Each purchase's first transaction is there whole or not at all: every order has lines that add up to its
     * amount, and no line or reservation is without its order. A crash that cut a commit in two on file shows here.
     */
    static void assertWhole(Connection db) throws SQLException {
        assertThat(count(db, "select count(*) from orders o where o.amount <> (select coalesce(sum(l.quantity * l.unit_amount), 0)"
                + " from order_lines l where l.order_id = o.id)")).as("orders whose lines are missing or do not add up").isZero();
        assertThat(count(db, "select count(*) from order_lines l where not exists (select 1 from orders o where o.id = l.order_id)"))
                .as("order lines without their order").isZero();
        assertThat(count(db, "select count(*) from reservations r where not exists (select 1 from orders o where o.id = r.order_id)"))
                .as("reservations without their order").isZero();
    }

    /** Every approved charge: one PAID order with that charge, or a refund in full; every PAID order: its charge. */
    private static void assertBooksAgree(Connection db, List<JsonNode> charges) throws SQLException {
        var succeeded = new HashMap<String, JsonNode>();
        for (JsonNode charge : charges) {
            if ("succeeded".equals(charge.get("status").getStringValue())) {
                String orderId = charge.get("metadata").get("order_id").getStringValue();
                assertThat(succeeded.put(orderId, charge)).as("two approved charges for order %s", orderId).isNull();
            }
        }
        for (var entry : succeeded.entrySet()) {
            JsonNode charge = entry.getValue();
            try (var st = db.prepareStatement("select status, charge_id from orders where id = ?")) {
                st.setString(1, entry.getKey());
                try (ResultSet rs = st.executeQuery()) {
                    assertThat(rs.next()).as("an order for approved charge %s", charge.get("id").getStringValue()).isTrue();
                    String status = rs.getString(1);
                    if (status.equals("PAID")) {
                        assertThat(rs.getString(2)).isEqualTo(charge.get("id").getStringValue());
                        assertThat(charge.get("amount_refunded").getLongValue()).as("a PAID order's charge is not refunded").isZero();
                    } else {
                        assertThat(status).as("order %s of an approved charge", entry.getKey()).isEqualTo("REFUNDED");
                        assertThat(charge.get("refunded").getBooleanValue()).isTrue();
                    }
                }
            }
        }
        try (var st = db.createStatement(); ResultSet rs = st.executeQuery("select id from orders where status = 'PAID'")) {
            while (rs.next()) {
                assertThat(succeeded).as("PAID order %s has an approved charge", rs.getString(1)).containsKey(rs.getString(1));
            }
        }
    }

    /**
     * What a failed check needs to be understood: per SKU, the stock against what the reservations account for; every
     * order line whose reservation does not match its order's status (COMMITTED for a paid order, RELEASED for one
     * that was not, RESERVED for one still undecided), with what the provider holds for that order.
     */
    private static String explain(Connection db, List<JsonNode> charges, List<String> skus, long initialStock) throws SQLException {
        var text = new StringBuilder("the books:");
        for (String sku : skus) {
            long available = available(db, sku);
            long held = count(db, "select coalesce(sum(quantity), 0) from reservations where sku = '" + sku
                    + "' and state in ('RESERVED', 'COMMITTED')");
            text.append("\n  ").append(sku).append(": available ").append(available).append(", initial - reserved or committed units ")
                    .append(initialStock - held);
        }
        var chargesOfOrder = new HashMap<String, StringBuilder>();
        for (JsonNode charge : charges) {
            JsonNode orderId = charge.get("metadata") == null ? null : charge.get("metadata").get("order_id");
            if (orderId == null) {
                continue;
            }
            chargesOfOrder.computeIfAbsent(orderId.getStringValue(), k -> new StringBuilder())
                    .append(' ').append(charge.get("id").getStringValue()).append('=').append(charge.get("status").getStringValue())
                    .append(charge.get("refunded").getBooleanValue() ? "+refunded" : "");
        }
        String mismatched = "select o.id, o.status, o.created_at, o.updated_at, o.charge_id, l.sku, l.quantity, r.state, r.expires_at"
                + " from orders o join order_lines l on l.order_id = o.id"
                + " left join reservations r on r.order_id = o.id and r.sku = l.sku"
                + " where r.state is null"
                + " or (o.status in ('PAID', 'PARTIALLY_REFUNDED') and r.state <> 'COMMITTED')"
                + " or (o.status in ('DECLINED', 'FAILED') and r.state <> 'RELEASED')"
                + " or (o.status = 'REFUNDED' and r.state = 'RESERVED')"
                + " or (o.status in ('PENDING_PAYMENT', 'PAYMENT_UNKNOWN', 'REFUND_PENDING', 'AWAITING_AUTHENTICATION')"
                + " and r.state <> 'RESERVED')"
                + " order by o.created_at";
        try (var st = db.createStatement(); ResultSet rs = st.executeQuery(mismatched)) {
            for (int shown = 0; rs.next(); shown++) {
                if (shown == MAX_SHOWN) {
                    text.append("\n  and more order lines like these");
                    break;
                }
                text.append("\n  order ").append(rs.getString(1)).append(' ').append(rs.getString(2))
                        .append(" created ").append(rs.getString(3)).append(" updated ").append(rs.getString(4))
                        .append(" charge ").append(rs.getString(5)).append(": ").append(rs.getString(7)).append(" x ")
                        .append(rs.getString(6)).append(" reservation ").append(rs.getString(8))
                        .append(" expires ").append(rs.getString(9))
                        .append("; at the provider:").append(chargesOfOrder.getOrDefault(rs.getString(1), new StringBuilder(" nothing")));
            }
        }
        try (var st = db.createStatement(); ResultSet rs = st.executeQuery("select r.order_id, r.sku, r.quantity, r.state from reservations r"
                + " where not exists (select 1 from order_lines l where l.order_id = r.order_id and l.sku = r.sku)")) {
            while (rs.next()) {
                text.append("\n  reservation without its order line: ").append(rs.getString(1)).append(' ').append(rs.getString(3))
                        .append(" x ").append(rs.getString(2)).append(' ').append(rs.getString(4));
            }
        }
        return text.toString();
    }

    private static long available(Connection db, String sku) throws SQLException {
        return count(db, "select available from products where sku = '" + sku + "'");
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (var st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
