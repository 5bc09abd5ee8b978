package dev.checkout.bench;

import dev.checkout.bench.Invariants.Check;
import dev.checkout.bench.Meter.KindStats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a {@link Result} as {@code <scenario>.json} and {@code <scenario>.md}, and formats the numbers. */
final class Report {
    private Report() {
    }

    static void write(Result r, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".json"), Json.write(r.toMap()) + "\n");
        Files.writeString(dir.resolve(name + ".md"), markdown(r));
    }

    static String markdown(Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append("### ").append(r.scenario).append("\n\n");
        sb.append("Machine: ").append(r.machine.get("cores")).append(" cores; load average (1, 5, 15 min) before ")
                .append(r.machine.get("loadBefore")).append(", after ").append(r.machine.get("loadAfter"))
                .append("; ").append(r.machine.get("when")).append("; JDK ").append(r.machine.get("java")).append("; commit ").append(r.machine.get("commit")).append(".\n\n");
        if (!r.goals.isEmpty()) {
            sb.append("| metric | goal | measured | met |\n|---|---|---|---|\n");
            for (Result.Goal g : r.goals) {
                sb.append("| ").append(g.metric()).append(" | ").append(g.target()).append(" | ").append(g.measured())
                        .append(" | ").append(g.met() == null ? "-" : g.met() ? "yes" : "**no**").append(" |\n");
            }
            sb.append('\n');
        }
        if (!r.phases.isEmpty()) {
            sb.append("| phase | request | n | rate/s | p50 ms | p90 ms | p99 ms | max ms | statuses |\n")
                    .append("|---|---|---|---|---|---|---|---|---|\n");
            for (Result.Phase p : r.phases) {
                for (Map.Entry<String, KindStats> e : p.kinds().entrySet()) {
                    KindStats k = e.getValue();
                    sb.append("| ").append(p.name()).append(" (").append(p.buyers()).append(" buyers, ")
                            .append(num(p.measuredSeconds())).append(" s) | ").append(e.getKey()).append(" | ")
                            .append(k.count()).append(" | ").append(rate(k.perSecond())).append(" | ")
                            .append(ms(k.p50())).append(" | ").append(ms(k.p90())).append(" | ").append(ms(k.p99()))
                            .append(" | ").append(ms(k.max())).append(" | ").append(statuses(k.statuses()))
                            .append(" |\n");
                }
            }
            sb.append('\n');
        }
        if (!r.wrk.isEmpty()) {
            sb.append("| wrk | requests/s | p50 ms | p90 ms | p99 ms | non-2xx | socket errors |\n")
                    .append("|---|---|---|---|---|---|---|\n");
            for (Wrk.Figures w : r.wrk) {
                sb.append("| `").append(w.command()).append("` | ").append(rate(w.requestsPerSecond())).append(" | ")
                        .append(ms(w.latencyMs().getOrDefault("p50", Double.NaN))).append(" | ")
                        .append(ms(w.latencyMs().getOrDefault("p90", Double.NaN))).append(" | ")
                        .append(ms(w.latencyMs().getOrDefault("p99", Double.NaN))).append(" | ").append(w.non2xx())
                        .append(" | ").append(w.socketErrors()).append(" |\n");
            }
            sb.append('\n');
        }
        if (!r.cpu.isEmpty()) {
            sb.append("CPU during the measured window (100% = one core): ").append(r.cpu.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))).append(".\n\n");
        }
        if (!r.processes.isEmpty()) {
            sb.append("Processes: ").append(r.processes.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; "))).append(".\n\n");
        }
        boolean ok = Invariants.allHold(r.invariants);
        sb.append("Invariants: ").append(r.invariants.isEmpty() ? "none checked" : ok ? "**all hold**" : "**VIOLATED**")
                .append("\n\n");
        for (Check c : r.invariants) {
            sb.append("- ").append(c.ok() ? "[x] " : "[ ] **FAILED** ").append(c.name()).append(": ").append(c.detail())
                    .append('\n');
        }
        if (!r.notes.isEmpty()) {
            sb.append('\n');
            r.notes.forEach(n -> sb.append("Note: ").append(n).append('\n'));
        }
        return sb.toString();
    }

    static String statuses(Map<String, Long> statuses) {
        return statuses.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** A rate with thousands separators and no decimals: 20,123. */
    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    /** Milliseconds: two decimals below 10 ms, one below 100, none above. */
    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v < 10) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return v < 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v);
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    /** The median (the mean of the two middle values for an even count); NaN for none: the verdict over rounds. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
