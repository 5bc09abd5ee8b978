package dev.checkout.app.reliability;

import dev.checkout.testkit.db.TestDatabase;
import io.micronaut.json.tree.JsonNode;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The books the reliability tests read after a failure: balanced books pass, and unbalanced ones fail with what a
 * reader needs to find the cause (the order whose reservation went the wrong way, the stock against the
 * reservations), on both databases, on the checkout's own schema.
 */
class BooksTest {
    private static final long INITIAL = 100;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void balanced_books_pass_and_a_failed_order_whose_units_stayed_sold_is_named_with_its_reservation(String kind) throws Exception {
        try (TestDatabase database = kind.equals("H2") ? TestDatabase.h2File() : TestDatabase.postgres()) {
            Flyway.configure().dataSource(database.url(), String.valueOf(database.properties().get("datasources.default.username")),
                    String.valueOf(database.properties().get("datasources.default.password"))).load().migrate();
            try (Connection db = database.connect()) {
                execute(db, "insert into products (sku, name, unit_amount, currency, available) values ('bk-a', 'A', 300, 'USD', 97)");
                order(db, "ord_paid", "PAID", "ch_paid", 2, "COMMITTED");
                order(db, "ord_declined", "DECLINED", null, 1, "RELEASED");
                execute(db, "update products set available = 98 where sku = 'bk-a'");
                List<JsonNode> charges = List.of(charge("ch_paid", "ord_paid", "succeeded", false),
                        charge("ch_declined", "ord_declined", "failed", false));

                Books.assertBalanced(db, charges, List.of("bk-a"), INITIAL);

                // A FAILED order whose one unit stayed sold: the books no longer balance, and the failure says which.
                order(db, "ord_lost", "FAILED", null, 1, "COMMITTED");
                execute(db, "update products set available = 97 where sku = 'bk-a'");

                assertThatThrownBy(() -> Books.assertBalanced(db, charges, List.of("bk-a"), INITIAL))
                        .isInstanceOf(AssertionError.class)
                        .hasMessageContaining("stock of bk-a = initial - paid units")
                        .hasMessageContaining("bk-a: available 97, initial - reserved or committed units 97")
                        .hasMessageContaining("order ord_lost FAILED")
                        .hasMessageContaining("1 x bk-a reservation COMMITTED")
                        .hasMessageContaining("at the provider: nothing")
                        .message().doesNotContain("ord_paid").doesNotContain("ord_declined");
            }
        }
    }

    private static void order(Connection db, String id, String status, String charge, int quantity, String reservation)
            throws SQLException {
        execute(db, "insert into orders (id, status, amount, currency, charge_id, created_at, updated_at, version) values ('"
                + id + "', '" + status + "', " + 300 * quantity + ", 'USD', " + (charge == null ? "null" : "'" + charge + "'")
                + ", current_timestamp, current_timestamp, 1)");
        execute(db, "insert into order_lines (order_id, line_no, sku, quantity, unit_amount, currency) values ('" + id
                + "', 0, 'bk-a', " + quantity + ", 300, 'USD')");
        execute(db, "insert into reservations (order_id, sku, quantity, state, expires_at) values ('" + id + "', 'bk-a', "
                + quantity + ", '" + reservation + "', current_timestamp)");
    }

    private static JsonNode charge(String id, String orderId, String status, boolean refunded) {
        return JsonNode.from(Map.of("id", id, "status", status, "refunded", refunded, "amount_refunded", 0,
                "metadata", Map.of("order_id", orderId)));
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (var st = db.createStatement()) {
            st.execute(sql);
        }
    }
}
