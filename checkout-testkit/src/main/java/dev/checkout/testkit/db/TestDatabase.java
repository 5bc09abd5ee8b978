package dev.checkout.testkit.db;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A database of its own for one test class: an H2 file in a temporary folder, or a fresh schema in the local
 * PostgreSQL, dropped again on {@link #close()}, so test runs never see each other's rows. The drivers come from the
 * caller's classpath.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String POSTGRES_URL = System.getenv().getOrDefault("CHECKOUT_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String POSTGRES_USER = System.getenv().getOrDefault("CHECKOUT_TEST_POSTGRES_USER", "postgres");
    public static final String POSTGRES_PASSWORD = System.getenv().getOrDefault("CHECKOUT_TEST_POSTGRES_PASSWORD", "");
    public static final long TEST_CONNECTION_TIMEOUT_MS = 60_000;

    private final String name;
    private final String url;
    private final String username;
    private final String password;
    private final AutoCloseable cleanup;

    private TestDatabase(String name, String url, String username, String password, AutoCloseable cleanup) {
        this.name = name;
        this.url = url;
        this.username = username;
        this.password = password;
        this.cleanup = cleanup;
    }

    /**
     * An H2 database in file mode (the embedded default) in a fresh temporary folder, with H2's own write delay, as the
     * checkout runs it: durability is the adapter's (group commit), so the crash tests check that.
     */
    public static TestDatabase h2File() {
        try {
            Path dir = Files.createTempDirectory("checkout-h2-");
            String url = "jdbc:h2:file:" + dir.resolve("checkout").toAbsolutePath() + ";DATABASE_TO_LOWER=TRUE";
            return new TestDatabase("H2", url, "sa", "", () -> {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary folder for H2", e);
        }
    }

    /**
     * A fresh schema in the local PostgreSQL. If it cannot be reached, the calling test class is skipped with a note
     * saying how to start it, except under {@code CI=true}, where that is a failure.
     */
    public static TestDatabase postgres() {
        String schema = "checkout_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = connect(POSTGRES_URL)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at " + POSTGRES_URL + " as user " + POSTGRES_USER + " (" + e.getMessage() + "). "
                    + "Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start "
                    + "(or point CHECKOUT_TEST_POSTGRES_URL at one).";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(message + " CI=true, so this fails instead of skipping.", e);
            }
            // said plainly on the console too: a skipped class of nested contracts otherwise just shows "Tests run: 0"
            System.err.println("[checkout tests] PostgreSQL tests SKIPPED: " + message);
            Assumptions.abort("skipped: " + message);
        }
        String url = POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase("PostgreSQL", url, POSTGRES_USER, POSTGRES_PASSWORD, () -> {
            try (Connection c = connect(POSTGRES_URL)) {
                c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        });
    }

    private static Connection connect(String url) throws SQLException {
        DriverManager.setLoginTimeout(5);
        return DriverManager.getConnection(url, POSTGRES_USER, POSTGRES_PASSWORD);
    }

    /** The configuration an application sets for this database, the way the README tells it to. */
    public Map<String, Object> properties() {
        var properties = new HashMap<String, Object>();
        properties.put("datasources.default.url", url);
        properties.put("datasources.default.username", username);
        properties.put("datasources.default.password", password);
        // what checkout-app derives from the URL; the adapter's SQL must not depend on it
        properties.put("datasources.default.dialect", name.equals("H2") ? "H2" : "POSTGRES");
        properties.put("flyway.datasources.default.enabled", true);
        // Tests race hundreds of threads over a small pool on a machine that may be busy with other builds: a request
        // queued behind them must not give up after the 5 s production default. A configured key wins over defaults.
        properties.put("datasources.default.connection-timeout", TEST_CONNECTION_TIMEOUT_MS);
        return properties;
    }

    /** A plain JDBC connection beside the application's pool, for looking at what was written. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }

    public String url() {
        return url;
    }

    public String name() {
        return name;
    }

    @Override
    @SuppressWarnings("try")
    public void close() throws Exception {
        cleanup.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
