package dev.checkout.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code provider-floor}: what one charge through the checkout's payment adapter costs a JVM that does nothing else.
 * A profile of the checkout under load put 41% of its CPU in {@code StripePaymentGateway.charge} (stripe-java's
 * request building, the HTTP exchange through {@code LeanHttpClient}, Gson reading the whole Charge). Here a second
 * JVM, started like the checkout from its jar but with {@link ProviderFloorMain} as its main class, runs only that:
 * {@code --buyers} virtual threads charging {@code tok_visa} against the sandbox in a closed loop. This JVM starts
 * the sandbox, waits until the child's JIT compiler is quiet ({@code --jit-settle}, 120 s at most by default), lets a
 * warm-up pass, and reads the child's and the sandbox's CPU from /proc around the measured window.
 */
final class ProviderFloorScenario {
    private ProviderFloorScenario() {
    }

    static Result run(Options o) throws Exception {
        String name = "provider-floor";
        int buyers = o.integer("buyers", 64);
        Duration jitLimit = o.duration("jit-settle", Duration.ofSeconds(120));
        Result r = Scenarios.begin(name, o);
        r.config.put("buyers", buyers);
        r.config.put("jit-settle at most s", SandboxScenario.secs(jitLimit));
        try (Rig rig = new Rig(o, name, Duration.ofSeconds(30))) {
            Service sb = rig.startSandbox(Duration.ZERO);
            try (Adapter adapter = new Adapter(rig.startOnCheckoutJar("adapter", ProviderFloorMain.class.getName(),
                    List.of(sb.base(), Rig.SK, Integer.toString(buyers))))) {
                r.config.put("adapter JVM command", rig.commands.get("adapter"));
                r.config.put("jars (built at)", rig.jars);
                long pid = adapter.pid();
                adapter.counts(); // answers once its buyers are started
                if (!jitLimit.isZero()) {
                    r.processes.put("load before the warm-up, until the adapter JVM's JIT compiler quieted",
                            JitSettle.awaitQuietCompiler(pid, jitLimit));
                }
                Thread.sleep(o.warmup());

                long bench0 = Machine.cpuMillis(ProcessHandle.current().pid());
                long sandbox0 = Machine.cpuMillis(sb.pid());
                long machine0 = Machine.machineBusyMillis();
                Map<String, Long> threads0 = Machine.cpuMillisByThreadKind(pid);
                long cpu0 = Machine.cpuMillis(pid);
                ChargeCounts c0 = adapter.counts();
                long t0 = System.nanoTime();
                Thread.sleep(o.measure());
                ChargeCounts c1 = adapter.counts();
                double ms = (System.nanoTime() - t0) / 1e6;
                long cpu = Machine.cpuMillis(pid) - cpu0;
                Map<String, Long> threads1 = Machine.cpuMillisByThreadKind(pid);
                long machine = Machine.machineBusyMillis() - machine0;
                long sandbox = Machine.cpuMillis(sb.pid()) - sandbox0;
                long bench = Machine.cpuMillis(ProcessHandle.current().pid()) - bench0;
                r.processes.put("adapter JVM RSS MiB", Machine.rssKib(pid) / 1024);
                r.processes.put("adapter JVM threads", Machine.threads(pid));

                long charges = c1.total() - c0.total();
                r.invariants.add(new Invariants.Check("the adapter JVM charged in the window", charges > 0,
                        charges + " charges"));
                ChargeCounts all = adapter.counts();
                r.invariants.add(new Invariants.Check("every charge Approved", all.others().isEmpty(),
                        all.approved() + " approved, others: " + all.others()));
                r.notes.add(String.format(Locale.ROOT, "%,d charges in the window of %.1f s; %,d since the adapter "
                        + "JVM started", charges, ms / 1000, all.total()));
                if (charges > 0) {
                    report(r, buyers, charges, ms, cpu, threads0, threads1, sandbox, bench, machine);
                }
            }
        }
        return Scenarios.end(r);
    }

    private static void report(Result r, int buyers, long charges, double ms, long cpu, Map<String, Long> threads0,
            Map<String, Long> threads1, long sandbox, long bench, long machine) {
        long compiling = Sampler.compilerMillis(threads1) - Sampler.compilerMillis(threads0);
        r.goal("charges/s, " + buyers + " buyers in one JVM", "-",
                String.format(Locale.ROOT, "%,.0f", charges / (ms / 1000)), null);
        r.goal("adapter JVM CPU per charge", "-", perCharge(cpu, charges) + " ms", null);
        r.goal("adapter JVM CPU per charge without the JIT compiler", "-", perCharge(cpu - compiling, charges) + " ms",
                null);
        r.goal("sandbox CPU per charge", "-", perCharge(sandbox, charges) + " ms", null);
        r.cpu.put("adapter JVM", Report.percent(cpu / ms));
        r.cpu.put("sandbox", Report.percent(sandbox / ms));
        r.cpu.put("bench", Report.percent(bench / ms));
        r.cpu.put("machine total", Report.percent(machine / ms));
        r.cpu.put("everything else", Report.percent(Math.max(0, machine - cpu - sandbox - bench) / ms));
        r.cpu.put("adapter JVM ms per charge, by thread", JitSettle.byThread(threads0, threads1, charges));
        r.cpu.put("adapter JVM JIT compiler ms per charge", perCharge(compiling, charges));
    }

    private static String perCharge(long ms, long charges) {
        return String.format(Locale.ROOT, "%.3f", (double) ms / charges);
    }

    /** The child JVM: asks for its counts over its stdin, reads them from its stdout; closing its stdin ends it. */
    private static final class Adapter implements AutoCloseable {
        private final Process process;
        private final Writer ask;
        private final BufferedReader answers;

        Adapter(Process process) {
            this.process = process;
            this.ask = process.outputWriter(StandardCharsets.UTF_8);
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        long pid() {
            return process.pid();
        }

        ChargeCounts counts() {
            String line;
            try {
                ask.write("counts\n");
                ask.flush();
                line = answers.readLine();
            } catch (IOException e) {
                line = null;
            }
            if (line == null) {
                throw new IllegalStateException("the adapter JVM stopped answering"
                        + (process.isAlive() ? "" : " (exit " + process.exitValue() + ")")
                        + "; see adapter.log in checkout-bench/target/bench/run-provider-floor");
            }
            return ChargeCounts.parse(line);
        }

        @Override
        public void close() throws InterruptedException {
            try {
                ask.close();
            } catch (IOException e) {
                // it is gone already
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
