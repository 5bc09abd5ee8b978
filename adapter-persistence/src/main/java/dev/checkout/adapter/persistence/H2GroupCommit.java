package dev.checkout.adapter.persistence;

import io.micronaut.transaction.support.TransactionSynchronization;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 *
 * <p>A write of the file must also not fall in the middle of a commit ({@link #holdWritesOffDuringCommit()}). H2
 * commits a transaction entry by entry: it marks the undo log committed, turns each changed entry of each B-tree into
 * a committed one, then clears the undo log. A write takes the root of each B-tree one after the other while that
 * goes on, so it can take an order's row already committed, its lines' B-tree before their turn and the undo log after
 * it was cleared. Opened after a crash, that file holds the order without its lines: H2 finds the lines uncommitted,
 * with no undo log to say whose they were, and rolls them back (every H2 release to 2.5.252 does this). Every write
 * of the file holds the store's lock, so a commit that holds it too is never cut in two.
 */
final class H2GroupCommit {
    private static final Logger LOG = LoggerFactory.getLogger(H2GroupCommit.class);
    /** The MVStore's private lock, taken by every write of the file; null where this H2 has none by that name. */
    private static final VarHandle STORE_LOCK = storeLockHandle();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private volatile MVStore store;
    private volatile ReentrantLock storeLock;
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
                storeLock = STORE_LOCK == null ? null : (ReentrantLock) STORE_LOCK.get(mv);
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

    /**
     * For one outermost write transaction, registered on it after {@link #attach}: from just before its commit to just
     * after it, no write of the file can begin, and a commit that arrives during a write waits for its end.
     */
    CommitHold holdWritesOffDuringCommit() {
        return new CommitHold();
    }

    final class CommitHold implements TransactionSynchronization {
        private ReentrantLock held;

        @Override
        public void beforeCompletion() {
            ReentrantLock known = storeLock;
            if (held == null && known != null) { // Micronaut calls this a second time when it throws
                known.lock();
                held = known;
            }
        }

        @Override
        public void afterCompletion(Status status) {
            release();
        }

        /** Ends the hold; again, or without a hold, it does nothing. */
        void release() {
            if (held != null) {
                held.unlock();
                held = null;
            }
        }
    }

    private static VarHandle storeLockHandle() {
        try {
            return MethodHandles.privateLookupIn(MVStore.class, MethodHandles.lookup())
                    .findVarHandle(MVStore.class, "storeLock", ReentrantLock.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("this H2 has no MVStore.storeLock to hold during commits: a crash during a write of the file"
                    + " can leave a transaction half committed on it ({})", e.toString());
            return null;
        }
    }
}
