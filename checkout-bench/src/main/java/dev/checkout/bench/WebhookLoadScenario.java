package dev.checkout.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkout.bench.Invariants.Check;
import dev.checkout.bench.Meter.KindStats;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sandbox-webhooks}: what one webhook endpoint costs the sandbox's API (issue 16: "with one endpoint
 * registered, the charge rate falls by at most 15%; an endpoint that answers 500 to everything costs no more and
 * holds no memory beyond the configured bound"). One sandbox, the charges load of {@code sandbox} (64 buyers,
 * {@code tok_visa}, an Idempotency-Key each), in phases on the same sandbox: (a) no endpoint, (b) one endpoint
 * ({@code POST /v1/webhook_endpoints}, {@code *}) answering 200, (c) the same endpoint answering 500 to everything,
 * (a') the endpoint deleted, to show how far the host drifted meanwhile; an unmeasured warm-up of the same charges
 * comes first. The endpoint is a {@link Receiver} in the
 * bench's own JVM, so what it costs is in the bench's CPU, not the sandbox's.
 */
final class WebhookLoadScenario {
    static final double MAX_DROP = 0.15;
    /** The sandbox's defaults (WebhookSettings.defaults(), SandboxSettings): the bound and the events kept. */
    static final int MAX_PENDING = 10_000;
    static final int MAX_EVENTS = 200_000;
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
        Duration drain = o.duration("drain", Duration.ofSeconds(5));
        r.config.put("buyers", buyers);
        r.config.put("signature checked on every n-th delivery", verifyEvery);
        r.config.put("pause after each phase before the heap is read (deliveries drain)", drain.toSeconds() + " s");
        try (Rig rig = new Rig(o, "sandbox-webhooks", Duration.ofSeconds(30));
                Receiver rx = new Receiver(verifyEvery)) {
            Service sb = rig.startSandbox(Duration.ZERO);
            r.processes.put("sandbox start-up to first served request", Scenarios.ms(sb.startup()));
            r.config.put("sandbox JVM options", rig.jvm("sandbox"));
            r.config.put("sandbox webhook settings", "defaults: max-rate 200/s, max-pending " + MAX_PENDING
                    + ", retry delays 5m,30m,2h; max-events " + MAX_EVENTS);

            List<Meter> meters = new java.util.ArrayList<>();
            // the same charges for one warm-up period, unmeasured, before (a): a fresh sandbox's JIT is not done
            // within one warm-up, and (a) is the baseline the others are measured against
            Meter warm = new Meter();
            meters.add(warm);
            ClosedLoop.run(buyers, Duration.ZERO, o.warmup(), Duration.ofSeconds(30), warm,
                    (b, i) -> SandboxScenario.charge(rig, sb.base() + "/v1/charges",
                            "wh-warm-" + rig.runId + "-" + b + "-" + i, warm));
            // then until neither the sandbox's nor this bench's JIT compilers are busy any more: on a quiet host the
            // sandbox still served a quarter more charges/s in (a') than in (a) after the warm-up alone
            Duration jitLimit = o.duration("jit-settle", Duration.ofSeconds(180));
            if (!jitLimit.isZero()) {
                r.processes.put("load before (a), until the JIT compilers quieted (sandbox, bench)",
                        JitSettle.settleJit(List.of(sb.pid(), ProcessHandle.current().pid()), buyers, jitLimit,
                                warm, (chunk, b, i) -> SandboxScenario.charge(rig, sb.base() + "/v1/charges",
                                        "wh-jit-" + rig.runId + "-" + chunk + "-" + b + "-" + i, warm)));
            }
            Phase a = phase(rig, sb, o, buyers, rx, r, meters, "a: no endpoint", "a", drain);

            Client.Reply created = rig.client.postForm(sb.base() + "/v1/webhook_endpoints", Rig.SK, null,
                    "url=" + URLEncoder.encode(rx.url(), StandardCharsets.UTF_8) + "&enabled_events[]=*");
            JsonNode endpoint = Json.tree(created.body());
            String endpointId = endpoint.path("id").asText(null);
            String secret = endpoint.path("secret").asText(null);
            r.invariants.add(new Check("the endpoint was registered through POST /v1/webhook_endpoints with a secret",
                    created.status() == 200 && endpointId != null && secret != null && secret.startsWith("whsec_"),
                    "answer " + created.status() + ", id " + endpointId));
            if (endpointId == null || secret == null) {
                rig.stop(sb);
                return Scenarios.end(r);
            }
            rx.secret(secret);
            rx.answer(200);
            Phase b = phase(rig, sb, o, buyers, rx, r, meters, "b: one endpoint answering 200", "b", drain);
            List<String> deliveredListed = eventIds(rig, sb, "delivery_success=true&created[gte]=" + b.createdFrom()
                    + "&created[lte]=" + b.createdTo() + "&limit=100");

            rx.answer(500);
            Phase c = phase(rig, sb, o, buyers, rx, r, meters, "c: the endpoint answering 500", "c", drain);
            // the sandbox's own view of (c): no event of the phase taken as delivered (its first seconds left out:
            // the same second may hold (b)'s last events), and the sampled events answered 500 still pending
            List<String> deliveredInC = eventIds(rig, sb, "delivery_success=true&created[gte]=" + (c.createdFrom() + 2)
                    + "&created[lte]=" + c.createdTo() + "&limit=100");
            List<String> pendingInC = eventIds(rig, sb, "delivery_success=false&created[gte]=" + (c.createdFrom() + 2)
                    + "&created[lte]=" + c.createdTo() + "&limit=100");
            int stillPending = 0;
            int evicted = 0;
            int takenAsDelivered = 0;
            for (String id : rx.refusedIds()) {
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
            Phase a2 = phase(rig, sb, o, buyers, rx, r, meters, "a': endpoint deleted", "a2", drain);

            // goals: the drop of (b) and (c) against (a), and against (a') for the host's drift
            for (Phase p : List.of(b, c)) {
                double drop = 1 - p.rate() / a.rate();
                double dropLate = 1 - p.rate() / a2.rate();
                r.goal("charges/s, " + p.name() + " vs (a) " + Report.rate(a.rate()) + "/s", "drop <= 15%",
                        String.format(Locale.ROOT, "%s/s (%+.0f%%; vs (a') %s/s: %+.0f%%)", Report.rate(p.rate()),
                                -drop * 100, Report.rate(a2.rate()), -dropLate * 100), drop <= MAX_DROP);
            }
            r.goal("charges/s, a': endpoint deleted (the host's drift)", "-", String.format(Locale.ROOT,
                    "%s/s (%+.0f%% vs (a))", Report.rate(a2.rate()), (a2.rate() / a.rate() - 1) * 100), null);
            for (Phase p : List.of(a, b, c, a2)) {
                r.goal("CPU per charge, " + p.name(), "-", String.format(Locale.ROOT,
                        "sandbox %.4f ms, bench (with the receiver) %.4f ms", p.sandboxMsPerCharge(),
                        p.benchMsPerCharge()), null);
            }
            for (Phase p : List.of(b, c)) {
                Receiver.Counts k = p.received();
                r.goal("deliveries received, " + p.name(), "-", String.format(Locale.ROOT,
                        "%,d in the measured window (%.0f/s); %,d from the phase's start to the next (answered "
                                + "2xx %,d, other %,d; signatures checked %,d, valid %,d), for %,d charges (one "
                                + "charge.succeeded event each)", p.inWindow() == null ? -1 : p.inWindow().received(),
                        p.deliveriesPerSecond(),
                        k.received(), k.answered2xx(), k.answeredOther(), k.verified() + k.badSignatures(),
                        k.verified(), p.chargesAllTime()), null);
            }
            for (Phase p : List.of(a, b, c, a2)) {
                r.goal("sandbox heap after the phase (full GC), " + p.name(), "-",
                        p.heap() == null ? "unreadable" : p.heap().text(), null);
            }
            if (c.heap() != null) {
                long bound = MAX_PENDING;
                long held = c.heap().attempts() + c.heap().scheduledTasks();
                r.goal("deliveries held after (c) (attempts alive + scheduled tasks) vs max-pending", "<= "
                        + String.format(Locale.ROOT, "%,d", bound) + " (+ a few housekeeping tasks)",
                        String.format(Locale.ROOT, "%,d", held), held <= bound + 16);
            }

            // invariants
            long non200 = allNon200(meters);
            r.invariants.add(new Check("every charge answered 200, in every phase (warm-up too)", non200 == 0,
                    non200 + " other answers"));
            Receiver.Counts all = rx.counts();
            r.invariants.add(new Check("at least one delivery verified in (b)", b.received().verified() > 0,
                    b.received().verified() + " verified of " + b.received().received() + " received"));
            r.invariants.add(new Check("no delivery failed the signature check", all.badSignatures() == 0,
                    all.badSignatures() + " bad of " + (all.verified() + all.badSignatures()) + " checked"));
            long calledInWindow = c.inWindow() == null ? 0 : c.inWindow().received();
            r.invariants.add(new Check("(c) the 500 endpoint was called during the measured window (else the phase "
                    + "measured no failing deliveries), and nothing was answered 2xx",
                    calledInWindow > 0 && c.received().answered2xx() == 0, calledInWindow + " received in the window, "
                            + c.received().received() + " in the phase, " + c.received().answered2xx()
                            + " answered 2xx"));
            r.invariants.add(new Check("(c) none accepted as delivered: no event of the phase listed with "
                    + "delivery_success=true, and every sampled event answered 500 still pending (or evicted)",
                    deliveredInC.isEmpty() && takenAsDelivered == 0, deliveredInC.size() + " listed delivered, "
                            + pendingInC.size() + (pendingInC.size() == 100 ? "+" : "") + " listed pending; of "
                            + rx.refusedIds().size() + " sampled ids answered 500: " + stillPending + " pending, "
                            + evicted + " evicted, " + takenAsDelivered + " taken as delivered"));
            r.invariants.add(new Check("the endpoint was deleted before (a')", deleted.status() == 200,
                    "answer " + deleted.status()));
            r.notes.add("events of (b) listed with delivery_success=true (first page, of those still kept among the "
                    + "newest " + MAX_EVENTS + "): " + deliveredListed.size() + (deliveredListed.size() == 100 ? "+" : ""));
            r.notes.add("the sandbox exposes no delivery counters (pending, dropped): the receiver's counts and the "
                    + "live objects in its heap stand in for them; every event beyond what was delivered or is held "
                    + "was dropped at max-pending or its delivery skipped because the event had been evicted");
            r.notes.add("the receiver runs in the bench's JVM: its CPU is in the bench's figure, not the sandbox's");
            r.processes.put("sandbox RSS MB (end)", Machine.rssKib(sb.pid()) * 1024 / 1_000_000);
            rig.stop(sb);
            r.config.put("jars (built at)", rig.jars);
            r.config.put("CDS archive present at start", rig.cdsArchives);
            r.notes.addAll(rig.profileSummaries());
        }
        return Scenarios.end(r);
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

    private static Phase phase(Rig rig, Service sb, Options o, int buyers, Receiver rx, Result r, List<Meter> meters,
            String name, String tag, Duration drain) throws Exception {
        Receiver.Counts before = rx.counts();
        long from = System.currentTimeMillis() / 1000;
        String charges = sb.base() + "/v1/charges";
        Meter m = new Meter();
        meters.add(m);
        Sampler s = Sampler.start(rig, tag, sb, null, false, o.warmup(), o.measure());
        // the receiver's counts at the measured window's edges: deliveries that ran beside the measured charges
        Receiver.Counts[] edges = new Receiver.Counts[2];
        Thread window = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(o.warmup());
                edges[0] = rx.counts();
                Thread.sleep(o.measure());
                edges[1] = rx.counts();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ClosedLoop.run(buyers, o.warmup(), o.measure(), Duration.ofSeconds(30), m,
                (b, i) -> SandboxScenario.charge(rig, charges, "wh-" + tag + "-" + rig.runId + "-" + b + "-" + i, m));
        Map<String, Object> cpu = new LinkedHashMap<>(s.cpu());
        window.join();
        Receiver.Counts inWindow = edges[1] == null ? null : edges[1].minus(edges[0]);
        Map<String, Long> cpuMillis = new LinkedHashMap<>(s.cpuMillis());
        long to = System.currentTimeMillis() / 1000;
        Thread.sleep(drain);
        Heap heap = heap(sb.pid());
        Receiver.Counts got = rx.counts().minus(before);
        KindStats k = m.stats("charge").get("charge");
        long all = m.allTimeStatuses().getOrDefault("charge 200", 0L);
        r.phases.add(new Result.Phase(name, buyers, SandboxScenario.secs(o.warmup()), m.windowSeconds(),
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
