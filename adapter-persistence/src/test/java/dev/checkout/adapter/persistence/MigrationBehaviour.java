package dev.checkout.adapter.persistence;

import dev.checkout.testkit.db.TestDatabase;
import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.inventory.ReservationOutcome;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderLine;
import dev.checkout.domain.order.Quantity;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Flyway at start-up: an empty database gets the schema; a restart on a populated one changes nothing. */
abstract class MigrationBehaviour {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    protected abstract TestDatabase database();

    @Test
    void an_empty_database_is_migrated_at_start_and_a_restart_keeps_the_data() throws Exception {
        try (TestDatabase database = database()) {
            assertThat(tables(database)).doesNotContain("products", "orders", "order_lines", "reservations");

            Sku sku = Sku.of("migration-sku");
            Order order = Order.place(OrderId.of("migration-order"), Optional.of(ClientKey.of("migration-key")),
                    List.of(new OrderLine(sku, Quantity.of(2), Money.of(3_00, "eur"))), T0);
            try (Stores first = Stores.start(database)) {
                first.transactions().run(() -> {
                    first.catalogue().save(new Product(sku, "Survivor", Money.of(3_00, "eur"), 10));
                    first.orders().add(order);
                    first.inventory().reserve(order.id(), order.lines(), T0.plusSeconds(60));
                });
            }
            assertThat(tables(database)).contains("products", "orders", "order_lines", "reservations", "payment_events", "order_disputes", "deferred_refunds",
                    "flyway_schema_history");

            try (Stores second = Stores.start(database)) {
                assertThat(second.catalogue().find(sku).orElseThrow().available()).isEqualTo(8);
                assertThat(second.orders().findByClientKey(ClientKey.of("migration-key")).orElseThrow().lines()).isEqualTo(order.lines());
                assertThat(second.inventory().reserve(order.id(), order.lines(), T0.plusSeconds(60))).isInstanceOf(ReservationOutcome.Reserved.class);
                assertThat(second.catalogue().find(sku).orElseThrow().available()).isEqualTo(8);
            }
            assertThat(appliedMigrations(database)).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        }
    }

    private static List<String> tables(TestDatabase database) throws SQLException {
        try (Connection c = database.connect(); var rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            var names = new ArrayList<String>();
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
            return names;
        }
    }

    private static List<String> appliedMigrations(TestDatabase database) throws SQLException {
        try (Connection c = database.connect();
             var rs = c.createStatement().executeQuery(
                     "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            var versions = new ArrayList<String>();
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
            return versions;
        }
    }
}
