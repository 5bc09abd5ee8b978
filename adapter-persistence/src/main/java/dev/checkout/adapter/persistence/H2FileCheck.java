package dev.checkout.adapter.persistence;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * Opens an H2 file once before anything else does, when the datasource's configuration is made and before the pool
 * starts, for two things:
 * <ul>
 * <li>An H2 file serves one process at a time (H2 locks the file), so a second checkout instance on the same file
 * cannot work beside the first. Without this check it fails deep inside the connection pool or Flyway with H2's
 * "Database may be already in use" and a stack trace; with it, it stops before anything else starts with a message
 * that says why and what to use instead.</li>
 * <li>After a crash (the file was not closed cleanly), it sets back the uncommitted entries H2 leaves without an undo
 * record ({@link H2Leftovers}), before any transaction could take one for its own.</li>
 * </ul>
 */
@Singleton
final class H2FileCheck implements BeanCreatedEventListener<DatasourceConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(H2FileCheck.class);
    /** {@code org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1}: the file is locked by another process. */
    static final int DATABASE_ALREADY_OPEN = 90020;

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        if (config.getUrl() != null && isFile(config.getUrl())) {
            check(config.getUrl(), config.getUsername(), config.getPassword());
        }
        return config;
    }

    /** Whether {@code url} names an H2 database kept in a file (not in memory, not an H2 server). */
    static boolean isFile(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (!u.startsWith("jdbc:h2:")) {
            return false;
        }
        String rest = u.substring("jdbc:h2:".length());
        return !(rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:"));
    }

    /**
     * Opens the file once and closes it again; if another process holds it, throws {@link AlreadyInUse}. If it was not
     * closed cleanly, sets back its leftovers in between. Any other failure is left to the pool, which reports it as
     * it always did.
     */
    static void check(String url, String username, String password) {
        var credentials = new Properties();
        credentials.setProperty("user", username == null ? "" : username);
        credentials.setProperty("password", password == null ? "" : password);
        boolean clean = H2Leftovers.closedCleanly(url, username, password); // read before H2 opens and rewrites it
        try (Connection probe = new org.h2.Driver().connect(url, credentials)) {
            // opened: no other process has it; closing lets the pool open it as usual
            if (!clean) {
                clearLeftovers(probe, url);
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == DATABASE_ALREADY_OPEN) {
                throw new AlreadyInUse(url, e.getMessage());
            }
        }
    }

    private static void clearLeftovers(Connection probe, String url) {
        long start = System.nanoTime();
        H2Leftovers.Cleared cleared;
        try {
            cleared = H2Leftovers.clear(probe);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("The H2 database {} was not closed cleanly, and reading it for entries a crash left without an undo"
                    + " record failed; it is used as H2 opened it ({})", withoutOptions(url), e.toString());
            return;
        }
        if (cleared == null) {
            return;
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (cleared.total() == 0 && cleared.unrepairable() == 0) {
            LOG.info("The H2 database {} was not closed cleanly; read in {} ms, it holds no entry a crash left without"
                    + " an undo record", withoutOptions(url), ms);
        } else {
            LOG.warn("The H2 database {} was not closed cleanly; {} entries a crash left without an undo record were set"
                    + " back to their committed values ({} ms; by B-tree: {}; left as they were: {})",
                    withoutOptions(url), cleared.total(), ms, cleared.byMap(), cleared.unrepairable());
        }
    }

    /** The H2 file is open in another process. */
    static final class AlreadyInUse extends IllegalStateException {
        // H2's exception is not attached as the cause: the start-up report names the root cause, and that must be this
        AlreadyInUse(String url, String h2Says) {
            super("The H2 database " + withoutOptions(url) + " is already in use by another process, most likely another"
                    + " checkout instance. An H2 file serves one process at a time, so several checkout instances cannot"
                    + " share it. Stop the other process, give this one a database of its own, or run every instance on"
                    + " one PostgreSQL: DATASOURCES_DEFAULT_URL=jdbc:postgresql://<host>:5432/<database> (see README,"
                    + " \"Running several instances\"). H2 said: " + firstLine(h2Says));
        }

        private static String firstLine(String text) {
            int end = text == null ? -1 : text.indexOf('\n');
            return end < 0 ? String.valueOf(text) : text.substring(0, end);
        }
    }

    private static String withoutOptions(String url) {
        int options = url.indexOf(';');
        return options < 0 ? url : url.substring(0, options);
    }
}
