package dev.checkout.adapter.persistence;

import dev.checkout.testkit.db.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.inventory.Reservation;
import dev.checkout.domain.inventory.ReservationOutcome;
import dev.checkout.domain.inventory.ReservationState;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderLine;
import dev.checkout.domain.order.Quantity;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.port.DuplicateClientKeyException;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What this adapter promises beyond the port contracts, checked against a real database: contention, idempotency
 * enforced by the database itself, release racing release, and the caller's transaction left intact.
 */
abstract class PersistenceBehaviour extends StoresOnADatabase {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final int BUYERS = 256;
    private static final int UNITS = 50;


    @Test
    void two_hundred_fifty_six_buyers_for_fifty_units_exactly_fifty_get_one() throws Exception {
        Sku sku = stocked(UNITS);
        var watcher = new AvailableWatcher(sku);

        List<ReservationOutcome> outcomes = race(BUYERS, i -> purchaseTx1(List.of(line(sku, 1))));
        watcher.stop();

        assertThat(outcomes).filteredOn(o -> o instanceof ReservationOutcome.Reserved).hasSize(UNITS);
        assertThat(outcomes).filteredOn(o -> o instanceof ReservationOutcome.Insufficient).hasSize(BUYERS - UNITS);
        assertThat(available(sku)).isZero();
        assertThat(watcher.lowest()).isGreaterThanOrEqualTo(0);
        assertThat(reservedUnits(sku)).isEqualTo(UNITS);
        // The 206 refused TX1s rolled back whole: their orders went with their lines and reservations.
        try (Connection c = database().connect(); var st = c.createStatement()) {
            assertThat(single(st, "SELECT COUNT(*) FROM orders o WHERE NOT EXISTS "
                    + "(SELECT 1 FROM order_lines l WHERE l.order_id = o.id)")).isEqualTo("0");
            assertThat(single(st, "SELECT COUNT(DISTINCT order_id) FROM order_lines WHERE sku = '" + sku.value() + "'"))
                    .isEqualTo(Integer.toString(UNITS));
        }
    }

    @Test
    void contending_multi_line_orders_get_every_line_or_none() throws Exception {
        Sku scarce = stocked(UNITS);
        Sku plenty = stocked(UNITS * 2);
        var ids = new ArrayList<OrderId>();
        List<ReservationOutcome> outcomes = race(BUYERS, i -> {
            // half the buyers list the lines the other way round: the adapter must still lock in one order
            var lines = i % 2 == 0 ? List.of(line(scarce, 1), line(plenty, 1)) : List.of(line(plenty, 1), line(scarce, 1));
            return purchaseTx1(lines);
        });

        assertThat(outcomes).filteredOn(o -> o instanceof ReservationOutcome.Reserved).hasSize(UNITS);
        assertThat(available(scarce)).isZero();
        assertThat(available(plenty)).isEqualTo(UNITS);
        assertThat(reservedUnits(scarce)).isEqualTo(UNITS);
        assertThat(reservedUnits(plenty)).isEqualTo(UNITS);
        try (Connection c = database().connect();
             var rs = c.createStatement().executeQuery("SELECT order_id, COUNT(*) FROM reservations WHERE sku IN ('"
                     + scarce.value() + "', '" + plenty.value() + "') GROUP BY order_id")) {
            while (rs.next()) {
                assertThat(rs.getInt(2)).as("lines reserved for %s", rs.getString(1)).isEqualTo(2);
                ids.add(OrderId.of(rs.getString(1)));
            }
        }
        assertThat(ids).hasSize(UNITS);
    }

    @Test
    void a_second_order_with_a_used_client_key_is_refused_by_the_unique_constraint() throws SQLException {
        ClientKey key = ClientKey.of("key-" + UUID.randomUUID());
        Sku sku = stocked(10);
        // The first order is written behind the adapter's back: only the database can know about it.
        try (Connection c = database().connect()) {
            c.createStatement().execute("INSERT INTO orders (id, client_key, status, amount, currency, created_at, updated_at, version) "
                    + "VALUES ('" + orderId().value() + "', '" + key.value() + "', 'PENDING_PAYMENT', 500, 'USD', "
                    + "TIMESTAMP WITH TIME ZONE '2026-11-25 12:00:00+00', TIMESTAMP WITH TIME ZONE '2026-11-25 12:00:00+00', 0)");
        }
        Order second = Order.place(orderId(), Optional.of(key), List.of(line(sku, 1)), T0);

        assertThatThrownBy(() -> stores().transactions().run(() -> stores().orders().add(second)))
                .isInstanceOf(DuplicateClientKeyException.class)
                .satisfies(e -> assertThat(((DuplicateClientKeyException) e).key()).isEqualTo(key));
        assertThat(stores().orders().find(second.id())).isEmpty();
    }

    @Test
    void an_order_id_used_twice_is_a_bug_not_a_duplicate_client_key() {
        Sku sku = stocked(10);
        Order first = Order.place(orderId(), Optional.of(ClientKey.of("key-" + UUID.randomUUID())), List.of(line(sku, 1)), T0);
        Order sameId = Order.place(first.id(), Optional.of(ClientKey.of("key-" + UUID.randomUUID())), List.of(line(sku, 1)), T0);
        stores().orders().add(first);

        assertThatThrownBy(() -> stores().orders().add(sameId)).isNotInstanceOf(DuplicateClientKeyException.class);
    }

    @Test
    void releases_racing_each_other_return_the_units_once() throws Exception {
        Sku a = stocked(10);
        Sku b = stocked(10);
        OrderId id = orderId();
        stores().transactions().run(() -> {
            stores().orders().add(Order.place(id, Optional.empty(), List.of(line(a, 3), line(b, 4)), T0));
            stores().inventory().reserve(id, List.of(line(a, 3), line(b, 4)), T0.plusSeconds(60));
        });

        race(16, i -> {
            stores().transactions().run(() -> stores().inventory().release(id));
            return null;
        });

        assertThat(available(a)).isEqualTo(10);
        assertThat(available(b)).isEqualTo(10);
        assertThat(stores().inventory().reservationsOf(id)).extracting(Reservation::state).containsOnly(ReservationState.RELEASED);
    }

    @Test
    void commit_racing_release_either_sells_or_returns_never_both() throws Exception {
        Sku sku = stocked(10);
        OrderId id = orderId();
        stores().transactions().run(() -> {
            stores().orders().add(Order.place(id, Optional.empty(), List.of(line(sku, 5)), T0));
            stores().inventory().reserve(id, List.of(line(sku, 5)), T0.plusSeconds(60));
        });

        race(16, i -> {
            stores().transactions().run(() -> {
                if (i % 2 == 0) {
                    stores().inventory().commit(id);
                } else {
                    stores().inventory().release(id);
                }
            });
            return null;
        });

        var state = stores().inventory().reservationsOf(id).getFirst().state();
        assertThat(available(sku)).isEqualTo(state == ReservationState.COMMITTED ? 5 : 10);
    }

    @Test
    void a_short_reservation_inside_the_callers_transaction_keeps_the_callers_other_writes() {
        Sku plenty = stocked(10);
        Sku scarce = stocked(1);
        Order order = Order.place(orderId(), Optional.empty(), List.of(line(plenty, 2), line(scarce, 2)), T0);

        // The caller commits although the reservation was refused: its order must be there, and no stock moved.
        ReservationOutcome outcome = stores().transactions().call(() -> {
            stores().orders().add(order);
            return stores().inventory().reserve(order.id(), order.lines(), T0.plusSeconds(60));
        });

        assertThat(outcome).isEqualTo(new ReservationOutcome.Insufficient(List.of(scarce)));
        assertThat(stores().orders().find(order.id())).isPresent();
        assertThat(available(plenty)).isEqualTo(10);
        assertThat(available(scarce)).isEqualTo(1);
        assertThat(stores().inventory().reservationsOf(order.id())).isEmpty();
    }

    @Test
    void every_port_method_works_outside_any_transaction() {
        Sku sku = sku();
        stores().catalogue().save(new Product(sku, "Loose", Money.of(5_00, "usd"), 5));
        Order order = Order.place(orderId(), Optional.of(ClientKey.of("key-" + UUID.randomUUID())), List.of(line(sku, 2)), T0);
        stores().orders().add(order);

        assertThat(stores().inventory().reserve(order.id(), order.lines(), T0.plusSeconds(60))).isInstanceOf(ReservationOutcome.Reserved.class);
        stores().orders().update(order.markPaid(ChargeId.of("ch_loose"), T0.plusSeconds(1)));
        stores().inventory().commit(order.id());

        assertThat(available(sku)).isEqualTo(3);
        assertThat(stores().orders().findByClientKey(order.clientKey().orElseThrow()).orElseThrow().version()).isEqualTo(1);
        assertThat(stores().inventory().reservationsOf(order.id())).extracting(Reservation::state).containsOnly(ReservationState.COMMITTED);
    }

    @Test
    void the_runner_rethrows_the_works_own_exception_and_rolls_everything_back() {
        Sku sku = sku();
        class Boom extends RuntimeException {
        }
        assertThatThrownBy(() -> stores().transactions().run(() -> {
            stores().catalogue().save(new Product(sku, "Doomed", Money.of(5_00, "usd"), 5));
            // a nested call joins the outer transaction and goes down with it
            stores().transactions().run(() -> stores().catalogue().save(new Product(sku, "Doomed too", Money.of(6_00, "usd"), 6)));
            throw new Boom();
        })).isInstanceOf(Boom.class);

        assertThat(stores().catalogue().find(sku)).isEmpty();
    }

    @Test
    void lines_come_back_in_the_order_they_were_placed() {
        Sku z = Sku.of("zz-" + UUID.randomUUID().toString().substring(0, 8));
        Sku a = Sku.of("aa-" + UUID.randomUUID().toString().substring(0, 8));
        Order order = Order.place(orderId(), Optional.empty(), List.of(line(z, 1), line(a, 2)), T0);
        stores().orders().add(order);

        assertThat(stores().orders().find(order.id()).orElseThrow().lines()).containsExactly(line(z, 1), line(a, 2));
    }

    @Test
    void the_pool_and_the_statement_timeouts_are_set_for_a_two_core_machine() throws SQLException {
        var pool = stores().context().getBean(DataSource.class).unwrap(HikariDataSource.class);
        assertThat(pool.getMaximumPoolSize()).isEqualTo(DatasourceDefaults.POOL_SIZE);
        assertThat(pool.getMinimumIdle()).isEqualTo(DatasourceDefaults.POOL_SIZE);
        // configured by the test, so the module's 5 s default must not replace it
        assertThat(pool.getConnectionTimeout()).isEqualTo(TestDatabase.TEST_CONNECTION_TIMEOUT_MS);
        assertThat(pool.getConnectionInitSql()).contains(Integer.toString(DatasourceDefaults.STATEMENT_TIMEOUT_MS));
        try (Connection c = pool.getConnection(); var st = c.createStatement()) {
            // the init SQL really ran on the pooled connection
            if (database().name().equals("H2")) {
                assertThat(single(st, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_TIMEOUT'")).isEqualTo("10000");
                assertThat(single(st, "SELECT LOCK_TIMEOUT()")).isEqualTo("5000");
            } else {
                assertThat(single(st, "SHOW statement_timeout")).isEqualTo("10s");
                assertThat(single(st, "SHOW lock_timeout")).isEqualTo("5s");
            }
        }
    }

    @Test
    void no_column_can_hold_a_token() throws SQLException {
        try (Connection c = database().connect();
             var rs = c.createStatement().executeQuery(
                     "SELECT table_name, column_name FROM information_schema.columns WHERE LOWER(column_name) LIKE '%token%'"
                             + " AND LOWER(table_name) IN ('products', 'orders', 'order_lines', 'reservations')")) {
            assertThat(rs.next()).as("a token column").isFalse();
        }
    }

    // --- helpers

    private static String single(java.sql.Statement st, String sql) throws SQLException {
        try (var rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    /** TX1 of the purchase: the order and its reservation, committed together or not at all. */
    private ReservationOutcome purchaseTx1(List<OrderLine> lines) {
        OrderId id = orderId();
        try {
            return stores().transactions().call(() -> {
                stores().orders().add(Order.place(id, Optional.empty(), lines, T0));
                ReservationOutcome outcome = stores().inventory().reserve(id, lines, T0.plusSeconds(60));
                if (outcome instanceof ReservationOutcome.Insufficient) {
                    throw new OutOfStock(outcome);
                }
                return outcome;
            });
        } catch (OutOfStock rolledBack) {
            return rolledBack.outcome;
        }
    }

    private static final class OutOfStock extends RuntimeException {
        final transient ReservationOutcome outcome;

        OutOfStock(ReservationOutcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    private Sku stocked(long available) {
        Sku sku = sku();
        stores().transactions().run(() -> stores().catalogue().save(new Product(sku, "Product " + sku, Money.of(5_00, "usd"), available)));
        return sku;
    }

    private long available(Sku sku) {
        return stores().catalogue().find(sku).orElseThrow().available();
    }

    private long reservedUnits(Sku sku) throws SQLException {
        try (Connection c = database().connect();
             var rs = c.createStatement().executeQuery("SELECT COALESCE(SUM(quantity), 0) FROM reservations WHERE state = 'RESERVED' AND sku = '" + sku.value() + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Sku sku() {
        return Sku.of("sku-" + UUID.randomUUID().toString().substring(0, 13));
    }

    private static OrderId orderId() {
        return OrderId.of("ord-" + UUID.randomUUID());
    }

    private static OrderLine line(Sku sku, int quantity) {
        return new OrderLine(sku, Quantity.of(quantity), Money.of(5_00, "usd"));
    }

    /** Reads {@code available} over and over on its own connection while a race runs, remembering the lowest value. */
    private final class AvailableWatcher {
        private final AtomicLong lowest = new AtomicLong(Long.MAX_VALUE);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        AvailableWatcher(Sku sku) {
            thread = Thread.ofPlatform().start(() -> {
                try (Connection c = database().connect();
                     var ps = c.prepareStatement("SELECT available FROM products WHERE sku = ?")) {
                    ps.setString(1, sku.value());
                    while (running.get()) {
                        try (var rs = ps.executeQuery()) {
                            rs.next();
                            lowest.accumulateAndGet(rs.getLong(1), Math::min);
                        }
                        // a sampling rate, not a wait for a condition: leave the two cores to the buyers
                        Thread.sleep(1);
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        long lowest() {
            return lowest.get();
        }
    }

    /** Runs {@code count} calls at once, released together by a latch. */
    private static <T> List<T> race(int count, java.util.function.IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            var start = new CountDownLatch(1);
            var futures = new ArrayList<Future<T>>();
            for (int i = 0; i < count; i++) {
                int n = i;
                Callable<T> task = () -> {
                    start.await();
                    return call.apply(n);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            var results = new ArrayList<T>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
