package dev.checkout.app.reliability;

import dev.checkout.app.support.Ports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checkout as a separate JVM ({@code dev.checkout.app.CheckoutApplication} on this test's classpath), so a test
 * can kill it the hard way ({@code kill -9}: no shutdown hook, no rollback, no flush) and start it again.
 * Its output goes to a log file, which the leak scan reads too.
 */
final class CheckoutProcess {
    private final Map<String, String> settings;
    private final Path logDir;
    private final String name;
    private final int port;
    private Process process;
    private Path log;
    private int starts;

    CheckoutProcess(String name, Map<String, String> settings, Path logDir) {
        this.name = name;
        this.settings = settings;
        this.logDir = logDir;
        this.port = Ports.free();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts the JVM and waits until it answers {@code GET /health}. */
    void start(Duration timeout) {
        launch();
        awaitHealthy(timeout);
    }

    /**
     * Starts the JVM for a start that must fail: waits until it exited and answers its exit status; fails if it is
     * still running after {@code timeout} (it is killed then).
     */
    int startExpectingExit(Duration timeout) {
        launch();
        try {
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                kill();
                throw new IllegalStateException(name + " was still running after " + timeout + "; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    private void launch() {
        // native access as scripts/checkout.jvm grants it (Netty's epoll): without it the JVM warns at every start
        var command = new ArrayList<>(List.of(javaBinary(), "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path")));
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dmicronaut.server.port=" + port);
        command.add("-Dmicronaut.server.host=127.0.0.1");
        command.add("dev.checkout.app.CheckoutApplication");
        try {
            Files.createDirectories(logDir);
            log = logDir.resolve(name + "-" + (++starts) + ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy(Duration timeout) {
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logDir);
            }
            try {
                var response = client.send(HttpRequest.newBuilder(base().resolve("/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(100));
        }
        kill();
        throw new IllegalStateException(name + " did not become healthy within " + timeout + "; see " + logDir);
    }

    /** SIGKILL, as {@code kill -9}: the process gets no chance to finish anything. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor();
        }
    }

    /** SIGTERM: a normal shutdown. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    int starts() {
        return starts;
    }

    /** The output of the latest start. */
    Path log() {
        return log;
    }

    /** The exit status of the latest start, once it has exited. */
    int exitValue() {
        return process.exitValue();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    private void waitFor() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
