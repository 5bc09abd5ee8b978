package dev.checkout.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One server the bench started (sandbox or checkout): its process, port, start-up time and log. */
final class Service implements AutoCloseable {
    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final Duration startup;

    private Service(String name, Process process, int port, Path log, Duration startup) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.startup = startup;
    }

    /** A free loopback port, so runs never collide with a store someone left running on 8080 or 12111. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code java <jvmOptions> -jar jar} with {@code env}, then polls {@code readyUrl} until it answers at all
     * (any status): the time from spawning to that first served request is the start-up time.
     */
    static Service start(String name, Path java, List<String> jvmOptions, Path jar, Map<String, String> env, Path dir,
            int port, String readyPath, Client client) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path log = dir.resolve(name + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        long t0 = System.nanoTime();
        Process p = pb.start();
        String url = "http://127.0.0.1:" + port + readyPath;
        // bounded: a server that is not up in 60 s is broken, and its log says why
        long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited with " + p.exitValue() + " during start-up; see " + log);
            }
            if (client.get(url, null).status() > 0) {
                Service s = new Service(name, p, port, log, Duration.ofNanos(System.nanoTime() - t0));
                Runtime.getRuntime().addShutdownHook(new Thread(s::kill));
                return s;
            }
            Thread.sleep(5);
        }
        p.destroyForcibly();
        throw new IllegalStateException(name + " did not answer " + url + " within 60 s; see " + log);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    Duration startup() {
        return startup;
    }

    boolean alive() {
        return process.isAlive();
    }

    private void kill() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** SIGTERM, then up to 20 s for a clean shutdown (the H2 file is closed properly), then SIGKILL. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
