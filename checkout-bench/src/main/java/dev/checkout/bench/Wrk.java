package dev.checkout.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk with one of the bench's Lua scripts and reads its summary. */
final class Wrk {
    /** wrk's figures: requests/s, latency percentiles in ms, non-2xx answers and socket errors. */
    record Figures(String script, double requestsPerSecond, long requests, Map<String, Double> latencyMs,
            long non2xx, String socketErrors, String command) {
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern PCT = Pattern.compile("^\\s+(50|75|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET = Pattern.compile("Socket errors:\\s*(.*)");

    private Wrk() {
    }

    static boolean installed() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(5, TimeUnit.SECONDS);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code wrk -t2 -c64 -d10s --latency -s script base}; bounded by its own duration plus a margin. */
    static Figures run(Path script, String base, int threads, int connections, int seconds)
            throws IOException, InterruptedException {
        List<String> cmd = List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency",
                "-s", script.toString(), base);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        String shown = "wrk -t" + threads + " -c" + connections + " -d" + seconds + "s --latency -s checkout-bench/wrk/"
                + script.getFileName();
        return parse(script.getFileName().toString(), out, shown);
    }

    static Figures parse(String script, String out, String command) {
        Matcher rate = RATE.matcher(out);
        if (!rate.find()) {
            throw new IllegalStateException("wrk printed no Requests/sec:\n" + out);
        }
        Matcher total = TOTAL.matcher(out);
        Map<String, Double> pct = new LinkedHashMap<>();
        Matcher m = PCT.matcher(out);
        while (m.find()) {
            double v = Double.parseDouble(m.group(2));
            double ms = switch (m.group(3)) {
                case "us" -> v / 1000;
                case "s" -> v * 1000;
                default -> v;
            };
            pct.put("p" + m.group(1), ms);
        }
        Matcher non = NON2XX.matcher(out);
        Matcher sock = SOCKET.matcher(out);
        return new Figures(script, Double.parseDouble(rate.group(1)), total.find() ? Long.parseLong(total.group(1)) : 0,
                pct, non.find() ? Long.parseLong(non.group(1)) : 0, sock.find() ? sock.group(1).trim() : "none",
                command);
    }
}
