package dev.checkout.app.support;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of its own, in a temporary folder on a free port, that a test may stop and start at will
 * without touching the shared cluster on 5432. Needs Debian's server binaries ({@code /usr/lib/postgresql/N/bin}, the
 * newest is taken); without them the calling test is skipped, except under {@code CI=true}, where that is a failure
 * (the convention of {@code TestDatabase}). PostgreSQL refuses to run as root, so as root every command runs as the
 * {@code postgres} user ({@code runuser}) on a folder it owns. {@link #close()} stops it and deletes the folder; a
 * JVM that exits without closing it stops it too.
 */
public final class ThrowawayPostgres implements AutoCloseable {
    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    /** How {@link #stop} stops the server ({@code pg_ctl stop -m ...}). */
    public enum StopMode {
        /** Sessions are ended ("terminating connection due to administrator command"), then a clean shutdown. */
        FAST("fast"),
        /** Every server process quits at once, as in a crash; the next start recovers from the WAL. */
        IMMEDIATE("immediate");

        private final String pgCtlName;

        StopMode(String pgCtlName) {
            this.pgCtlName = pgCtlName;
        }
    }

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    /** Set when we are root: the command that runs the server's commands as the postgres user. */
    private final Path runuser;
    private final Thread stopAtExit;
    private boolean running;

    private ThrowawayPostgres(Path bin, Path dir, int port, Path runuser) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.runuser = runuser;
        this.stopAtExit = new Thread(this::stopQuietlyAndDelete, "throwaway-postgres-" + port);
    }

    /** Creates the cluster ({@code initdb}, trust auth, superuser {@code postgres}) and starts it. */
    public static ThrowawayPostgres start() {
        Path bin = newestBinaries().orElse(null);
        if (bin == null) {
            skipOrFail("no PostgreSQL server binaries under " + DEBIAN_BINARIES + " (apt-get install postgresql)");
        }
        Path runuser = null;
        if (isRoot()) {
            runuser = Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser").map(Path::of)
                    .filter(Files::isExecutable).findFirst().orElse(null);
            if (runuser == null) {
                skipOrFail("running as root, and there is no runuser to start PostgreSQL as the postgres user");
            }
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("checkout-throwaway-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for PostgreSQL", e);
        }
        var postgres = new ThrowawayPostgres(bin, dir, Ports.free(), runuser);
        try {
            if (runuser != null) {
                postgres.run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
            }
            postgres.run(List.of(bin.resolve("initdb").toString(), "-D", postgres.data.toString(), "-A", "trust", "-U", "postgres",
                    "-E", "UTF8", "--no-locale", "--no-sync"), true);
            Runtime.getRuntime().addShutdownHook(postgres.stopAtExit);
            postgres.start(Duration.ofSeconds(60));
            return postgres;
        } catch (RuntimeException e) {
            postgres.stopQuietlyAndDelete();
            throw e;
        }
    }

    /** Starts the server (again) and waits until it accepts connections. */
    public void start(Duration timeout) {
        // fsync=off: the tests stop processes, never the machine, so what a commit wrote survives in the page cache
        String options = "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories=" + dir
                + " -c fsync=off -c max_connections=50";
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", Long.toString(timeout.toSeconds()), "-o", options, "start"), true);
        running = true;
    }

    /** Stops the server and waits until it is gone; its port refuses connections from then on. */
    public void stop(StopMode mode) {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60", "-m", mode.pgCtlName, "stop"), true);
        running = false;
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of its {@code postgres} database. */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The settings that point the checkout at this server. */
    public Map<String, Object> properties() {
        return Map.of(
                "datasources.default.url", url(),
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                "datasources.default.dialect", "POSTGRES");
    }

    /** A plain JDBC connection, for looking at what the checkout wrote. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "");
    }

    /** The server's own log, e.g. to show why it did not start. */
    public String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(no server log: " + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException alreadyExiting) {
            // the hook runs anyway
        }
        stopQuietlyAndDelete();
    }

    private void stopQuietlyAndDelete() {
        try {
            if (running && Files.exists(data.resolve("postmaster.pid"))) {
                stop(StopMode.IMMEDIATE);
            }
        } catch (RuntimeException e) {
            System.err.println("[throwaway postgres] could not stop the server on port " + port + ": " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("[throwaway postgres] could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** Runs a command, as the postgres user if {@code asPostgres} and we are root; fails with its output if it fails. */
    private void run(List<String> command, boolean asPostgres) {
        var full = new ArrayList<String>();
        if (asPostgres && runuser != null) {
            full.addAll(List.of(runuser.toString(), "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path output = dir.resolve("command-" + System.nanoTime() + ".out");
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", full) + " did not finish within " + COMMAND_TIMEOUT + ":\n" + read(output));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " exited with " + process.exitValue() + ":\n" + read(output)
                        + "\nserver log:\n" + log());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + full, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + full, e);
        } finally {
            try {
                Files.deleteIfExists(output);
            } catch (IOException ignored) {
                // deleted with the folder
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** The bin folder of the newest installed major version that has both initdb and pg_ctl. */
    private static Optional<Path> newestBinaries() {
        if (!Files.isDirectory(DEBIAN_BINARIES)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(ThrowawayPostgres::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isRoot() {
        try {
            Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(id.getInputStream().readAllBytes()).trim();
            id.waitFor(10, TimeUnit.SECONDS);
            return uid.equals("0");
        } catch (IOException e) {
            return "root".equals(System.getProperty("user.name"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static void skipOrFail(String why) {
        String message = "a throwaway PostgreSQL cannot be started: " + why + ".";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(message + " CI=true, so this fails instead of skipping.");
        }
        System.err.println("[checkout tests] SKIPPED: " + message);
        Assumptions.abort("skipped: " + message);
    }
}
