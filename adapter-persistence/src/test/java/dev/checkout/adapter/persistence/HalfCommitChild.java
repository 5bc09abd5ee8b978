package dev.checkout.adapter.persistence;

import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderLine;
import dev.checkout.domain.order.Quantity;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.index.Index;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.tx.TransactionStore;
import org.h2.table.Table;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The process {@link H2CommitIsWholeOnFileTest} debugs and kills: on an H2 file it commits one order with two lines on
 * a thread named {@code committer}, and writes the file once on a thread named {@code writer}, then halts like a
 * {@code kill -9}, holding H2's lock for writes so that no later write (the committer's own, say) reaches the file. Arguments: the database file (without {@code .mv.db}) and {@code stores} (the order goes through
 * {@link JdbcOrders#add}), {@code plain} (the same rows in a plain JDBC transaction, which nothing guards) or
 * {@code acknowledge} (through the stores, with no writer: the stores' own write makes it durable, and the process
 * halts once {@code add} returned) or {@code rollback} (the same rows in a plain JDBC transaction that is rolled back
 * while the writer writes, see {@link #rollBackDuringWrite}) or {@code running} (a change of a transaction still
 * running, made while the writer writes, see {@link #changeDuringWrite}).
 *
 * <p>It talks on standard streams: {@code READY <ids>} once the order's tables exist (the ids are the MVStore maps of
 * {@code orders} and {@code order_lines}: their rows and their indexes), then it waits for a line to start both threads, and the writer for
 * another before it writes. It prints {@code COMMITTED} and {@code WRITTEN} as they happen.
 */
final class HalfCommitChild {
    private HalfCommitChild() {
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:h2:file:" + args[0] + ";DATABASE_TO_LOWER=TRUE;WRITE_DELAY=600000";
        boolean plain = args[1].equals("plain");
        Map<String, Object> properties = Map.of("datasources.default.url", url, "datasources.default.username", "sa",
                "datasources.default.password", "", "datasources.default.dialect", "H2",
                "flyway.datasources.default.enabled", true);
        try (Stores first = Stores.start(properties)) {
            first.catalogue().save(new Product(Sku.of("MUG-1"), "Mug", Money.of(1200, "USD"), 100));
        }
        // Closed cleanly: H2 drops its empty undo logs and makes them anew, after the tables, as after any restart.
        Stores stores = Stores.start(properties);
        stores.orders().add(order("ord_warm")); // loads H2's commit classes before the test sets breakpoints there
        Connection plainConnection = DriverManager.getConnection(url, "sa", "");
        plainConnection.setAutoCommit(false);
        SessionLocal session = (SessionLocal) plainConnection.unwrap(JdbcConnection.class).getSession();
        MVStore mv = H2GroupCommit.fileStoreOf(plainConnection);
        System.out.println("READY " + mapIdsOf(session, mv, "orders") + "," + mapIdsOf(session, mv, "order_lines"));
        System.out.flush();

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        in.readLine(); // the breakpoints are set
        if (args[1].equals("rollback")) {
            rollBackDuringWrite(plainConnection, session, mv, in);
            return;
        }
        if (args[1].equals("running")) {
            changeDuringWrite(plainConnection, session, mv, in);
            return;
        }
        Thread writer = new Thread(() -> {
            try {
                in.readLine();
            } catch (Exception e) {
                e.printStackTrace();
            }
            writeOnceAndHalt(mv);
        }, "writer");
        Thread committer = new Thread(() -> {
            try {
                if (plain) {
                    insertPlainly(plainConnection, "ord_1");
                } else {
                    stores.orders().add(order("ord_1"));
                }
                System.out.println("COMMITTED");
                System.out.flush();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "committer");
        committer.start();
        if (args[1].equals("acknowledge")) {
            committer.join();
            Runtime.getRuntime().halt(0);
        }
        writer.start();
        writer.join();
    }

    /**
     * Mode {@code rollback}: inserts {@code ord_1} in a plain JDBC transaction and leaves it open, prints
     * {@code INSERTED <undo log map id>}, and on the next line starts the writer, which writes the file once and halts
     * the process. On the line after it rolls the transaction back and prints {@code ROLLED_BACK}.
     */
    private static void rollBackDuringWrite(Connection plainConnection, SessionLocal session, MVStore mv, BufferedReader in)
            throws Exception {
        insertPlainly(plainConnection, "ord_1", false);
        writeWhile(session, mv, in, "INSERTED", plainConnection::rollback, "ROLLED_BACK");
    }

    private interface Step {
        void run() throws Exception;
    }

    /**
     * Prints {@code <started> <undo log map id>} for the session's transaction; on the next line starts the writer,
     * which writes the file once and halts; on the line after runs {@code step}, prints {@code done} and waits.
     */
    private static void writeWhile(SessionLocal session, MVStore mv, BufferedReader in, String started, Step step,
                                   String done) throws Exception {
        System.out.println(started + " " + mapId(mv, "undoLog." + session.getTransaction().getId()));
        System.out.flush();
        in.readLine();
        Thread writer = new Thread(() -> writeOnceAndHalt(mv), "writer");
        writer.start();
        in.readLine();
        step.run();
        System.out.println(done);
        System.out.flush();
        writer.join();
    }

    /**
     * Mode {@code running}: a change of a transaction still running, made while the writer is between the
     * transaction's undo log and the order's B-trees. For the writer to take the undo log first, the log needs a map id
     * that H2's map table puts before them, as restarts give it in time (undo logs are made anew at each start, with
     * the next ids): here its map id is made a multiple of 256, which falls in the table's first bucket. So, as a
     * restart would, map ids are used up to 255 and the empty undo logs of the lowest transaction numbers are
     * dropped. The session's transaction then begins with a stock update (its undo log is made, id 256,
     * with one record) and prints {@code BEGUN <undo log map id>}; on the next line the writer starts, writes the file
     * once and halts. On the line after, the transaction inserts {@code ord_1} and its lines, without committing, and
     * prints {@code CHANGED}.
     */
    private static void changeDuringWrite(Connection plainConnection, SessionLocal session, MVStore mv, BufferedReader in)
            throws Exception {
        for (int id = 0; id < 255; ) {
            MVMap<Object, Object> pad = mv.openMap("pad");
            id = pad.getId();
            mv.removeMap(pad);
            mv.commit(); // a write drops the removed map from the map table, which would grow and move the buckets
        }
        // after the padding, which the pool's own transactions may have crossed, and right before the session begins
        TransactionStore transactions = session.getDatabase().getStore().getTransactionStore();
        var open = new BitSet();
        transactions.getOpenTransactions().forEach(t -> open.set(t.getId()));
        Field logs = TransactionStore.class.getDeclaredField("undoLogs");
        logs.setAccessible(true);
        MVMap<?, ?>[] undoLogs = (MVMap<?, ?>[]) logs.get(transactions);
        for (int number = 1; number <= 16; number++) { // H2 gives the lowest free number, whichever the pool holds then
            if (!open.get(number) && undoLogs[number] != null && undoLogs[number].isEmpty()) {
                mv.removeMap(undoLogs[number]);
                undoLogs[number] = null;
            }
        }
        try (PreparedStatement take = plainConnection.prepareStatement(
                "UPDATE products SET available = available - 1 WHERE sku = 'MUG-1'")) {
            take.executeUpdate();
        }
        writeWhile(session, mv, in, "BEGUN", () -> insertPlainly(plainConnection, "ord_1", false), "CHANGED");
    }

    /**
     * Writes the file once, prints {@code WRITTEN} and halts like a {@code kill -9}. It takes H2's own lock for writes
     * of the file and keeps it to the end, so no write after this one reaches the file.
     */
    private static void writeOnceAndHalt(MVStore mv) {
        try {
            H2GroupCommit.storeLockOf(mv).lock();
            mv.commit();
            System.out.println("WRITTEN");
            System.out.flush();
        } catch (RuntimeException e) {
            e.printStackTrace();
        }
        Runtime.getRuntime().halt(0);
    }

    private static Order order(String id) {
        return Order.place(OrderId.of(id), Optional.empty(), List.of(
                new OrderLine(Sku.of("MUG-1"), Quantity.of(2), Money.of(1200, "USD")),
                new OrderLine(Sku.of("CAP-2"), Quantity.of(1), Money.of(900, "USD"))), Instant.now());
    }

    private static void insertPlainly(Connection c, String id) throws Exception {
        insertPlainly(c, id, true);
    }

    private static void insertPlainly(Connection c, String id, boolean commit) throws Exception {
        try (PreparedStatement order = c.prepareStatement("INSERT INTO orders (id, status, amount, currency, created_at,"
                + " updated_at, version) VALUES (?, 'PENDING_PAYMENT', 3300, 'USD', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)");
             PreparedStatement line = c.prepareStatement("INSERT INTO order_lines (order_id, line_no, sku, quantity,"
                     + " unit_amount, currency) VALUES (?, ?, ?, ?, ?, 'USD')")) {
            order.setString(1, id);
            order.executeUpdate();
            Object[][] lines = {{0, "MUG-1", 2, 1200}, {1, "CAP-2", 1, 900}};
            for (Object[] l : lines) {
                line.setString(1, id);
                line.setInt(2, (Integer) l[0]);
                line.setString(3, (String) l[1]);
                line.setInt(4, (Integer) l[2]);
                line.setLong(5, (Integer) l[3]);
                line.executeUpdate();
            }
        }
        if (commit) {
            c.commit();
        }
    }

    /** The MVStore map ids that hold a table's rows and its indexes, comma-separated. */
    private static String mapIdsOf(SessionLocal session, MVStore mv, String tableName) throws Exception {
        Database db = session.getDatabase();
        Table table = db.getSchema("public").findTableOrView(session, tableName);
        var ids = new StringJoiner(",");
        ids.add(mapId(mv, "table." + table.getId()));
        for (Index index : table.getIndexes()) {
            String id = mapId(mv, "index." + index.getId());
            if (id != null) {
                ids.add(id);
            }
        }
        return ids.toString();
    }

    private static String mapId(MVStore mv, String mapName) {
        String hex = mv.getMetaMap().get("name." + mapName);
        return hex == null ? null : String.valueOf(Integer.parseInt(hex, 16));
    }
}
