package dev.checkout.bench;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code sql-floor-h2} and {@code sql-floor-pg}: what the purchase's SQL costs by itself, with no HTTP, no
 * framework, no payment provider: the checkout's own schema (its Flyway migration), its statements of TX1 and TX2 in
 * plain JDBC, by as many threads as the checkout admits to TX1 at once ({@code --threads}, 4). H2 runs in this JVM,
 * as in the checkout, on a file that H2 writes at every commit ({@code WRITE_DELAY=0}, the durable way without the
 * checkout's group commit); {@code --write-delay=500} leaves the writes to H2's timer, which is not durable and shows
 * what the writes cost. The CPU per purchase is this JVM's plus PostgreSQL's. {@code --variant=commit} measures one
 * bare commit instead (a one-row insert into a table with one index).
 *
 * <p>The keys are shaped as the checkout's are: order ids ordered by time ({@code TimeOrderedOrderIds}'s form), the
 * buyer's Idempotency-Key a random UUID (what the storefront sends), the provider's charge id 24 random characters
 * (Stripe's form), so the unique index on the client key and the index on the charge id take each new entry in a
 * random leaf, as they do under the checkout. {@code --keys=ordered} makes both keys follow the order id instead
 * (what this scenario did before 2026-12-07). {@code --skus=1} makes every purchase buy the same product, the hot
 * SKU's case: one row that every TX1 locks from its take to its commit.
 *
 * <p>{@code --group-commit=true} (H2 only) commits as the checkout does on H2: H2 keeps its timed write
 * ({@code WRITE_DELAY=500} unless given), and after each commit a thread waits for a write of the file that began
 * after its commit; the first waiter makes that write for every commit before it ({@link GroupWrite}). The checkout's
 * own group commit ({@code H2GroupCommit}) also keeps H2's lock only while the B-trees are taken, which shortens the
 * waits, not the work; the CPU per purchase is what this measures.
 */
final class SqlFloorScenario {
    private static final int SKUS = 1_000;
    private static final char[] ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private SqlFloorScenario() {
    }

    static Result run(Options o, boolean postgres) throws Exception {
        String name = postgres ? "sql-floor-pg" : "sql-floor-h2";
        Result r = Scenarios.begin(name, o); // the machine, the time, the JDK and the commit, as every scenario's
        boolean commitOnly = o.get("variant", "purchase").equals("commit");
        int threads = Integer.parseInt(o.get("threads", "4"));
        int skus = Integer.parseInt(o.get("skus", String.valueOf(SKUS)));
        boolean randomKeys = switch (o.get("keys", "random")) {
            case "random" -> true;
            case "ordered" -> false;
            default -> throw new IllegalArgumentException("--keys is random or ordered, not " + o.get("keys", ""));
        };
        boolean grouped = Boolean.parseBoolean(o.get("group-commit", "false"));
        if (grouped && postgres) {
            throw new IllegalArgumentException("--group-commit is H2's: PostgreSQL groups its own commits");
        }
        String writeDelay = o.get("write-delay", grouped ? "500" : "0");
        if (skus < 1 || skus > SKUS) {
            throw new IllegalArgumentException("--skus is 1 to " + SKUS + ", not " + skus);
        }
        r.config.put("variant", commitOnly ? "one bare commit" : "the purchase's TX1 + TX2");
        r.config.put("threads", threads);
        r.config.put("skus", skus);
        r.config.put("groupCommit", grouped);
        r.config.put("keys", randomKeys ? "client key and charge id random" : "client key and charge id follow the order id");

        Path dir = o.root().resolve("checkout-bench/target/bench/run-" + name);
        Database db;
        String url;
        if (postgres) {
            db = Database.freshPostgres(name);
            // as the checkout connects (DatasourceDefaults): a batch of rows is one multi-row INSERT
            url = db.url() + "?reWriteBatchedInserts=true";
        } else {
            Rig.deleteRecursively(dir);
            Files.createDirectories(dir);
            db = null;
            // as the checkout connects (DatasourceDefaults): H2 keeps 128 parsed statements per session, not 8
            // (--query-cache=8, H2's default); the purchase runs 9 distinct ones (the price read once per cart size),
            // which cycle through a cache of 8, so each would be parsed again every time
            url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("floor")
                    + ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=" + o.get("query-cache", "128") + ";WRITE_DELAY=" + writeDelay
                    + o.get("h2-settings", "");
        }
        String user = postgres ? "postgres" : "sa";
        r.config.put("database", postgres ? "PostgreSQL" : "H2 file, WRITE_DELAY=" + writeDelay
                + (grouped ? ", commits written in groups" : ""));
        try (Connection admin = DriverManager.getConnection(url, user, "")) {
            schema(admin, o.root());
            // --then='SQL;SQL': schema changes to try against the migration's (e.g. an index dropped)
            for (String change : o.get("then", "").split(";")) {
                if (!change.isBlank()) {
                    try (Statement s = admin.createStatement()) {
                        s.execute(change);
                    }
                }
            }
        }
        r.config.put("url", url);
        r.config.put("then", o.get("then", ""));

        var running = new AtomicBoolean(true);
        var measuring = new AtomicBoolean(false);
        var done = new AtomicLong();
        var workers = new ArrayList<Thread>();
        var failure = new AtomicReference<Throwable>();
        var group = new AtomicReference<GroupWrite>();
        for (int t = 0; t < threads; t++) {
            int worker = t;
            workers.add(Thread.ofPlatform().name("floor-" + t).start(() -> {
                try (Connection c = DriverManager.getConnection(url, user, "")) {
                    c.setAutoCommit(false);
                    Commit commit = Connection::commit;
                    if (grouped) {
                        MVStore store = storeOf(c); // one store behind every connection: the first makes the group
                        GroupWrite writes = group.updateAndGet(g -> g != null ? g : new GroupWrite(store));
                        commit = tx -> {
                            tx.commit();
                            writes.await();
                        };
                    }
                    var random = new SplittableRandom(worker);
                    long n = 0;
                    while (running.get()) {
                        n++;
                        if (commitOnly) {
                            commitOne(c, commit, worker * 1_000_000_000L + n);
                        } else {
                            purchase(c, commit, orderId(random), random, skus, randomKeys);
                        }
                        if (measuring.get()) {
                            done.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    running.set(false);
                }
            }));
        }
        long pid = ProcessHandle.current().pid();
        Thread.sleep(o.warmup().toMillis());
        long cpu0 = Machine.cpuMillis(pid);
        long pg0 = postgres ? Machine.cpuMillisOfCommand("postgres") : 0;
        long t0 = System.nanoTime();
        measuring.set(true);
        Thread.sleep(o.measure().toMillis());
        measuring.set(false);
        long count = done.get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpu = Machine.cpuMillis(pid) - cpu0;
        long pg = postgres ? Machine.cpuMillisOfCommand("postgres") - pg0 : 0;
        running.set(false);
        for (Thread w : workers) {
            w.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a worker failed", failure.get());
        }
        if (db != null) {
            db.drop();
        }
        String unit = commitOnly ? "commit" : "purchase";
        r.goal(unit + "s/s, " + threads + " threads", "-", String.format(Locale.ROOT, "%,.0f", count / seconds), null);
        r.goal("CPU per " + unit + ": this JVM (JDBC" + (postgres ? ")" : " + H2)"), "-",
                String.format(Locale.ROOT, "%.3f ms", (double) cpu / count), null);
        if (postgres) {
            r.goal("CPU per " + unit + ": PostgreSQL", "-", String.format(Locale.ROOT, "%.3f ms", (double) pg / count), null);
        }
        Scenarios.end(r);
        r.notes.add(count + " " + unit + "s in " + String.format(Locale.ROOT, "%.1f", seconds) + " s; no HTTP, no framework,"
                + " no payment provider: the rows only");
        return r;
    }

    /**
     * The checkout's schema, from its own migrations, every one in the order of its version, as Flyway applies them
     * (statements split at ';', comment lines dropped).
     */
    private static void schema(Connection c, Path root) throws IOException, SQLException {
        var statements = new StringBuilder();
        for (Path migration : migrations(root.resolve("adapter-persistence/src/main/resources/db/migration"))) {
            for (String line : Files.readString(migration).split("\n")) {
                if (!line.strip().startsWith("--")) {
                    statements.append(line).append('\n');
                }
            }
            statements.append(";\n");
        }
        try (Statement s = c.createStatement()) {
            for (String statement : statements.toString().split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
            s.execute("CREATE TABLE floor_commits (id BIGINT PRIMARY KEY, at TIMESTAMP(6) WITH TIME ZONE NOT NULL)");
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO products (sku, name, unit_amount, currency, available) VALUES (?, ?, ?, 'usd', 1000000000)")) {
            for (int i = 0; i < SKUS; i++) {
                ps.setString(1, sku(i));
                ps.setString(2, "Product " + i);
                ps.setLong(3, 100 + i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** {@code V<n>__*.sql} by n. */
    static List<Path> migrations(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).sorted(
                    Comparator.comparingInt(f -> Integer.parseInt(f.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"))))
                    .toList();
            if (found.isEmpty()) {
                throw new IOException("no migration V<n>__*.sql in " + dir);
            }
            return found;
        }
    }

    /** The checkout's form: {@code ord_}, the milliseconds in base 36 (9 digits), {@code _}, 12 random hex digits. */
    private static String orderId(SplittableRandom random) {
        String millis = Long.toString(System.currentTimeMillis(), 36);
        return "ord_" + "0".repeat(Math.max(0, 9 - millis.length())) + millis + "_"
                + String.format(Locale.ROOT, "%012x", random.nextLong() & 0xffff_ffff_ffffL);
    }

    /** Stripe's form of a charge id: {@code ch_} and 24 random letters and digits. */
    private static String chargeId(SplittableRandom random) {
        var id = new StringBuilder("ch_");
        for (int i = 0; i < 24; i++) {
            id.append(ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)]);
        }
        return id.toString();
    }

    private static String sku(int i) {
        return String.format(Locale.ROOT, "sku-%04d", i);
    }

    /** How a transaction ends: {@link Connection#commit()}, and with {@code --group-commit} a wait for its write. */
    private interface Commit {
        void commit(Connection c) throws SQLException;
    }

    /** The MVStore of the embedded H2 file behind {@code c}. */
    private static MVStore storeOf(Connection c) throws SQLException {
        return ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
    }

    /**
     * Group commit the plain way: a waiter returns once a write of the file that began after its call has finished;
     * the first waiter while none is writing writes ({@link MVStore#commit()}, synchronous) for every waiter so far.
     */
    static final class GroupWrite {
        private final MVStore store;
        private long requested;
        private long covered;
        private boolean writing;

        GroupWrite(MVStore store) {
            this.store = store;
        }

        void await() {
            long upTo;
            synchronized (this) {
                long mine = ++requested;
                while (covered < mine && writing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted waiting for a write", e);
                    }
                }
                if (covered >= mine) {
                    return;
                }
                writing = true;
                upTo = requested;
            }
            boolean done = false;
            try {
                store.commit();
                done = true;
            } finally {
                synchronized (this) {
                    if (done) {
                        covered = Math.max(covered, upTo);
                    }
                    writing = false;
                    notifyAll();
                }
            }
        }
    }

    private static void commitOne(Connection c, Commit commit, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO floor_commits (id, at) VALUES (?, ?)")) {
            ps.setLong(1, id);
            ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
        }
        commit.commit(c);
    }

    /** TX1 and TX2 of a paid purchase, statement for statement as the checkout's adapters send them. */
    private static void purchase(Connection c, Commit commit, String id, SplittableRandom random, int products, boolean randomKeys)
            throws SQLException {
        int lines = products < 8 ? 1 : 1 + random.nextInt(2); // two lines are 7 products apart
        String[] skus = new String[lines];
        int first = random.nextInt(products);
        for (int i = 0; i < lines; i++) {
            skus[i] = sku((first + i * 7) % products);
        }
        Arrays.sort(skus);
        int[] quantities = new int[lines];
        long total = 0;
        // TX1: price, order, lines, reservation check, take, reservations
        try (PreparedStatement ps = c.prepareStatement("SELECT sku, name, unit_amount, currency, available FROM products WHERE sku IN ("
                + "?, ".repeat(lines - 1) + "?)")) {
            for (int i = 0; i < lines; i++) {
                ps.setString(i + 1, skus[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    total += rs.getLong(3);
                }
            }
        }
        for (int i = 0; i < lines; i++) {
            quantities[i] = 1 + random.nextInt(2);
        }
        var now = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id, client_key, status, amount, currency, charge_id,"
                + " decline_code, decline_detail, decline_message, failure_kind, failure_code, failure_message, created_at,"
                + " updated_at, version, auth_attempt, auth_client_secret, auth_deadline)"
                + " VALUES (?, ?, 'PENDING_PAYMENT', ?, 'usd', NULL, NULL, NULL, NULL, NULL, NULL, NULL, ?, ?, 0, NULL, NULL, NULL)")) {
            ps.setString(1, id);
            ps.setString(2, randomKeys ? UUID.randomUUID().toString() : "key-" + id);
            ps.setLong(3, total);
            ps.setObject(4, now);
            ps.setObject(5, now);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_amount, currency)"
                + " VALUES (?, ?, ?, ?, ?, 'usd')")) {
            for (int i = 0; i < lines; i++) {
                ps.setString(1, id);
                ps.setInt(2, i);
                ps.setString(3, skus[i]);
                ps.setInt(4, quantities[i]);
                ps.setLong(5, 100);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM reservations WHERE order_id = ? FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new IllegalStateException("reserved twice: " + id);
                }
            }
        }
        // the reservation rows first, then the take, whose row locks last until the commit (JdbcInventory.reserve)
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO reservations (order_id, sku, quantity, state, expires_at)"
                + " VALUES (?, ?, ?, 'RESERVED', ?)")) {
            for (int i = 0; i < lines; i++) {
                ps.setString(1, id);
                ps.setString(2, skus[i]);
                ps.setInt(3, quantities[i]);
                ps.setObject(4, now.plusMinutes(15));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE products SET available = available - ? WHERE sku = ? AND available >= ?")) {
            for (int i = 0; i < lines; i++) {
                ps.setInt(1, quantities[i]);
                ps.setString(2, skus[i]);
                ps.setInt(3, quantities[i]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        commit.commit(c);
        // TX2: paid, reservation committed
        try (PreparedStatement ps = c.prepareStatement("UPDATE orders SET status = 'PAID', charge_id = ?, decline_code = NULL,"
                + " decline_detail = NULL, decline_message = NULL, failure_kind = NULL, failure_code = NULL, failure_message = NULL,"
                + " auth_attempt = NULL, auth_client_secret = NULL, auth_deadline = NULL,"
                + " updated_at = ?, version = 1, claimed_until = NULL WHERE id = ? AND version = 0")) {
            ps.setString(1, randomKeys ? chargeId(random) : "ch_" + id);
            ps.setObject(2, OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
            ps.setString(3, id);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("lost update of " + id);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE reservations SET state = 'COMMITTED' WHERE order_id = ? AND state = 'RESERVED'")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
        commit.commit(c);
    }
}
