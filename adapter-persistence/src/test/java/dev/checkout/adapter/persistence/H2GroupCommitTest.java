package dev.checkout.adapter.persistence;

import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderLine;
import dev.checkout.domain.order.Quantity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On an H2 file, a write of this adapter has reached the file when it returns, even though H2 itself would write
 * only every {@code WRITE_DELAY} (10 minutes here): {@code SHUTDOWN IMMEDIATELY} closes the file without writing
 * anything, like a {@code kill -9}, and what the stores acknowledged is still there when the file is opened again.
 * The control shows that a plain JDBC commit on the same database is not.
 */
class H2GroupCommitTest {
    private Path dir;
    private String url;

    @BeforeEach
    void newFile() throws IOException {
        dir = Files.createTempDirectory("checkout-h2-group-commit-");
        url = "jdbc:h2:file:" + dir.resolve("checkout").toAbsolutePath() + ";DATABASE_TO_LOWER=TRUE;WRITE_DELAY=600000";
    }

    @AfterEach
    void deleteFile() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void what_the_stores_acknowledged_survives_a_crash_and_a_plain_commit_does_not() throws Exception {
        try (Stores stores = Stores.start(properties())) {
            stores.catalogue().save(new Product(Sku.of("MUG-1"), "Mug", Money.of(1200, "USD"), 10));
            try (Connection plain = DriverManager.getConnection(url, "sa", "")) {
                plain.setAutoCommit(false);
                try (Statement s = plain.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS control (id INT PRIMARY KEY)");
                    plain.commit();
                    awaitStoredBy(stores); // the table itself is on file; the row below is the control
                    s.execute("INSERT INTO control VALUES (1)");
                }
                plain.commit();
            }
            crash();
        }

        try (Connection reopened = DriverManager.getConnection(url, "sa", "");
             Statement s = reopened.createStatement()) {
            assertThat(count(s, "SELECT COUNT(*) FROM products WHERE sku = 'MUG-1'")).isEqualTo(1);
            assertThat(count(s, "SELECT COUNT(*) FROM control")).as("a plain commit, which nothing waited for").isZero();
        }
    }

    @Test
    void concurrent_purchases_share_writes_and_every_acknowledged_one_survives() throws Exception {
        int orders = 64;
        try (Stores stores = Stores.start(properties())) {
            stores.catalogue().save(new Product(Sku.of("MUG-1"), "Mug", Money.of(1200, "USD"), 1_000));
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                var done = new ArrayList<Future<?>>();
                for (int i = 0; i < orders; i++) {
                    OrderId id = OrderId.of("ord_" + i);
                    done.add(threads.submit(() -> stores.transactions().call(() -> {
                        Order order = Order.place(id, Optional.empty(),
                                List.of(new OrderLine(Sku.of("MUG-1"), Quantity.of(2), Money.of(1200, "USD"))), Instant.now());
                        stores.orders().add(order);
                        stores.inventory().reserve(id, order.lines(), Instant.now().plusSeconds(900));
                        return null;
                    })));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            crash();
        }

        try (Connection reopened = DriverManager.getConnection(url, "sa", "");
             Statement s = reopened.createStatement()) {
            assertThat(count(s, "SELECT COUNT(*) FROM orders")).isEqualTo(orders);
            assertThat(count(s, "SELECT COUNT(*) FROM reservations WHERE state = 'RESERVED'")).isEqualTo(orders);
            assertThat(count(s, "SELECT available FROM products WHERE sku = 'MUG-1'")).isEqualTo(1_000 - 2 * orders);
        }
    }

    @Test
    void after_the_database_was_closed_and_opened_again_writes_are_still_made_durable() throws Exception {
        try (Stores stores = Stores.start(properties())) {
            stores.catalogue().save(new Product(Sku.of("MUG-1"), "Mug", Money.of(1200, "USD"), 10));
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN"); // every session ends; the pool's next connections open the file anew
            }
            Thread.sleep(1_000); // the pool checks a connection idle this long before lending it, and replaces a dead one

            stores.catalogue().save(new Product(Sku.of("TEE-3"), "Tee", Money.of(2400, "USD"), 5));
            crash();
        }

        try (Connection reopened = DriverManager.getConnection(url, "sa", "");
             Statement s = reopened.createStatement()) {
            assertThat(count(s, "SELECT COUNT(*) FROM products WHERE sku IN ('MUG-1', 'TEE-3')")).isEqualTo(2);
        }
    }

    /**
     * A write transaction holds H2's store lock around its commit ({@link H2GroupCommit.CommitHold}); whatever ends
     * it, the lock is free afterwards. A hold left behind would stop every later write of the file, from any thread.
     */
    @Test
    void no_transaction_leaves_h2s_store_lock_held_whether_it_commits_or_rolls_back() throws Exception {
        try (Stores stores = Stores.start(properties());
             Connection c = DriverManager.getConnection(url, "sa", "")) {
            ReentrantLock storeLock = H2GroupCommit.storeLockOf(H2GroupCommit.fileStoreOf(c));

            stores.catalogue().save(new Product(Sku.of("MUG-1"), "Mug", Money.of(1200, "USD"), 10));
            assertThat(storeLock.isLocked()).as("after a commit").isFalse();

            Order order = Order.place(OrderId.of("ord_refused"), Optional.empty(),
                    List.of(new OrderLine(Sku.of("MUG-1"), Quantity.of(1), Money.of(1200, "USD"))), Instant.now());
            assertThatThrownBy(() -> stores.transactions().call(() -> {
                stores.orders().add(order);
                throw new IllegalStateException("refused by the work");
            })).hasMessage("refused by the work");
            assertThat(storeLock.isLocked()).as("after the work threw").isFalse();

            stores.orders().add(order);
            assertThatThrownBy(() -> stores.orders().add(order)).as("the same order id again").isInstanceOf(RuntimeException.class);
            assertThat(storeLock.isLocked()).as("after a statement failed").isFalse();

            try (var other = Executors.newSingleThreadExecutor()) { // a write from another thread still goes through
                other.submit(() -> stores.catalogue().save(new Product(Sku.of("TEE-3"), "Tee", Money.of(2400, "USD"), 5)))
                        .get(10, TimeUnit.SECONDS);
            }
            assertThat(storeLock.isLocked()).isFalse();
        }
    }

    private Map<String, Object> properties() {
        return Map.of("datasources.default.url", url, "datasources.default.username", "sa",
                "datasources.default.password", "", "datasources.default.dialect", "H2",
                "flyway.datasources.default.enabled", true);
    }

    /** A write through the stores, which returns once everything committed before it is on file. */
    private static void awaitStoredBy(Stores stores) {
        stores.catalogue().save(new Product(Sku.of("CAP-2"), "Cap", Money.of(900, "USD"), 1));
    }

    /** Closes the file without writing what H2 still holds in memory, as a killed process would. */
    private void crash() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN IMMEDIATELY");
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
