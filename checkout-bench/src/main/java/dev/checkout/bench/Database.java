package dev.checkout.bench;

import dev.checkout.bench.Invariants.DbView;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The database a checkout runs on: a fresh H2 file in the run's folder, or a fresh PostgreSQL database; and the
 * after-run read of its tables (H2 only once the checkout has stopped and released the file).
 */
record Database(String kind, String url, String user, String adminUrl, String name) {
    static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";

    static Database h2(Path runDir) {
        // the checkout's own default URL (application.yml), resolved against its working directory, the run's folder
        return new Database("h2", "jdbc:h2:file:" + runDir.toAbsolutePath().resolve("data/checkout")
                + ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", null, null);
    }

    /** Creates {@code bench_<suffix>} on the local PostgreSQL (trust auth, user postgres). */
    static Database freshPostgres(String suffix) throws SQLException {
        String name = "bench_" + suffix.replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(PG_ADMIN, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        return new Database("pg", "jdbc:postgresql://127.0.0.1:5432/" + name, "postgres", PG_ADMIN, name);
    }

    boolean postgres() {
        return kind.equals("pg");
    }

    /** The environment that points the checkout at this database (nothing for H2: its default URL is used). */
    Map<String, String> env() {
        return postgres() ? Map.of("DATASOURCES_DEFAULT_URL", url, "DATASOURCES_DEFAULT_USERNAME", user)
                : Map.of();
    }

    /** A PostgreSQL setting for this database only (takes effect for new connections). */
    void set(String setting, String value) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + name + " SET " + setting + " = '" + value + "'");
        }
    }

    void drop() {
        if (!postgres()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
            System.err.println("could not drop " + name + ": " + e.getMessage());
        }
    }

    /** Counts straight from the tables: orders by status, reservations by state, paid units and stock per SKU. */
    DbView read() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, "");
             Statement s = c.createStatement()) {
            return new DbView(
                    counts(s, "SELECT status, COUNT(*) FROM orders GROUP BY status"),
                    counts(s, "SELECT state, COUNT(*) FROM reservations GROUP BY state"),
                    counts(s, "SELECT l.sku, SUM(l.quantity) FROM order_lines l JOIN orders o ON o.id = l.order_id "
                            + "WHERE o.status = 'PAID' GROUP BY l.sku"),
                    counts(s, "SELECT sku, available FROM products"));
        }
    }

    private static Map<String, Long> counts(Statement s, String sql) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1).trim(), rs.getLong(2));
            }
        }
        return out;
    }
}
