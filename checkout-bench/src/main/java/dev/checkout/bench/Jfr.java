package dev.checkout.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Flight recordings of the measured window only, through {@code jcmd}: started when the window opens and dumped when
 * it closes, so start-up, warm-up and the after-run reads do not dilute the profile.
 */
final class Jfr {
    private Jfr() {
    }

    private static void jcmd(long pid, String... args) {
        run(pid, args);
    }

    /** {@code jcmd <pid> <args...>}: its output (stdout and stderr), or "" when it could not run. */
    static String run(long pid, String... args) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> cmd = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return out;
        } catch (IOException e) {
            System.err.println("jcmd " + String.join(" ", args) + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    static void start(long pid) {
        jcmd(pid, "JFR.start", "name=bench", "settings=profile");
    }

    static void stop(long pid, Path file) {
        jcmd(pid, "JFR.stop", "name=bench", "filename=" + file.toAbsolutePath());
    }
}
