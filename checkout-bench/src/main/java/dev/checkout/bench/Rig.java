package dev.checkout.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one scenario run stands on: the sandbox and checkout processes (started from the README's jars on free
 * loopback ports), the database, the bench's client, the run's folder. Closing it stops everything it started.
 */
final class Rig implements AutoCloseable {
    static final String PK = "pk_test_sandbox";
    static final String SK = "sk_test_sandbox";
    /** A second sandbox account for provider-only baselines, so its charges never mix with the checkout's. */
    static final String BENCH_PK = "pk_test_bench";
    static final String BENCH_SK = "sk_test_bench";
    static final String SANDBOX_JAR = "stripe-sandbox/target/stripe-sandbox-0.1.0-SNAPSHOT-all.jar";
    static final String CHECKOUT_JAR = "checkout-app/target/checkout-app-0.1.0-SNAPSHOT-all.jar";

    final Options options;
    final Path runDir;
    final Path resultsDir;
    /** For set-up and the after-run reads. */
    final Client client;
    private final Client[] loadClients;
    final String adminToken = "bench-admin-" + UUID.randomUUID();
    /** Unique per run: Idempotency-Keys and database names never repeat across runs. */
    final String runId = Long.toString(Instant.now().getEpochSecond(), 36);
    /** Every purchase answer of the run, warm-up included: the invariants account for all of them. */
    final java.util.Queue<Invariants.Seen> ledger = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final List<Service> services = new ArrayList<>();
    private final List<String> profiles = new ArrayList<>();
    private Database database;

    Rig(Options options, String name, Duration clientTimeout) throws IOException {
        this.options = options;
        this.resultsDir = options.root().resolve("checkout-bench/target/bench");
        this.runDir = resultsDir.resolve("run-" + name);
        deleteRecursively(runDir);
        Files.createDirectories(runDir);
        boolean direct = options.get("client-executor", "direct").equals("direct");
        this.client = new Client(clientTimeout, direct);
        // several clients, each with its own selector thread: one HttpClient parses every response on one thread,
        // which caps the load generator at one core long before the servers are saturated
        this.loadClients = new Client[Math.max(1, options.integer("clients", 4))];
        for (int i = 0; i < loadClients.length; i++) {
            loadClients[i] = new Client(clientTimeout, direct);
        }
    }

    /** The load client of the calling buyer: buyers are spread over the clients by thread id, each keeps its own. */
    Client load() {
        return loadClients[(int) (Thread.currentThread().threadId() % loadClients.length)];
    }

    private static Path java() {
        return Path.of(ProcessHandle.current().info().command().orElse("java"));
    }

    /** JVM options of a server as given: --server-jvm, then --<who>-jvm (the CDS options come before them). */
    List<String> jvm(String who) {
        List<String> out = new ArrayList<>(options.jvm("server-jvm"));
        out.addAll(options.jvm(who + "-jvm"));
        return out;
    }

    /**
     * The start-up cache of this build, then the checkout's own JVM options (a fresh list the caller may add to). On
     * JDK 25+ the checkout maps an AOT cache, as run.sh does (scripts/startup-cache.sh); before, a CDS archive.
     */
    private List<String> checkoutJvm(Path jar) throws IOException {
        List<String> jvm = new ArrayList<>(AOT ? aot(jar) : cds(jar));
        jvm.addAll(checkoutDefaults());
        return jvm;
    }

    /** Whether the servers' JVM (this one's) has AOT caches (JEP 483/514): JDK 25 or newer. */
    static final boolean AOT = Runtime.version().feature() >= 25;

    private List<String> aot(Path jar) {
        if (!options.get("cds", "true").equals("true")) {
            return List.of();
        }
        Path cache = aotOf(jar);
        cdsArchives.put(jar.getFileName().toString(), Files.exists(cache));
        return Files.exists(cache) ? List.of("-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off") : List.of();
    }

    private static Path aotOf(Path jar) {
        return jar.resolveSibling(jar.getFileName().toString().replace(".jar", ".aot"));
    }

    /** The checkout's own JVM options, as run.sh gives them (scripts/checkout.jvm); --checkout-jvm comes after. */
    List<String> checkoutDefaults() throws IOException {
        Path file = options.root().resolve("scripts/checkout.jvm");
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.addAll(List.of(line.trim().split("\\s+")));
            }
        }
        return out;
    }

    Service startSandbox(Duration chargeDelay) throws IOException, InterruptedException {
        return startSandbox(chargeDelay, Map.of());
    }

    /**
     * A sandbox with {@code settings} (environment variables, e.g. {@code SANDBOX_MAX_EVENTS}) after the bench's
     * own, which they override.
     */
    Service startSandbox(Duration chargeDelay, Map<String, String> settings) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>();
        env.put("SANDBOX_KEYS", PK + ":" + SK + "," + BENCH_PK + ":" + BENCH_SK);
        // the invariants list every approved charge, so none may be evicted: at 40,000 charges/s a run stores a few
        // million, past the default cap of 1,000,000 (the sandbox allocates a ring's slots only as they are reached)
        env.put("SANDBOX_MAX_CHARGES", "50000000");
        env.put("SANDBOX_MAX_REFUNDS", "50000000");
        if (!chargeDelay.isZero()) {
            env.put("SANDBOX_CHARGE_DELAY", chargeDelay.toMillis() + "ms");
        }
        env.putAll(settings);
        Path jar = snapshot(SANDBOX_JAR, "sandbox.jar");
        List<String> jvm = new ArrayList<>(cds(jar));
        jvm.addAll(jvm("sandbox"));
        Service s = Service.start("sandbox", java(), jvm, jar, env, runDir, Service.freePort(), "/v1/charges", client);
        services.add(s);
        return s;
    }

    Database h2() {
        database = Database.h2(runDir);
        return database;
    }

    Database postgres() throws SQLException {
        database = Database.freshPostgres(runDir.getFileName().toString().replace("run-", "") + "_" + runId);
        String settings = options.get("pg-settings", "");
        for (String kv : settings.split(",")) {
            if (kv.contains("=")) {
                database.set(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
            }
        }
        return database;
    }

    Service startCheckout(Service sandbox, Database db) throws IOException, InterruptedException {
        return startCheckout(sandbox, db, "checkout");
    }

    /** A checkout named {@code name} (its log file's name), e.g. a second instance on the same database. */
    Service startCheckout(Service sandbox, Database db, String name) throws IOException, InterruptedException {
        return startCheckout(sandbox, db, name, List.of());
    }

    /** As {@link #startCheckout(Service, Database, String)}, with JVM options of this instance's own last. */
    Service startCheckout(Service sandbox, Database db, String name, List<String> ownJvm)
            throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(db.env());
        env.put("STRIPE_API_BASE", sandbox.base());
        env.put("CHECKOUT_ADMIN_TOKEN", adminToken);
        env.put("CHECKOUT_DEMO_DATA", "false");
        Path jar = snapshot(CHECKOUT_JAR, "checkout.jar");
        trainCds(jar, env);
        List<String> jvm = checkoutJvm(jar);
        jvm.addAll(jvm("checkout"));
        jvm.addAll(ownJvm);
        Service s = Service.start(name, java(), jvm, jar, env, runDir, Service.freePort(), "/api/products", client);
        services.add(s);
        return s;
    }

    /**
     * A JVM started as the checkout is (this JVM's java, scripts/checkout.jvm, --server-jvm, --checkout-jvm), but
     * running {@code mainClass} with {@code args} from a copy of the checkout's jar followed by a copy of the bench's
     * own: the checkout's code without its server. No start-up cache: the checkout's is made by and for its own
     * start, and exists only once a checkout of this build has started, so whether a run had one would depend on
     * what ran before it. Its stdin and stdout are the caller's; stderr goes to {@code <name>.log} in the run's
     * folder.
     */
    Process startOnCheckoutJar(String name, String mainClass, List<String> args) throws IOException {
        Path jar = snapshot(CHECKOUT_JAR, "checkout.jar");
        Path bench;
        try {
            bench = Path.of(Rig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException("where is the bench's jar?", e);
        }
        Path benchCopy = snapshot(bench, "bench.jar");
        jars.put("the bench's own jar", Files.getLastModifiedTime(benchCopy).toString());
        List<String> cmd = new ArrayList<>();
        cmd.add(java().toString());
        cmd.addAll(checkoutDefaults());
        cmd.addAll(jvm("checkout"));
        cmd.addAll(List.of("-cp", jar + java.io.File.pathSeparator + benchCopy, mainClass));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(runDir.toFile())
                .redirectError(runDir.resolve(name + ".log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        commands.put(name, String.join(" ", cmd));
        return p;
    }

    /** The command line of each process started by {@link #startOnCheckoutJar}, for the report. */
    final Map<String, String> commands = new java.util.LinkedHashMap<>();

    /**
     * A copy of the README's jar in the run's folder: a JVM loads classes from its jar lazily, so a rebuild of the
     * jar during a run (others build in this tree) would otherwise break the server being measured.
     */
    private Path snapshot(String jar, String as) throws IOException {
        Path copy = snapshot(jarRoot().resolve(jar), as);
        jars.put(jar, Files.getLastModifiedTime(copy).toString()); // the copy keeps the original's time
        return copy;
    }

    private Path snapshot(Path src, String as) throws IOException {
        if (!Files.exists(src)) {
            throw new IllegalStateException(src + " is missing: build it with ./mvnw -B -ntp -q -Dmaven.test.skip=true package");
        }
        // one folder per build (size + mtime): the same build keeps the same path, which its CDS archive needs
        java.nio.file.attribute.FileTime built = Files.getLastModifiedTime(src);
        Path dir = resultsDir.resolve("jars").resolve(as.replace(".jar", "") + "-" + Files.size(src) + "-"
                + built.toMillis());
        Path copy = dir.resolve(as);
        if (!Files.exists(copy)) {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(as + ".tmp");
            Files.copy(src, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            Files.move(tmp, copy, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return copy;
    }

    /**
     * With --cds (the default): a dynamic class-data-sharing archive next to the jar's snapshot, written at the first
     * start of that build and mapped by every later one; start-up then skips most class loading and verification.
     */
    private List<String> cds(Path jar) {
        if (!options.get("cds", "true").equals("true")) {
            return List.of();
        }
        Path jsa = jsaOf(jar);
        cdsArchives.put(jar.getFileName().toString(), Files.exists(jsa));
        return List.of("-XX:SharedArchiveFile=" + jsa, "-XX:+AutoCreateSharedArchive");
    }

    /**
     * The start-up goal is about the checkout as it starts every time but the first: run.sh, like the bench, keeps a
     * CDS archive per build, written when the first start exits. So before the measured start of a build that has no
     * archive yet, start it once and stop it, on a throwaway H2 file in a folder of its own (the measured start still
     * finds a fresh database and runs its migrations).
     */
    private void trainCds(Path jar, Map<String, String> env) throws IOException, InterruptedException {
        if (!options.get("cds", "true").equals("true") || Files.exists(AOT ? aotOf(jar) : jsaOf(jar))) {
            return;
        }
        Map<String, String> h2 = new HashMap<>(env);
        h2.keySet().removeIf(k -> k.startsWith("DATASOURCES_"));
        Path dir = Files.createDirectories(runDir.resolve("cds-training"));
        List<String> jvm = checkoutJvm(jar);
        if (AOT) {
            jvm.add(0, "-XX:AOTCacheOutput=" + aotOf(jar)); // written when this start exits
            jvm.add(1, "-Xlog:aot=off");
        }
        try (Service once = Service.start("checkout-cds-training", java(), jvm, jar, h2, dir, Service.freePort(),
                "/api/products", client)) {
            System.out.println("(first start of this checkout build: writing its " + (AOT ? "AOT cache" : "CDS archive")
                    + " before the measured start)");
        }
        cdsArchives.remove(jar.getFileName().toString());
    }

    private static Path jsaOf(Path jar) {
        return jar.resolveSibling(jar.getFileName().toString().replace(".jar", ".jsa"));
    }

    /** For each server jar: whether its start-up cache (AOT cache for the checkout on JDK 25+, else CDS) existed already when it started. */
    final Map<String, Boolean> cdsArchives = new java.util.LinkedHashMap<>();

    /** Where the jars come from: the repository, or --jars-from (e.g. an export of a commit, built apart). */
    Path jarRoot() {
        return Path.of(options.get("jars-from", options.root().toString())).toAbsolutePath();
    }

    /** The jars measured and when each was built. */
    final Map<String, String> jars = new java.util.LinkedHashMap<>();

    /** Stops one service now (e.g. the checkout before its H2 file is read). */
    void stop(Service s) {
        s.close();
    }

    /** Lets {@code dump} write the recording {@code name}.jfr into the run's folder, and remembers it. */
    synchronized void profiled(String name, java.util.function.Consumer<Path> dump) {
        Path jfr = runDir.resolve(name + ".jfr");
        dump.accept(jfr);
        profiles.add(jfr.toString());
    }

    /** Summaries of the window's JFR recordings, next to the results. */
    List<String> profileSummaries() {
        List<String> out = new ArrayList<>();
        for (String p : profiles) {
            Path jfr = Path.of(p);
            if (Files.exists(jfr)) {
                try {
                    Path txt = resultsDir.resolve(runDir.getFileName().toString().replace("run-", "") + "-"
                            + jfr.getFileName().toString().replace(".jfr", "") + "-profile.txt");
                    Files.writeString(txt, ProfileSummary.summarize(jfr, 25));
                    out.add("profile of the window: " + options.root().relativize(txt));
                } catch (IOException e) {
                    out.add(jfr + ": unreadable (" + e.getMessage() + ")");
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        if (database != null && !options.flag("keep")) {
            database.drop();
        }
        client.close();
        for (Client c : loadClients) {
            c.close();
        }
    }

    /** Deletes a file or a folder with everything in it; nothing when it does not exist. */
    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
