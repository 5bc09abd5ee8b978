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
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> cmd = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            System.err.println("jcmd " + String.join(" ", args) + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void start(long pid) {
        jcmd(pid, "JFR.start", "name=bench", "settings=profile");
    }

    static void stop(long pid, Path file) {
        jcmd(pid, "JFR.stop", "name=bench", "filename=" + file.toAbsolutePath());
    }
}
