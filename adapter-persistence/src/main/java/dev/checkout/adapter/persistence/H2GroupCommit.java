package dev.checkout.adapter.persistence;

import io.micronaut.transaction.support.TransactionSynchronization;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
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
 * (H2's own write, to the OS like {@code WRITE_DELAY=0}, see {@link #write}); those who arrive meanwhile wait
 * for the next write, which one of them makes for all. Nothing is answered before its rows are written, so a
 * {@code kill -9} loses nothing that was acknowledged, as before.
 *
 * <p>A write of the file must also not fall in the middle of a commit ({@link #holdWritesOffDuringCommit()}). H2
 * commits a transaction entry by entry: it marks the undo log committed, turns each changed entry of each B-tree into
 * a committed one, then clears the undo log. A write takes the root of each B-tree one after the other while that
 * goes on, so it can take an order's row already committed, its lines' B-tree before their turn and the undo log after
 * it was cleared. Opened after a crash, that file holds the order without its lines: H2 finds the lines uncommitted,
 * with no undo log to say whose they were, and rolls them back (2.3.232, used here, 2.4.240 and 2.5.252, the
 * newest, all do this). Every write
 * of the file holds the store's lock, so a commit that holds it too is never cut in two.
 *
 * <p>Not held off: a change of a transaction still running, made while a write takes the B-trees. H2 appends its undo
 * record first and changes the table after, and once restarts have given the undo logs high map ids, a write can take
 * an undo log before the table. The file then holds the change without its undo record; after a crash {@link
 * H2Leftovers} sets it back before anything else opens the file (the module's README, "Known limits").
 */
final class H2GroupCommit {
    private static final Logger LOG = LoggerFactory.getLogger(H2GroupCommit.class);
    /** The MVStore's private lock, taken by every write of the file; null where this H2 has none by that name. */
    private static final VarHandle STORE_LOCK = storeLockHandle();
    /** H2's serialization and save threads, each a single-thread executor; null where this H2 has none by that name. */
    private static final VarHandle SERIALIZATION = fileStoreField("serializationExecutor");
    private static final VarHandle SAVE = fileStoreField("bufferSaveExecutor");
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
        MVStore mv = fileStoreOf(connection);
        if (mv != null) {
            storeLock = storeLockOf(mv);
            store = mv;
        }
    }

    /** The MVStore of the embedded H2 file behind {@code connection}; null for anything else (a server, memory). */
    static MVStore fileStoreOf(Connection connection) throws SQLException {
        Store store = fileDatabaseOf(connection);
        return store == null ? null : store.getMvStore();
    }

    /** H2's store of the embedded H2 file behind {@code connection}: its MVStore and transactions; null for anything else. */
    static Store fileDatabaseOf(Connection connection) throws SQLException {
        Session session = connection.unwrap(JdbcConnection.class).getSession();
        if (session instanceof SessionLocal local && local.getDatabase().getStore() != null) {
            Store store = local.getDatabase().getStore();
            return store.getMvStore().getFileStore() == null ? null : store;
        }
        return null;
    }

    /** The lock every write of {@code mv}'s file takes; null where this H2 has none by that name. */
    static ReentrantLock storeLockOf(MVStore mv) {
        return STORE_LOCK == null ? null : (ReentrantLock) STORE_LOCK.get(mv);
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
            write(mv);
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
     * Writes everything committed so far to the file and returns once it is written. The store's lock is held only
     * while H2 takes the B-trees and hands their serialization to its own threads (as its background write does), not
     * while they serialize and write: commits wait for that lock ({@link CommitHold}), and a write held for all of it
     * made a purchase of the hot SKU wait with its row locked. Then the wait: for H2's serialization thread, then
     * its save thread, each having done all that was handed to it before. Without those threads (no write delay) or
     * where this H2 has other fields, {@link MVStore#commit()} does it all in one call under the lock.
     */
    private void write(MVStore mv) {
        ReentrantLock storeLock = this.storeLock;
        FileStore<?> file = mv.getFileStore(); // not null: attach keeps only file stores
        if (storeLock == null || SERIALIZATION == null || SAVE == null) {
            mv.commit();
            return;
        }
        storeLock.lock(); // waits for the commits under way: the B-trees are taken between two commits
        try {
            mv.tryCommit(); // this thread holds the lock, so it does not give up; H2 serializes and saves the rest
        } finally {
            storeLock.unlock();
        }
        if (!drained((ThreadPoolExecutor) SERIALIZATION.getAcquire(file))
                || !drained((ThreadPoolExecutor) SAVE.getAcquire(file))) {
            mv.commit(); // H2 shut its threads down (the store is closing): write what is left, if it is still open
        }
    }

    /** Waits until {@code executor} (single-threaded, first in first out) has run every task given before; false if it is shut down. */
    private static boolean drained(ThreadPoolExecutor executor) {
        if (executor == null) {
            return true; // H2 ran the step on the calling thread
        }
        Future<?> marker;
        try {
            marker = executor.submit(() -> { });
        } catch (RejectedExecutionException e) {
            return false;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    marker.get();
                    return true;
                } catch (InterruptedException e) {
                    interrupted = true; // an answer must not leave before its write: keep waiting, interrupt after
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
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

    private static VarHandle fileStoreField(String name) {
        try {
            return MethodHandles.privateLookupIn(FileStore.class, MethodHandles.lookup())
                    .findVarHandle(FileStore.class, name, ThreadPoolExecutor.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info("this H2 has no FileStore.{}: each write of the file is made whole under the store's lock ({})",
                    name, e.toString());
            return null;
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
