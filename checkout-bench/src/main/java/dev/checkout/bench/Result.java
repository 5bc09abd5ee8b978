package dev.checkout.bench;

import dev.checkout.bench.Invariants.Check;
import dev.checkout.bench.Meter.KindStats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one scenario run produced: written as JSON and as a Markdown table. */
final class Result {
    /** A measured phase: its load shape and the figures per request kind. */
    record Phase(String name, int buyers, double warmupSeconds, double measuredSeconds, Map<String, KindStats> kinds) {
    }

    /** A goal beside what was measured; {@code met} is null for figures recorded without a goal. */
    record Goal(String metric, String target, String measured, Boolean met) {
    }

    final String scenario;
    final Map<String, Object> machine = new LinkedHashMap<>();
    final Map<String, Object> config = new LinkedHashMap<>();
    final List<Phase> phases = new ArrayList<>();
    final List<Goal> goals = new ArrayList<>();
    final List<Check> invariants = new ArrayList<>();
    final Map<String, Object> processes = new LinkedHashMap<>();
    final Map<String, Object> cpu = new LinkedHashMap<>();
    final List<Wrk.Figures> wrk = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    Result(String scenario) {
        this.scenario = scenario;
    }

    void goal(String metric, String target, String measured, Boolean met) {
        goals.add(new Goal(metric, target, measured, met));
    }

    /** The JSON document (a plain map, so the file's shape is visible here). */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", scenario);
        m.put("machine", machine);
        m.put("config", config);
        m.put("goals", goals);
        m.put("invariantsHold", Invariants.allHold(invariants));
        m.put("invariants", invariants);
        m.put("phases", phases);
        m.put("processes", processes);
        m.put("cpuDuringWindow", cpu);
        m.put("wrk", wrk);
        m.put("notes", notes);
        return m;
    }
}
