package dev.checkout.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkout.bench.Invariants.Check;
import dev.checkout.bench.Meter.KindStats;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sandbox-webhooks}: what one webhook endpoint costs the sandbox's API (issue 16: "with one endpoint
 * registered, the charge rate falls by at most 15%; an endpoint that answers 500 to everything costs no more and
 * holds no memory beyond the configured bound"). One sandbox (its stores capped at {@code --sandbox-store}), the
 * charges load of {@code sandbox} (64 buyers, {@code tok_visa}, an Idempotency-Key each), an unmeasured warm-up and
 * JIT settle, then {@code --rounds} rounds of phases interleaved as a0, b1, a1, c1, a2, b2, a3, c2, a4, ...: the a
 * phases have no endpoint, each b one endpoint ({@code POST /v1/webhook_endpoints}, {@code *}, deleted after it)
 * answering 200, each c the same answering 500. Each b and c is compared with the mean of its two neighbours, so the
 * host's drift over the run (-21%..+29% between the first and last of four phases on a quiet host) falls out, and
 * the verdict is the median over the rounds. The endpoint is a {@link Receiver} in the bench's own JVM, so what it
 * costs is in the bench's CPU, not the sandbox's.
 */
final class WebhookLoadScenario {
    static final double MAX_DROP = 0.15;
    /** The sandbox's defaults (WebhookSettings.defaults(), SandboxSettings): the bound and the events kept. */
    static final int MAX_PENDING = 10_000;
    /** --sandbox-store's default: every store of the sandbox capped here, so it is full (steady) before a0. */
    static final int STORE = 200_000;
    /** Each phase's warm-up and window unless --warmup/--duration say otherwise: 2 x rounds + 1 phases of them. */
    static final Duration WARMUP = Duration.ofSeconds(5);
    static final Duration WINDOW = Duration.ofSeconds(15);
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private WebhookLoadScenario() {
    }

    /** One phase's figures. */
    private record Phase(String name, KindStats charges, long chargesAllTime, Map<String, Long> cpuMillis,
            Receiver.Counts received, Receiver.Counts inWindow, double deliveriesPerSecond, long createdFrom,
            long createdTo, Heap heap) {
        double rate() {
            return charges == null ? 0 : charges.perSecond("200");
        }

        double sandboxMsPerCharge() {
            return charges == null || charges.count() == 0 ? Double.NaN
                    : (double) cpuMillis.getOrDefault("sandbox", 0L) / charges.count();
        }

        double benchMsPerCharge() {
            return charges == null || charges.count() == 0 ? Double.NaN
                    : (double) cpuMillis.getOrDefault("bench", 0L) / charges.count();
        }
    }

    /**
     * The sandbox's heap after a full collection: live bytes (the class histogram's total, which collects first), the
     * heap in use after it ({@code GC.heap_info}), and the live delivery objects: queued or running attempts, and
     * scheduled tasks (each waiting retry is one; the sandbox's housekeeping has a few of its own).
     */
    record Heap(long liveBytes, long usedKib, long attempts, long attemptBytes, long scheduledTasks) {
        String text() {
            return String.format(Locale.ROOT, "%.0f MB live (%,d KB used after GC); %,d delivery attempts alive "
                    + "(%,d bytes), %,d scheduled tasks", liveBytes / 1e6, usedKib, attempts, attemptBytes,
                    scheduledTasks);
        }
    }

    static Result run(Options o) throws Exception {
        Result r = Scenarios.begin("sandbox-webhooks", o);
        int buyers = o.integer("buyers", 64);
        int verifyEvery = o.integer("verify-every", 10);
        int rounds = o.integer("rounds", 3);
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds is at least 1, not " + rounds);
        }
        int store = o.integer("sandbox-store", STORE);
        if (store < 0) {
            throw new IllegalArgumentException("--sandbox-store is 0 (the sandbox's defaults) or more, not " + store);
        }
        // shorter phases than the other scenarios' (10 s + 20 s), and more of them
        Duration warmup = o.duration("warmup", WARMUP);
        Duration measure = o.duration("duration", WINDOW);
        Duration drain = o.duration("drain", Duration.ofSeconds(5));
        r.config.put("warmup s", SandboxScenario.secs(warmup));
        r.config.put("measured s", SandboxScenario.secs(measure));
        r.config.put("buyers", buyers);
        r.config.put("rounds", rounds + ": " + order(rounds));
        r.config.put("sandbox store (max charges, tokens, idempotency keys, events)", store == 0
                ? "the sandbox's defaults (1,000,000 charges and tokens, 2,000,000 keys, 200,000 events)"
                : String.format(Locale.ROOT, "%,d each (--sandbox-store)", store));
        r.config.put("signature checked on every n-th delivery", verifyEvery);
        r.config.put("pause before each heap reading (after the last b, c and a phase; deliveries drain)",
                drain.toSeconds() + " s");
        try (Rig rig = new Rig(o, "sandbox-webhooks", Duration.ofSeconds(30));
                Receiver rx = new Receiver(verifyEvery)) {
            Service sb = rig.startSandbox(Duration.ZERO, storeSettings(store));
            r.processes.put("sandbox start-up to first served request", Scenarios.ms(sb.startup()));
            r.config.put("sandbox JVM options", rig.jvm("sandbox"));
            r.config.put("sandbox webhook settings", "defaults: max-rate 200/s, max-pending " + MAX_PENDING
                    + ", retry delays 5m,30m,2h");
            String charges = sb.base() + "/v1/charges";

            List<Meter> meters = new ArrayList<>();
            // the same charges for one warm-up period, unmeasured, before a0: a fresh sandbox's JIT is not done
            // within one warm-up, and the a phases are the baseline the others are measured against
            Meter warm = new Meter();
            meters.add(warm);
            ClosedLoop.run(buyers, Duration.ZERO, warmup, Duration.ofSeconds(30), warm,
                    (b, i) -> SandboxScenario.charge(rig, charges, "wh-warm-" + rig.runId + "-" + b + "-" + i, warm));
            // then until neither the sandbox's nor this bench's JIT compilers are busy any more (on a quiet host the
            // sandbox still served a quarter more charges/s at the end than at the start after the warm-up alone);
            // with --sandbox-store its store fills to its steady size meanwhile
            Duration jitLimit = o.duration("jit-settle", Duration.ofSeconds(180));
            if (!jitLimit.isZero()) {
                r.processes.put("load before a0, until the JIT compilers quieted (sandbox, bench)",
                        JitSettle.settleJit(List.of(sb.pid(), ProcessHandle.current().pid()), buyers, jitLimit,
                                warm, (chunk, b, i) -> SandboxScenario.charge(rig, charges,
                                        "wh-jit-" + rig.runId + "-" + chunk + "-" + b + "-" + i, warm)));
            }

            // a0, b1, a1, c1, a2, b2, a3, c2, a4, ...: every b and c between two phases without an endpoint, so
            // each is compared with the host as it was just before and just after it
            List<Phase> as = new ArrayList<>();
            List<Hooked> hooked = new ArrayList<>();
            as.add(phase(rig, sb, warmup, measure, buyers, rx, r, meters, "a0: no endpoint", "a0", null));
            for (int k = 0; k < 2 * rounds; k++) {
                boolean ok = k % 2 == 0;
                int round = k / 2 + 1;
                boolean last = k >= 2 * rounds - 2;
                Hooked h = hooked(rig, sb, warmup, measure, buyers, rx, r, meters, ok, round, last ? drain : null);
                hooked.add(h);
                if (h.p() == null) {
                    break; // the endpoint could not be registered: nothing more to measure
                }
                int n = as.size();
                as.add(phase(rig, sb, warmup, measure, buyers, rx, r, meters, "a" + n + ": no endpoint", "a" + n,
                        k == 2 * rounds - 1 ? drain : null));
            }
            r.invariants.add(new Check("every endpoint was registered through POST /v1/webhook_endpoints, each with a "
                    + "new whsec_ secret", hooked.stream().allMatch(Hooked::registered)
                    && hooked.stream().map(Hooked::secret).distinct().count() == hooked.size(),
                    hooked.stream().map(h -> h.label() + " " + h.createStatus() + " " + h.endpointId()).toList()
                            .toString()));
            if (hooked.getLast().p() == null) {
                rig.stop(sb);
                return Scenarios.end(r);
            }
            r.invariants.add(new Check("every endpoint was deleted after its phase", hooked.stream()
                    .allMatch(h -> h.deleteStatus() == 200), hooked.stream()
                    .map(h -> h.label() + " " + h.deleteStatus()).toList().toString()));

            goals(r, as, hooked);

            // invariants
            long non200 = allNon200(meters);
            r.invariants.add(new Check("every charge answered 200, in every phase (warm-up and settle too)", non200 == 0,
                    non200 + " other answers"));
            Receiver.Counts all = rx.counts();
            r.invariants.add(new Check("no delivery failed the signature check (each endpoint's own secret)",
                    all.badSignatures() == 0, all.badSignatures() + " bad of " + (all.verified() + all.badSignatures())
                            + " checked"));
            for (Hooked h : hooked) {
                Phase p = h.p();
                if (h.ok()) {
                    r.invariants.add(new Check(h.label() + ": at least one delivery verified", p.received().verified() > 0,
                            p.received().verified() + " verified of " + p.received().received() + " received"));
                    continue;
                }
                long calledInWindow = p.inWindow() == null ? 0 : p.inWindow().received();
                r.invariants.add(new Check(h.label() + ": the 500 endpoint was called during the measured window "
                        + "(else the phase measured no failing deliveries), and nothing was answered 2xx",
                        calledInWindow > 0 && p.received().answered2xx() == 0, calledInWindow
                                + " received in the window, " + p.received().received() + " in the phase, "
                                + p.received().answered2xx() + " answered 2xx"));
                r.invariants.add(new Check(h.label() + ": none accepted as delivered: no event of the phase listed "
                        + "with delivery_success=true, and every sampled event answered 500 still pending (or evicted)",
                        h.listedDelivered() == 0 && h.takenAsDelivered() == 0, h.listedDelivered()
                                + " listed delivered, " + h.listedPending() + (h.listedPending() == 100 ? "+" : "")
                                + " listed pending; of " + h.sampled() + " sampled ids answered 500: "
                                + h.stillPending() + " pending, " + h.evicted() + " evicted, " + h.takenAsDelivered()
                                + " taken as delivered"));
            }
            r.notes.add("events of each b phase listed with delivery_success=true (first page of 100, the newest "
                    + "first: with deliveries at max-rate, the newest events of a phase are often still queued or "
                    + "dropped, so few or none is usual): "
                    + hooked.stream().filter(Hooked::ok).map(h -> h.label() + " " + h.listedDelivered()
                            + (h.listedDelivered() == 100 ? "+" : "")).toList());
            r.notes.add("the sandbox exposes no delivery counters (pending, dropped): the receiver's counts and the "
                    + "live objects in its heap stand in for them; every event beyond what was delivered or is held "
                    + "was dropped at max-pending or its delivery skipped because the event had been evicted or its "
                    + "endpoint deleted");
            r.notes.add("the receiver runs in the bench's JVM: its CPU is in the bench's figure, not the sandbox's");
            r.notes.add("the heap is read (jcmd GC.class_histogram, a full collection) only after the last b, the last "
                    + "c and the last a phase: a full collection perturbs the phase after it");
            r.processes.put("sandbox RSS MB (end)", Machine.rssKib(sb.pid()) * 1024 / 1_000_000);
            rig.stop(sb);
            r.config.put("jars (built at)", rig.jars);
            r.config.put("CDS archive present at start", rig.cdsArchives);
            r.notes.addAll(rig.profileSummaries());
        }
        return Scenarios.end(r);
    }

    /** The goal lines: each round's drop against its two neighbours, the median over the rounds, CPU, heap. */
    private static void goals(Result r, List<Phase> as, List<Hooked> hooked) {
        for (boolean ok : new boolean[] {true, false}) {
            List<Double> drops = new ArrayList<>();
            for (int k = 0; k < hooked.size(); k++) {
                Hooked h = hooked.get(k);
                if (h.ok() != ok) {
                    continue;
                }
                Phase left = as.get(k);
                Phase right = as.get(k + 1);
                double around = (left.rate() + right.rate()) / 2;
                double drop = 1 - h.p().rate() / around;
                drops.add(drop);
                r.goal(String.format(Locale.ROOT, "charges/s, %s vs %s and %s", h.p().name(), tag(left), tag(right)),
                        "-", String.format(Locale.ROOT, "%s/s vs %s/s (%s/s, %s/s): drop %.1f%%",
                                Report.rate(h.p().rate()), Report.rate(around), Report.rate(left.rate()),
                                Report.rate(right.rate()), drop * 100), null);
            }
            double median = Report.median(drops);
            r.goal(String.format(Locale.ROOT, "median drop of the charges/s over %d round%s, %s (each against the "
                    + "mean of its two neighbours without an endpoint)", drops.size(), drops.size() == 1 ? "" : "s",
                    ok ? "one endpoint answering 200 (b)" : "the endpoint answering 500 (c)"), "<= 15%",
                    String.format(Locale.ROOT, "%.1f%% (rounds: %s)", median * 100, drops.stream()
                            .map(d -> String.format(Locale.ROOT, "%.1f%%", d * 100))
                            .collect(java.util.stream.Collectors.joining(", "))),
                    median <= MAX_DROP);
        }
        double first = as.getFirst().rate();
        r.goal("charges/s of the phases without an endpoint (the host's drift)", "-", as.stream()
                .map(a -> tag(a) + " " + Report.rate(a.rate()) + String.format(Locale.ROOT, " (%+.0f%%)",
                        (a.rate() / first - 1) * 100)).collect(java.util.stream.Collectors.joining(", ")), null);
        for (int k = 0; k < hooked.size(); k++) {
            Phase p = hooked.get(k).p();
            Phase left = as.get(k);
            Phase right = as.get(k + 1);
            double around = (left.sandboxMsPerCharge() + right.sandboxMsPerCharge()) / 2;
            r.goal("sandbox CPU per charge, " + tag(p) + " vs " + tag(left) + " and " + tag(right), "-",
                    String.format(Locale.ROOT, "%.4f ms vs %.4f ms (%+.0f%%); bench (with the receiver) %.4f ms vs "
                            + "%.4f ms", p.sandboxMsPerCharge(), around, (p.sandboxMsPerCharge() / around - 1) * 100,
                            p.benchMsPerCharge(), (left.benchMsPerCharge() + right.benchMsPerCharge()) / 2), null);
        }
        for (Hooked h : hooked) {
            Phase p = h.p();
            Receiver.Counts k = p.received();
            r.goal("deliveries received, " + p.name(), "-", String.format(Locale.ROOT,
                    "%,d in the measured window (%.0f/s); %,d from the phase's start to the next (answered "
                            + "2xx %,d, other %,d; signatures checked %,d, valid %,d), for %,d charges (one "
                            + "charge.succeeded event each)", p.inWindow() == null ? -1 : p.inWindow().received(),
                    p.deliveriesPerSecond(), k.received(), k.answered2xx(), k.answeredOther(),
                    k.verified() + k.badSignatures(), k.verified(), p.chargesAllTime()), null);
        }
        Phase lastB = null;
        Phase lastC = null;
        for (Hooked h : hooked) {
            if (h.ok()) {
                lastB = h.p();
            } else {
                lastC = h.p();
            }
        }
        for (Phase p : java.util.Arrays.asList(lastB, lastC, as.getLast())) {
            if (p != null) {
                r.goal("sandbox heap after the phase (full GC), " + p.name(), "-",
                        p.heap() == null ? "unreadable" : p.heap().text(), null);
            }
        }
        if (lastC != null && lastC.heap() != null) {
            long held = lastC.heap().attempts() + lastC.heap().scheduledTasks();
            r.goal("deliveries held after the last c phase (attempts alive + scheduled tasks) vs max-pending", "<= "
                    + String.format(Locale.ROOT, "%,d", MAX_PENDING) + " (+ a few housekeeping tasks)",
                    String.format(Locale.ROOT, "%,d", held), held <= MAX_PENDING + 16);
        }
    }

    /** What a b or c phase measured, and what was checked around it. */
    private record Hooked(boolean ok, int round, Phase p, boolean registered, int createStatus, String endpointId,
            String secret, int deleteStatus, int listedDelivered, int listedPending, int sampled, int stillPending,
            int evicted, int takenAsDelivered) {
        String label() {
            return (ok ? "b" : "c") + round;
        }
    }

    /**
     * One phase with an endpoint: registers it ({@code POST /v1/webhook_endpoints}, every event, a new secret the
     * receiver then checks signatures with), runs the phase with the receiver answering 200 ({@code ok}) or 500,
     * reads back what the sandbox says of the phase's events, and deletes the endpoint. {@code p} is null when the
     * endpoint could not be registered.
     */
    private static Hooked hooked(Rig rig, Service sb, Duration warmup, Duration measure, int buyers, Receiver rx,
            Result r, List<Meter> meters, boolean ok, int round, Duration drain) throws Exception {
        String label = (ok ? "b" : "c") + round;
        Client.Reply created = rig.client.postForm(sb.base() + "/v1/webhook_endpoints", Rig.SK, null,
                "url=" + URLEncoder.encode(rx.url(), StandardCharsets.UTF_8) + "&enabled_events[]=*");
        JsonNode endpoint = Json.tree(created.body());
        String endpointId = endpoint.path("id").asText(null);
        String secret = endpoint.path("secret").asText(null);
        boolean registered = created.status() == 200 && endpointId != null && secret != null
                && secret.startsWith("whsec_");
        if (endpointId == null || secret == null) {
            return new Hooked(ok, round, null, registered, created.status(), endpointId, secret, -1, 0, 0, 0, 0, 0, 0);
        }
        rx.secret(secret);
        rx.answer(ok ? 200 : 500);
        rx.clearRefused();
        Phase p = phase(rig, sb, warmup, measure, buyers, rx, r, meters,
                label + (ok ? ": one endpoint answering 200" : ": the endpoint answering 500"), label, drain);
        // the sandbox's own view of the phase's events (its first seconds left out: the same second may hold the
        // previous phase's events, which had no endpoint and so count as delivered)
        String range = "&created[gte]=" + (p.createdFrom() + 2) + "&created[lte]=" + p.createdTo() + "&limit=100";
        int listedDelivered = eventIds(rig, sb, "delivery_success=true" + range).size();
        int listedPending = ok ? 0 : eventIds(rig, sb, "delivery_success=false" + range).size();
        int stillPending = 0;
        int evicted = 0;
        int takenAsDelivered = 0;
        List<String> sampled = ok ? List.of() : rx.refusedIds();
        for (String id : sampled) {
            Client.Reply ev = rig.client.get(sb.base() + "/v1/events/" + id, Rig.SK);
            if (ev.status() == 404) {
                evicted++;
            } else if (Json.tree(ev.body()).path("pending_webhooks").asInt(-1) > 0) {
                stillPending++;
            } else {
                takenAsDelivered++;
            }
        }
        Client.Reply deleted = rig.client.delete(sb.base() + "/v1/webhook_endpoints/" + endpointId, Rig.SK);
        return new Hooked(ok, round, p, registered, created.status(), endpointId, secret, deleted.status(),
                listedDelivered, listedPending, sampled.size(), stillPending, evicted, takenAsDelivered);
    }

    /** "a0 b1 a1 c1 a2 b2 a3 c2 a4 ...": the phases of {@code rounds} rounds, in the order they run. */
    static String order(int rounds) {
        StringBuilder out = new StringBuilder("a0");
        for (int k = 0; k < 2 * rounds; k++) {
            out.append(' ').append(k % 2 == 0 ? 'b' : 'c').append(k / 2 + 1).append(" a").append(k + 1);
        }
        return out.toString();
    }

    /** The sandbox's settings for {@code --sandbox-store=N}: every store's cap at N; none for 0 (its defaults). */
    static Map<String, String> storeSettings(int store) {
        if (store == 0) {
            return Map.of();
        }
        String n = Integer.toString(store);
        return Map.of("SANDBOX_MAX_CHARGES", n, "SANDBOX_MAX_TOKENS", n, "SANDBOX_MAX_IDEMPOTENCY_KEYS", n,
                "SANDBOX_MAX_EVENTS", n);
    }

    private static String tag(Phase p) {
        return p.name().substring(0, p.name().indexOf(':'));
    }

    private static long allNon200(List<Meter> meters) {
        long n = 0;
        for (Meter m : meters) {
            for (Map.Entry<String, Long> e : m.allTimeStatuses().entrySet()) {
                if (!e.getKey().endsWith(" 200")) {
                    n += e.getValue();
                }
            }
        }
        return n;
    }

    /**
     * One phase: {@code warmup}, then the measured window, of the charges load; then, when {@code drain} is given,
     * that pause and the sandbox's heap (a full collection); else no heap is read.
     */
    private static Phase phase(Rig rig, Service sb, Duration warmup, Duration measure, int buyers, Receiver rx,
            Result r, List<Meter> meters, String name, String tag, Duration drain) throws Exception {
        Receiver.Counts before = rx.counts();
        long from = System.currentTimeMillis() / 1000;
        String charges = sb.base() + "/v1/charges";
        Meter m = new Meter();
        meters.add(m);
        Sampler s = Sampler.start(rig, tag, sb, null, false, warmup, measure);
        // the receiver's counts at the measured window's edges: deliveries that ran beside the measured charges
        Receiver.Counts[] edges = new Receiver.Counts[2];
        Thread window = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(warmup);
                edges[0] = rx.counts();
                Thread.sleep(measure);
                edges[1] = rx.counts();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ClosedLoop.run(buyers, warmup, measure, Duration.ofSeconds(30), m,
                (b, i) -> SandboxScenario.charge(rig, charges, "wh-" + tag + "-" + rig.runId + "-" + b + "-" + i, m));
        Map<String, Object> cpu = new LinkedHashMap<>(s.cpu());
        window.join();
        Receiver.Counts inWindow = edges[1] == null ? null : edges[1].minus(edges[0]);
        Map<String, Long> cpuMillis = new LinkedHashMap<>(s.cpuMillis());
        long to = System.currentTimeMillis() / 1000;
        Heap heap = null;
        if (drain != null) {
            Thread.sleep(drain);
            heap = heap(sb.pid());
        }
        Receiver.Counts got = rx.counts().minus(before);
        KindStats k = m.stats("charge").get("charge");
        long all = m.allTimeStatuses().getOrDefault("charge 200", 0L);
        r.phases.add(new Result.Phase(name, buyers, SandboxScenario.secs(warmup), m.windowSeconds(),
                m.stats("charge")));
        if (k != null && k.count() > 0) {
            cpu.put("sandbox ms per charge", String.format(Locale.ROOT, "%.4f",
                    (double) cpuMillis.getOrDefault("sandbox", 0L) / k.count()));
            cpu.put("bench ms per charge", String.format(Locale.ROOT, "%.4f",
                    (double) cpuMillis.getOrDefault("bench", 0L) / k.count()));
        }
        if (inWindow != null) {
            cpu.put("deliveries received per s", String.format(Locale.ROOT, "%.0f",
                    inWindow.received() / m.windowSeconds()));
        }
        r.cpu.put(name, cpu);
        System.out.printf(Locale.ROOT, "%s: %s charges/s, cpu %s, received %s, heap %s%n", name,
                k == null ? "0" : Report.rate(k.perSecond("200")), cpu, got, heap == null ? "-" : heap.text());
        double perSecond = inWindow == null ? Double.NaN : inWindow.received() / m.windowSeconds();
        return new Phase(name, k, all, cpuMillis, got, inWindow, perSecond, from, to, heap);
    }

    /** The ids on the first page of {@code GET /v1/events?<query>}. */
    private static List<String> eventIds(Rig rig, Service sb, String query) {
        Client.Reply reply = rig.client.get(sb.base() + "/v1/events?" + query, Rig.SK);
        List<String> ids = new java.util.ArrayList<>();
        Json.tree(reply.body()).path("data").forEach(e -> ids.add(e.path("id").asText()));
        return ids;
    }

    /** A full collection and the live objects that matter, through jcmd; null when jcmd gave nothing. */
    static Heap heap(long pid) {
        String histogram = Jfr.run(pid, "GC.class_histogram");
        String info = Jfr.run(pid, "GC.heap_info");
        return histogram.isBlank() ? null : parseHeap(histogram, info);
    }

    /** Reads {@code GC.class_histogram} (collects first, then counts live objects) and {@code GC.heap_info}. */
    static Heap parseHeap(String histogram, String heapInfo) {
        long total = 0;
        long attempts = 0;
        long attemptBytes = 0;
        long scheduled = 0;
        for (String line : histogram.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[0].equals("Total")) {
                total = Long.parseLong(f[2]);
            } else if (f.length >= 4 && f[0].endsWith(":")) {
                if (f[3].equals("dev.checkout.sandbox.api.Deliveries$Attempt")) {
                    attempts = Long.parseLong(f[1]);
                    attemptBytes = Long.parseLong(f[2]);
                } else if (f[3].equals("java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask")) {
                    scheduled = Long.parseLong(f[1]);
                }
            }
        }
        Matcher used = USED.matcher(heapInfo);
        return new Heap(total, used.find() ? Long.parseLong(used.group(1)) : -1, attempts, attemptBytes, scheduled);
    }
}
