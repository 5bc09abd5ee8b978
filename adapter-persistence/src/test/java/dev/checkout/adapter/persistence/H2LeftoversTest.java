package dev.checkout.adapter.persistence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link H2Leftovers} on real H2 files: when it reads a file as closed cleanly, and that clearing leaves committed
 * rows and the changes of a transaction still running alone. What it sets back, a leftover of a crash, is made by
 * {@code H2CommitIsWholeOnFileTest}, which needs a debugger to make one.
 */
class H2LeftoversTest {
    @TempDir
    Path dir;

    private String url(String name) {
        return "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath() + ";DATABASE_TO_LOWER=TRUE";
    }

    @Test
    void a_file_reads_as_closed_cleanly_when_absent_or_closed_and_not_while_written_or_copied_so() throws Exception {
        String url = url("db");
        assertThat(H2Leftovers.closedCleanly(url, "sa", "")).as("no file yet: nothing to set back").isTrue();

        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            s.execute("INSERT INTO t VALUES (1, 10)");
            s.execute("CHECKPOINT"); // a write of the file, as any commit soon makes
            assertThat(H2Leftovers.closedCleanly(url, "sa", "")).as("open and written").isFalse();
            // what a kill -9 at this moment would leave on disk
            Files.copy(dir.resolve("db.mv.db"), dir.resolve("crashed.mv.db"));
        }
        assertThat(H2Leftovers.closedCleanly(url, "sa", "")).as("closed").isTrue();
        assertThat(H2Leftovers.closedCleanly(url("crashed"), "sa", "")).as("the copy made while it was open").isFalse();

        Files.write(dir.resolve("torn.mv.db"), new byte[100]);
        assertThat(H2Leftovers.closedCleanly(url("torn"), "sa", "")).as("a header that cannot be read").isFalse();
    }

    @Test
    void the_file_is_the_one_h2_opens_for_the_url_relative_ones_included() {
        Path expected = Path.of("data", "checkout.mv.db").toAbsolutePath().normalize();
        for (String url : List.of("jdbc:h2:file:./data/checkout;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "jdbc:h2:./data/checkout", "jdbc:h2:file:" + expected.toString().replace(".mv.db", ""))) {
            assertThat(Path.of(H2Leftovers.fileOf(url, "sa", ""))).as(url).isEqualTo(expected);
        }
    }

    @Test
    void clearing_leaves_committed_rows_and_a_running_transaction_s_changes_alone() throws Exception {
        String url = url("db");
        try (Connection setup = DriverManager.getConnection(url, "sa", "");
             Connection running = DriverManager.getConnection(url, "sa", "");
             Connection probe = DriverManager.getConnection(url, "sa", "")) {
            try (Statement s = setup.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
                s.execute("CREATE INDEX t_v ON t (v)");
                s.execute("INSERT INTO t VALUES (1, 10), (2, 20)");
            }
            running.setAutoCommit(false);
            try (Statement s = running.createStatement()) {
                s.execute("INSERT INTO t VALUES (3, 30)");
                s.execute("UPDATE t SET v = 11 WHERE id = 1");
                s.execute("DELETE FROM t WHERE id = 2");
            }

            H2Leftovers.Cleared cleared = H2Leftovers.clear(probe);

            assertThat(cleared.total()).as("entries set back").isZero();
            assertThat(cleared.unrepairable()).isZero();
            assertThat(rows(setup)).as("committed rows, seen from another session").containsExactly("1=10", "2=20");
            running.commit();
            assertThat(rows(setup)).as("the running transaction's changes, once committed").containsExactly("1=11", "3=30");
        }
    }

    @Test
    void a_connection_that_is_not_an_embedded_file_is_left_alone() throws SQLException {
        try (Connection memory = DriverManager.getConnection("jdbc:h2:mem:leftovers", "sa", "")) {
            assertThat(H2Leftovers.clear(memory)).isNull();
        }
    }

    private static List<String> rows(Connection c) throws SQLException {
        var rows = new ArrayList<String>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, v FROM t ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "=" + rs.getInt(2));
            }
        }
        return rows;
    }
}
