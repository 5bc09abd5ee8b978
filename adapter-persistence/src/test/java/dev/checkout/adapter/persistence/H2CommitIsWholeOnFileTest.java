package dev.checkout.adapter.persistence;

import com.sun.jdi.ArrayReference;
import com.sun.jdi.Bootstrap;
import com.sun.jdi.ClassType;
import com.sun.jdi.Field;
import com.sun.jdi.IntegerValue;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.VMDeathEvent;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.EventRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crash during a write of an H2 file never leaves half a transaction on it. The test debugs {@link HalfCommitChild}
 * over JDWP and makes an interleaving that cuts a commit in two: the committer stops in H2's commit, before its first
 * entry; the writer takes some of the order's B-trees and stops; the committer finishes, which clears its undo log;
 * the writer takes the rest and writes the file; the process halts. Opened again, the file holds the order's rows
 * uncommitted in the B-trees taken first, with no undo log to tell whose they are, so H2 rolls them back, and
 * committed in the others: the crash test once found an order without its lines that way.
 *
 * <p>Through the stores the commit holds the writer off ({@link H2GroupCommit#holdWritesOffDuringCommit()}): the writer
 * cannot begin while the committer is stopped, and the file holds the whole order. The control commits the same rows
 * in a plain JDBC transaction, which nothing guards, and the file holds part of it.
 *
 * <p>The same debugging makes the leftovers no hold prevents, a change or a rollback of a transaction still running
 * while a write takes the B-trees, and shows them gone once the file is opened through {@link H2FileCheck}.
 */
class H2CommitIsWholeOnFileTest {
    private static final List<Long> WHOLE = List.of(1L, 1L, 2L, 2L);
    private static final List<Long> NONE = List.of(0L, 0L, 0L, 0L);
    @TempDir
    Path dir;

    @Test
    void a_commit_through_the_stores_is_whole_on_the_file_after_a_crash_mid_write() throws Exception {
        Run run = crashMidCommit("stores");

        assertThat(orderAndLinesSeenBySessions()).as("the order and its lines, as each session sees them")
                .containsOnly(WHOLE);
        assertThat(run.writerStoppedMidCommit).as("the writer waits for the commit").isFalse();
    }

    @Test
    void control_a_plain_commit_is_cut_in_two_by_the_same_interleaving() throws Exception {
        Run run = crashMidCommit("plain");

        assertThat(run.writerStoppedMidCommit).as("the writer stopped between two of the order's B-trees during the"
                + " commit (it cannot when its map table puts the committer's undo log before them all)").isTrue();
        assertThat(orderAndLinesSeenBySessions()).as("the order and its lines, as each session sees them")
                .anyMatch(seen -> !seen.equals(WHOLE) && !seen.equals(NONE));
    }

    /**
     * The stores' write hands the serialization and the save of the file to H2's threads: a commit is still answered
     * only once its write is on file. H2's save thread is stopped at its first save; the order's {@code add} must not
     * return while it is, and must once it goes on. The process halts as soon as {@code add} returns.
     */
    @Test
    void a_commit_through_the_stores_returns_only_once_h2_has_saved_it() throws Exception {
        try (Child child = Child.start(dir, "acknowledge")) {
            VirtualMachine vm = child.vm();
            ClassType fileStore = (ClassType) vm.classesByName("org.h2.mvstore.FileStore").getFirst();
            BreakpointRequest save = vm.eventRequestManager().createBreakpointRequest(
                    fileStore.methodsByName("storeBuffer").getFirst().location());
            save.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
            save.enable();
            tell(child.process().getOutputStream()); // start

            ThreadReference saver = null;
            while (saver == null) {
                EventSet events = vm.eventQueue().remove(10_000);
                assertThat(events).as("H2's save thread saved within 10 s").isNotNull();
                for (Event event : events) {
                    if (event instanceof BreakpointEvent hit) {
                        saver = hit.thread();
                    }
                }
            }
            assertThat(child.said().poll(2, TimeUnit.SECONDS)).as("answered while its write waits to be saved").isNull();
            save.disable();
            saver.resume();
            assertThat(child.said().poll(10, TimeUnit.SECONDS)).isEqualTo("COMMITTED");
        }
        assertThat(orderAndLinesSeenBySessions()).containsOnly(WHOLE);
    }

    /**
     * The control of the leftover that {@link H2Leftovers} sets back (the module's README, "Known limits"): not a
     * commit but a rollback cut in two, and the file opened as it is. A plain JDBC transaction inserts the order and
     * is rolled back while a write of the file has taken the order's B-trees but not yet the transaction's undo log.
     * H2 rolls back the table first and removes the undo record after, so the file holds the order's rows uncommitted
     * and no undo record for them. Opened again, H2 shows them to the session whose transaction has that number and
     * to no other: the leftover a later transaction with that number takes for its own; once one of them changes the
     * row and commits, every session sees the order (without the lines the writer took after the undo log). A
     * rollback through the stores holds the store lock as a commit does ({@code CommitHold}: Micronaut runs
     * {@code beforeCompletion} before a rollback too); a statement that H2 undoes by itself (a duplicate key) does
     * not, and neither does a change still running.
     */
    @Test
    void control_a_rollback_during_a_write_leaves_rows_that_only_one_transaction_number_sees() throws Exception {
        leaveALeftover("rollback");

        assertOneTransactionNumberTakesTheOrder();
    }

    /**
     * The same rollback cut by a write, and then the file opened first the way the checkout opens it ({@link
     * H2FileCheck}, before its pool): the halted child never closed it cleanly, so every uncommitted entry left in it
     * is set back, and no session sees the rolled-back order or can take it for its own.
     */
    @Test
    void a_rollback_cut_by_a_write_leaves_nothing_once_the_checkout_has_opened_the_file() throws Exception {
        leaveALeftover("rollback");
        assertThat(H2Leftovers.closedCleanly(url(), "sa", "")).as("the halted child's file, closed cleanly").isFalse();

        H2FileCheck.check(url(), "sa", "");

        assertNoSessionSeesOrTakesTheOrder();
    }

    /**
     * The crash test's case: a change of a transaction still running, made while a write of the file has taken the
     * transaction's undo log but not yet the order's B-trees. The file holds the whole order uncommitted and no undo
     * record for it (the undo log holds the stock update the transaction began with, which H2 rolls back). Opened as
     * it is, one session sees the order, and once it changes it and commits, every session does.
     */
    @Test
    void control_a_change_during_a_write_leaves_rows_that_only_one_transaction_number_sees() throws Exception {
        leaveALeftover("running");

        assertThat(orderAndLinesSeenBySessions()).as("the running transaction's order, as each session sees it")
                .contains(WHOLE);
        assertOneTransactionNumberTakesTheOrder();
    }

    /** The same change during a write, and the file opened first through {@link H2FileCheck}: nothing of it is left. */
    @Test
    void a_change_during_a_write_leaves_nothing_once_the_checkout_has_opened_the_file() throws Exception {
        leaveALeftover("running");

        H2FileCheck.check(url(), "sa", "");

        assertNoSessionSeesOrTakesTheOrder();
    }

    /** Runs {@link HalfCommitChild} in {@code mode} ({@code rollback} or {@code running}) and checks the interleaving was made. */
    private void leaveALeftover(String mode) throws Exception {
        boolean arranged;
        try (Child child = Child.start(dir, mode)) {
            arranged = mode.equals("rollback")
                    ? driveRollback(child.vm(), child.process(), child.orderMaps(), child.said())
                    : driveChange(child.vm(), child.process(), child.orderMaps(), child.said());
        }
        assertThat(arranged).as("the writer took " + (mode.equals("rollback")
                ? "one of the order's B-trees before the undo log" : "the undo log before the order's B-trees")).isTrue();
    }

    private void assertOneTransactionNumberTakesTheOrder() throws SQLException {
        assertThat(orderAndLinesSeenBySessions()).as("the order and its lines, as each session sees them")
                .contains(NONE)
                .anyMatch(seen -> !seen.equals(NONE));
        assertThat(updateTheOrderWhereSeen()).as("a session saw the order and changed it").isTrue();
        assertThat(orderAndLinesSeenBySessions()).as("the order, once that session committed")
                .allMatch(seen -> seen.get(0) == 1 && seen.get(1) == 1);
    }

    private void assertNoSessionSeesOrTakesTheOrder() throws SQLException {
        assertThat(orderAndLinesSeenBySessions()).as("the order and its lines, as each session sees them")
                .containsOnly(NONE);
        assertThat(updateTheOrderWhereSeen()).as("a session saw the order").isFalse();
        assertThat(orderAndLinesSeenBySessions()).containsOnly(NONE);
    }

    /** The first of four sessions that sees {@code ord_1} marks it PAID and commits. Answers whether one did. */
    private boolean updateTheOrderWhereSeen() throws SQLException {
        return !inSessions((c, s) -> {
            if (count(s, "SELECT COUNT(*) FROM orders WHERE id = 'ord_1'") == 0) {
                return null;
            }
            s.executeUpdate("UPDATE orders SET status = 'PAID' WHERE id = 'ord_1'");
            c.commit();
            return true;
        }, true).isEmpty();
    }

    /**
     * Mode {@code rollback}, breakpoint on the writer where it takes a B-tree's root: when it comes to the inserting
     * transaction's undo log, having taken one of the order's B-trees, the transaction is rolled back before the writer
     * goes on. Answers whether that interleaving was made (it is not when the map table puts the undo log first).
     */
    private static boolean driveRollback(VirtualMachine vm, Process child, Set<Integer> orderMaps, BlockingQueue<String> said)
            throws Exception {
        return driveWriter(vm, child, orderMaps, said, "INSERTED ", false, "ROLLED_BACK");
    }

    /**
     * Mode {@code running}, the same breakpoint: once the writer has taken the transaction's undo log, and before it
     * takes any of the order's B-trees, the transaction inserts the order, and the writer goes on. Answers whether
     * that interleaving was made (it is not when the map table puts an order's B-tree before the undo log).
     */
    private static boolean driveChange(VirtualMachine vm, Process child, Set<Integer> orderMaps, BlockingQueue<String> said)
            throws Exception {
        return driveWriter(vm, child, orderMaps, said, "BEGUN ", true, "CHANGED");
    }

    /**
     * Tells the child to begin, reads the undo log's map id from its line starting {@code started}, tells it to start
     * the writer and stops the writer each time it takes a B-tree's root: at the undo log itself, or with {@code afterUndoLog} at the first
     * B-tree after it. There it tells the child to go on, waits for {@code done}, and lets the writer finish. Answers
     * whether the writer had taken one of the order's B-trees by then, or with {@code afterUndoLog}, none.
     */
    private static boolean driveWriter(VirtualMachine vm, Process child, Set<Integer> orderMaps, BlockingQueue<String> said,
                                       String started, boolean afterUndoLog, String done) throws Exception {
        ClassType mvMap = (ClassType) vm.classesByName("org.h2.mvstore.MVMap").getFirst();
        Field mapId = mvMap.fieldByName("id");
        OutputStream toChild = child.getOutputStream();
        tell(toChild); // begin the transaction
        String line = said.poll(10, TimeUnit.SECONDS);
        assertThat(line).as("the child's " + started + "line").startsWith(started);
        int undoLog = Integer.parseInt(line.substring(started.length()).trim());
        BreakpointRequest takeRoot = vm.eventRequestManager().createBreakpointRequest(
                mvMap.methodsByName("setWriteVersion").getFirst().location());
        takeRoot.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        takeRoot.enable();
        tell(toChild); // start the writer
        boolean tookAnOrderMap = false;
        boolean tookUndoLog = false;
        boolean arranged = false;
        while (true) {
            EventSet events = vm.eventQueue().remove(10_000);
            assertThat(events).as("the child wrote and halted within 10 s").isNotNull();
            for (Event event : events) {
                if (event instanceof VMDeathEvent || event instanceof VMDisconnectEvent) {
                    return arranged;
                }
                if (!(event instanceof BreakpointEvent hit)) {
                    continue;
                }
                ThreadReference thread = hit.thread();
                if (hit.request() == takeRoot && thread.name().equals("writer")) {
                    int map = ((IntegerValue) thread.frame(0).thisObject().getValue(mapId)).value();
                    if (afterUndoLog ? tookUndoLog : map == undoLog) {
                        arranged = afterUndoLog != tookAnOrderMap;
                        takeRoot.disable();
                        tell(toChild); // the transaction goes on while the writer waits here
                        assertThat(said.poll(10, TimeUnit.SECONDS)).isEqualTo(done);
                    }
                    tookUndoLog |= map == undoLog;
                    tookAnOrderMap |= orderMaps.contains(map);
                }
                thread.resume();
            }
        }
    }

    private record Run(boolean writerStoppedMidCommit) {
    }

    private Run crashMidCommit(String mode) throws Exception {
        try (Child child = Child.start(dir, mode)) {
            return drive(child.vm(), child.process(), child.orderMaps(), child.said());
        }
    }

    /** {@link HalfCommitChild} started under JDWP with the debugger attached, its lines after READY in {@code said}. */
    private record Child(Process process, VirtualMachine vm, Set<Integer> orderMaps, BlockingQueue<String> said)
            implements AutoCloseable {
        static Child start(Path dir, String mode) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0",
                    "-cp", System.getProperty("java.class.path"), HalfCommitChild.class.getName(),
                    dir.resolve("checkout").toString(), mode)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                int port = -1;
                Set<Integer> orderMaps = null;
                for (String line; orderMaps == null && (line = out.readLine()) != null; ) {
                    if (line.startsWith("Listening for transport dt_socket at address: ")) {
                        port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
                    } else if (line.startsWith("READY ")) {
                        orderMaps = Arrays.stream(line.substring(6).split(",")).map(Integer::valueOf).collect(Collectors.toSet());
                    }
                }
                assertThat(port).as("the child's debug port").isPositive();
                assertThat(orderMaps).as("the child's READY line").isNotNull();
                BlockingQueue<String> said = new LinkedBlockingQueue<>();
                Thread reader = new Thread(() -> {
                    try {
                        for (String line; (line = out.readLine()) != null; ) {
                            said.add(line);
                        }
                    } catch (IOException ignored) {
                        // the child halted
                    }
                });
                reader.setDaemon(true);
                reader.start();
                return new Child(process, attach(port), orderMaps, said);
            } catch (Exception | AssertionError e) {
                process.destroyForcibly();
                throw e;
            }
        }

        @Override
        public void close() throws InterruptedException {
            try {
                vm.dispose();
            } catch (VMDisconnectedException ignored) {
                // it halted
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static VirtualMachine attach(int port) throws Exception {
        AttachingConnector socket = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(c -> c.name().equals("com.sun.jdi.SocketAttach")).findFirst().orElseThrow();
        Map<String, Connector.Argument> args = socket.defaultArguments();
        args.get("hostname").setValue("127.0.0.1");
        args.get("port").setValue(String.valueOf(port));
        return socket.attach(args);
    }

    /**
     * Breakpoint 1, on the committer, where H2 commits an entry: the first one stops it, after H2 marked its undo log
     * committed and before any entry is. Breakpoint 2, on the writer, where a write takes a B-tree's root (in the
     * order of its map table, not of the ids): once it has taken one of the order's B-trees, the next one stops it, if
     * it has not yet taken the committer's undo log. The committer then finishes, which clears its undo log, and the
     * writer goes on: the B-trees taken before hold the order uncommitted, those after it committed, and the undo log
     * nothing. The committer goes on after 2 s if the writer never stops; the writer once the committer has
     * committed, or after 2 s.
     */
    private static Run drive(VirtualMachine vm, Process child, Set<Integer> orderMaps, BlockingQueue<String> said)
            throws Exception {
        ReferenceType decisionMaker = vm.classesByName("org.h2.mvstore.tx.CommitDecisionMaker").getFirst();
        ClassType mvMap = (ClassType) vm.classesByName("org.h2.mvstore.MVMap").getFirst();
        Field mapId = mvMap.fieldByName("id");
        BreakpointRequest commitEntry = vm.eventRequestManager().createBreakpointRequest(decisionMaker.methodsByName("decide")
                .stream().filter(m -> !m.isBridge()).findFirst().orElseThrow().location());
        commitEntry.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        commitEntry.enable();
        BreakpointRequest takeRoot = vm.eventRequestManager().createBreakpointRequest(
                mvMap.methodsByName("setWriteVersion").getFirst().location());
        takeRoot.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        OutputStream toChild = child.getOutputStream();
        tell(toChild); // start

        ThreadReference committer = null;
        int undoLog = -1;
        ThreadReference writer = null;
        boolean tookAnOrderMap = false;
        boolean tookTheUndoLog = false;
        boolean writerStoppedDuringCommit = false;
        long resumeCommitterBy = Long.MAX_VALUE;
        long resumeWriterBy = Long.MAX_VALUE;
        while (true) {
            EventSet events = vm.eventQueue().remove(100);
            long now = System.nanoTime();
            if (events == null) {
                if (committer != null && now > resumeCommitterBy) { // the writer waits for the commit
                    commitEntry.disable();
                    committer.resume();
                    resumeCommitterBy = Long.MAX_VALUE;
                }
                if (writer != null && (said.contains("COMMITTED") || now > resumeWriterBy)) {
                    takeRoot.disable();
                    writer.resume();
                    writer = null;
                }
                continue;
            }
            for (Event event : events) {
                if (event instanceof VMDeathEvent || event instanceof VMDisconnectEvent) {
                    return new Run(writerStoppedDuringCommit);
                }
                if (!(event instanceof BreakpointEvent hit)) {
                    continue;
                }
                ThreadReference thread = hit.thread();
                if (hit.request() == commitEntry && thread.name().equals("committer") && committer == null) {
                    committer = thread; // stays stopped: its undo log says committed, no entry is yet
                    undoLog = undoLogOf(thread, mapId);
                    takeRoot.enable();
                    tell(toChild); // the writer writes
                    resumeCommitterBy = now + TimeUnit.SECONDS.toNanos(2);
                } else if (hit.request() == takeRoot && thread.name().equals("writer") && writer == null
                        && resumeCommitterBy != Long.MAX_VALUE) {
                    int map = ((IntegerValue) thread.frame(0).thisObject().getValue(mapId)).value();
                    if (tookAnOrderMap && !tookTheUndoLog) {
                        writer = thread; // stays stopped before this B-tree
                        writerStoppedDuringCommit = true;
                        commitEntry.disable();
                        committer.resume();
                        resumeCommitterBy = Long.MAX_VALUE;
                        resumeWriterBy = now + TimeUnit.SECONDS.toNanos(2);
                        continue;
                    }
                    tookAnOrderMap |= orderMaps.contains(map);
                    tookTheUndoLog |= map == undoLog;
                    thread.resume();
                } else {
                    thread.resume();
                }
            }
        }
    }

    /** The map id of the undo log of the transaction that {@code committer} is committing. */
    private static int undoLogOf(ThreadReference committer, Field mapId) throws Exception {
        for (StackFrame frame : committer.frames()) {
            ObjectReference self = frame.thisObject();
            if (self != null && self.referenceType().name().equals("org.h2.mvstore.tx.TransactionStore")
                    && frame.location().method().name().equals("commit")) {
                ObjectReference transaction = (ObjectReference) frame.getArgumentValues().getFirst();
                int id = ((IntegerValue) transaction.getValue(transaction.referenceType().fieldByName("transactionId"))).value();
                ArrayReference undoLogs = (ArrayReference) self.getValue(self.referenceType().fieldByName("undoLogs"));
                return ((IntegerValue) ((ObjectReference) undoLogs.getValue(id)).getValue(mapId)).value();
            }
        }
        throw new AssertionError("no TransactionStore.commit on the committer's stack");
    }

    private static void tell(OutputStream toChild) throws IOException {
        toChild.write('\n');
        toChild.flush();
    }

    /**
     * What the reopened file holds for {@code ord_1}, seen by four sessions that each hold a transaction open, each as
     * [orders in a scan of the rows, orders by the primary key, lines in a scan, lines by the primary key]: a row
     * and its index entries are in B-trees of their own, and H2 shows an uncommitted leftover to the session whose
     * transaction has its number, so one way of looking alone could miss a torn commit.
     */
    private List<List<Long>> orderAndLinesSeenBySessions() throws SQLException {
        return inSessions((c, s) -> {
            try {
                return List.of(
                        count(s, "SELECT COUNT(*) FROM orders USE INDEX () WHERE id = 'ord_1'"),
                        count(s, "SELECT COUNT(*) FROM orders WHERE id = 'ord_1'"),
                        count(s, "SELECT COUNT(*) FROM order_lines USE INDEX () WHERE order_id = 'ord_1'"),
                        count(s, "SELECT COUNT(*) FROM order_lines WHERE order_id = 'ord_1'"));
            } catch (SQLException e) {
                return List.of(-1L, -1L, -1L, -1L); // torn as well
            }
        }, false);
    }

    private interface SessionWork<T> {
        /** What one session found, or null for nothing. */
        T apply(Connection connection, Statement statement) throws SQLException;
    }

    /**
     * Opens the reopened file in four sessions, one after the other, each holding its transaction open (so that each
     * has a transaction number of its own), and collects what {@code work} answers in each; with {@code firstOnly},
     * stops at the first answer. All sessions are closed at the end.
     */
    private <T> List<T> inSessions(SessionWork<T> work, boolean firstOnly) throws SQLException {
        String url = url();
        var sessions = new ArrayList<Connection>();
        try {
            var found = new ArrayList<T>();
            for (int i = 0; i < 4; i++) {
                Connection c = DriverManager.getConnection(url, "sa", "");
                sessions.add(c);
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    T answer = work.apply(c, s);
                    if (answer != null) {
                        found.add(answer);
                        if (firstOnly) {
                            break;
                        }
                    }
                }
            }
            return found;
        } finally {
            for (Connection c : sessions) {
                c.close();
            }
        }
    }

    /** The reopened file, as {@link HalfCommitChild} names it. */
    private String url() {
        return "jdbc:h2:file:" + dir.resolve("checkout") + ";DATABASE_TO_LOWER=TRUE";
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
