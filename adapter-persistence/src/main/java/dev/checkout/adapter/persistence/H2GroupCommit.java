package dev.checkout.adapter.persistence;

import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for an H2 file: a commit is durable once a write of the file that began after the commit has finished,
 * and one write serves every transaction that committed before it began.
 *
 * <p>With {@code WRITE_DELAY=0} H2 writes a new chunk of the file at every commit: the changed leaf of every B-tree
 * the transaction touched, their parents up to each root, the undo log. That write was most of the checkout's CPU
 * per purchase on H2 (the bench's {@code sql-floor-h2}: 0.2 ms per purchase for the SQL without it, 0.75-1.1 ms
 * with it). Here H2 keeps its own timed write ({@code WRITE_DELAY}, a fallback), and each outermost write
 * transaction of this adapter waits after its commit in {@link #awaitStored()}: the first waiter writes the file
 * ({@link MVStore#commit()}, H2's own write, to the OS like {@code WRITE_DELAY=0}); those who arrive meanwhile wait
 * for the next write, which one of them makes for all. Nothing is answered before its rows are written, so a
 * {@code kill -9} loses nothing that was acknowledged, as before.
 */
final class H2GroupCommit {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private volatile MVStore store;
    /** Waiters so far, the waiters covered by the last finished write, and whether a write is under way. */
    private long requested;
    private long covered;
    private boolean writing;

    /**
     * Learns the file store from a connection of the pool (they all share one), again after the database was closed
     * and opened anew. A connection that is not an embedded H2 file session (a server connection, an in-memory
     * database) leaves this unattached, and {@link #awaitStored()} then has nothing to wait for.
     */
    void attach(Connection connection) throws SQLException {
        MVStore known = store;
        if (known != null && !known.isClosed()) {
            return;
        }
        Session session = connection.unwrap(JdbcConnection.class).getSession();
        if (session instanceof SessionLocal local && local.getDatabase().getStore() != null) {
            MVStore mv = local.getDatabase().getStore().getMvStore();
            if (mv.getFileStore() != null) {
                store = mv;
            }
        }
    }

    /** Returns once every transaction committed before this call is written to the file. */
    void awaitStored() {
        MVStore mv = store;
        if (mv == null) {
            return;
        }
        long upTo;
        lock.lock();
        try {
            long mine = ++requested;
            while (true) {
                if (covered >= mine) {
                    return; // a write that began after this commit has finished
                }
                if (!writing) {
                    writing = true;
                    upTo = requested; // every waiter so far committed before this write begins
                    break;
                }
                written.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        boolean done = false;
        try {
            mv.commit();
            done = true;
        } finally {
            lock.lock();
            try {
                if (done) {
                    covered = Math.max(covered, upTo);
                }
                writing = false;
                written.signalAll(); // after a failed write the next waiter tries again
            } finally {
                lock.unlock();
            }
        }
    }
}
