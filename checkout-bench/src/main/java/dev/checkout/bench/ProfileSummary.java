package dev.checkout.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where the CPU went, from a JFR recording: the hottest methods by own samples (top of stack) and by samples
 * they appear in (inclusive), the project's own frames, and virtual-thread pinning and lock contention.
 * Usable alone: {@code java -cp checkout-bench-all.jar dev.checkout.bench.ProfileSummary file.jfr [top]}.
 */
public final class ProfileSummary {
    private ProfileSummary() {
    }

    public static void main(String[] args) throws IOException {
        System.out.print(summarize(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 30));
    }

    static String summarize(Path jfr, int top) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> ours = new HashMap<>();
        Map<String, Long> pinned = new HashMap<>();
        Map<String, Long> contended = new HashMap<>();
        long samples = 0;
        long pinnedEvents = 0;
        try (RecordingFile f = new RecordingFile(jfr)) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                String type = e.getEventType().getName();
                RecordedStackTrace st = e.getStackTrace();
                if (type.equals("jdk.ExecutionSample") && st != null && !st.getFrames().isEmpty()) {
                    samples++;
                    List<RecordedFrame> frames = st.getFrames();
                    self.merge(name(frames.get(0)), 1L, Long::sum);
                    Set<String> seen = new HashSet<>();
                    boolean ourFound = false;
                    for (RecordedFrame fr : frames) {
                        String n = name(fr);
                        if (seen.add(n)) {
                            inclusive.merge(n, 1L, Long::sum);
                        }
                        if (!ourFound && n.startsWith("dev.checkout.")) {
                            ours.merge(n, 1L, Long::sum); // the innermost project frame: which of our calls costs
                            ourFound = true;
                        }
                    }
                } else if (type.equals("jdk.VirtualThreadPinned")) {
                    pinnedEvents++;
                    pinned.merge(firstOf(st, n -> !n.startsWith("java.") && !n.startsWith("jdk.")), 1L, Long::sum);
                } else if (type.equals("jdk.JavaMonitorEnter")) {
                    contended.merge(String.valueOf(e.getClass("monitorClass") == null ? "?"
                            : e.getClass("monitorClass").getName()) + " at " + firstOf(st, n -> true), 1L, Long::sum);
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("JFR ").append(jfr.getFileName()).append(": ").append(samples).append(" execution samples\n");
        table(sb, "hottest methods, own time (top of stack)", self, samples, top);
        table(sb, "hottest methods, inclusive (on the stack)", inclusive, samples, top);
        table(sb, "innermost dev.checkout frame of each sample", ours, samples, top);
        sb.append("\nvirtual thread pinned events: ").append(pinnedEvents).append('\n');
        table(sb, "pinned at (first non-JDK frame)", pinned, pinnedEvents, 10);
        table(sb, "contended monitors (JavaMonitorEnter > 20 ms)", contended,
                contended.values().stream().mapToLong(Long::longValue).sum(), 10);
        return sb.toString();
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static String firstOf(RecordedStackTrace st, Predicate<String> p) {
        if (st == null) {
            return "?";
        }
        for (RecordedFrame f : st.getFrames()) {
            String n = name(f);
            if (p.test(n)) {
                return n;
            }
        }
        return "?";
    }

    private static void table(StringBuilder sb, String title, Map<String, Long> counts, long total, int top) {
        sb.append('\n').append(title).append(":\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> sb.append(String.format(Locale.ROOT, "  %6.2f%%  %7d  %s%n",
                        total == 0 ? 0 : 100.0 * e.getValue() / total, e.getValue(), e.getKey())));
    }
}
