package dev.checkout.adapter.persistence;

import org.h2.engine.ConnectionInfo;
import org.h2.engine.Constants;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.db.Store;
import org.h2.mvstore.tx.Transaction;
import org.h2.store.fs.FileUtils;
import org.h2.value.VersionedValue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Sets back what a crash can leave in an H2 file and H2 does not: a change of a transaction that was still running,
 * on file without its undo record.
 *
 * <p>H2 appends a change's undo record to the transaction's undo log first and changes the table's B-tree after, and
 * a rollback restores the B-tree first and removes the undo record after. A write of the file takes the B-trees one
 * after the other, so it can take the B-tree with the change and the undo log without it. When the file is opened
 * again, H2 rolls back every transaction whose undo log has records, through those records: the entry without one
 * stays, uncommitted, marked with a transaction number that no transaction holds. H2 then shows its committed value
 * to every transaction but one that gets the same number, which reads the entry as its own and, if it changes the
 * row, commits it (H2's {@code TxDecisionMaker} calls it "a leftover after unclean shutdown"). That is how a crash
 * could take units of stock that no order holds.
 *
 * <p>Here, when the file was not closed cleanly, every B-tree is read once right after H2 has opened it and rolled
 * back what its undo logs name, before anything else uses the database: any entry still uncommitted then belongs to no
 * transaction, and is set to its committed value (or removed, if it had none), which is what H2 shows every other
 * transaction. A file marked closed cleanly is not read: the checkout reads every file it opens after a crash and then
 * closes it cleanly, but a file that another program opened and closed after the crash carries the mark too (the
 * module's README, "Known limits").
 */
final class H2Leftovers {
    /** H2's header block (2.x): the store's header is written twice, in the file's first two blocks of this size. */
    private static final int HEADER_BLOCK = 4096;
    /** H2's transaction number sits above this many bits of an operation id ({@code Transaction.LOG_ID_BITS}). */
    private static final int LOG_ID_BITS = 40;

    private H2Leftovers() {
    }

    /**
     * What one clearing found: how many uncommitted entries were set back, by B-tree (map name), and how many could
     * not be (a committed value of a kind H2's tables do not use).
     */
    record Cleared(Map<String, Integer> byMap, int unrepairable) {
        int total() {
            return byMap.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * Whether the H2 file of {@code url} was closed cleanly when it was last open, read from the file's header before
     * anything opens it (H2 marks the header {@code clean} at a clean close and drops the mark at its first write after
     * opening). A file that does not exist yet has nothing to set back and counts as clean; a header this cannot read
     * (an encrypted file, another format) counts as not clean, so the file is read whole.
     */
    static boolean closedCleanly(String url, String user, String password) {
        String file;
        try {
            file = fileOf(url, user, password);
        } catch (RuntimeException e) {
            return false;
        }
        if (!FileUtils.exists(file)) {
            return true;
        }
        byte[] head;
        try (InputStream in = FileUtils.newInputStream(file)) {
            head = in.readNBytes(2 * HEADER_BLOCK);
        } catch (IOException e) {
            return false;
        }
        String first = headerLine(head, 0);
        if (first == null || !first.equals(headerLine(head, HEADER_BLOCK))) {
            return false; // both copies are written together; one torn or missing means a crash while writing it
        }
        try {
            String clean = DataUtils.parseMap(first).get("clean");
            return clean != null && Integer.parseInt(clean, 16) != 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The file H2 keeps the database of {@code url} in, as H2 resolves the URL. */
    static String fileOf(String url, String user, String password) {
        return new ConnectionInfo(url, new Properties(), user, password).getName() + Constants.SUFFIX_MV_FILE;
    }

    private static String headerLine(byte[] head, int from) {
        if (head.length < from + HEADER_BLOCK) {
            return null;
        }
        for (int i = from; i < from + HEADER_BLOCK; i++) {
            if (head[i] == '\n') {
                return new String(head, from, i - from, StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    /**
     * Sets every uncommitted entry of every open B-tree of the database behind {@code connection} to its committed
     * value, and has the store write the result. Call it on the first connection to a file that was not closed
     * cleanly, before any other: an entry of a transaction that is open elsewhere is left alone, but one that begins
     * while this runs could not be told apart. Answers null if the connection is not to an embedded H2 file.
     */
    static Cleared clear(Connection connection) throws SQLException {
        Store store = H2GroupCommit.fileDatabaseOf(connection);
        if (store == null) {
            return null;
        }
        MVStore mv = store.getMvStore();
        Set<Integer> running = new HashSet<>();
        for (Transaction t : store.getTransactionStore().getOpenTransactions()) {
            if (t.hasChanges()) {
                running.add(t.getId()); // its entries have undo records: not leftovers
            }
        }
        Map<String, Integer> byMap = new TreeMap<>();
        int unrepairable = 0;
        MVMap<String, String> meta = mv.getMetaMap();
        for (String name : mv.getMapNames()) {
            String id = meta.get(DataUtils.META_NAME + name);
            MVMap<Object, Object> map = id == null ? null : mv.getMap(Integer.parseInt(id, 16));
            if (map == null) {
                continue; // not open: no table of this database uses it
            }
            List<Object> stale = new ArrayList<>();
            for (Cursor<Object, Object> c = map.cursor(null); c.hasNext(); ) {
                Object key = c.next();
                if (c.getValue() instanceof VersionedValue<?> v && v.getOperationId() != 0
                        && !running.contains((int) (v.getOperationId() >>> LOG_ID_BITS))) {
                    stale.add(key);
                }
            }
            int cleared = 0;
            for (Object key : stale) {
                Object committed = ((VersionedValue<?>) map.get(key)).getCommittedValue();
                if (committed == null) {
                    map.remove(key);
                    cleared++;
                } else if (committed instanceof VersionedValue<?>) { // H2's table values are their own committed form
                    map.put(key, committed);
                    cleared++;
                } else {
                    unrepairable++;
                }
            }
            if (cleared > 0) {
                byMap.put(name, cleared);
            }
        }
        if (!byMap.isEmpty()) {
            mv.commit();
        }
        return new Cleared(byMap, unrepairable);
    }
}
