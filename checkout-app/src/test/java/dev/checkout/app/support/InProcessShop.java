package dev.checkout.app.support;

import dev.checkout.sandbox.Sandbox;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one fixture for tests that run the shop in this JVM: a sandbox (the provider) and one or more checkout
 * instances, each in a Micronaut context of its own on a random port, talking HTTP to each other as in production.
 * The instances share one database: a fresh in-memory H2 unless {@link Builder#database} names another (a
 * {@code TestDatabase}'s PostgreSQL schema, say), and one sandbox. {@code e2e/Checkout}, {@code browser/Shop} and
 * {@code reliability/InProcessCheckout} are thin views of it.
 *
 * <p>On this test classpath the sandbox's context also finds the checkout's beans; its copy of them is kept on an
 * in-memory database of its own, without demo data or a busy reconciler, and only the sandbox serves there
 * ({@code sandbox.serve}).
 */
public final class InProcessShop implements AutoCloseable {
    private Sandbox sandbox;
    private final String sandboxBase;
    private final String publishableKey;
    private final String secretKey;
    private final String adminToken;
    private final String host;
    private final Map<String, Object> checkoutSettings;
    private final List<Instance> instances = new ArrayList<>();

    /** One checkout instance: its own context and port, on the shop's database and sandbox. */
    public static final class Instance implements AutoCloseable {
        private final ApplicationContext context;
        private final URI base;
        private final StoreClient store;

        private Instance(ApplicationContext context, String host, String adminToken) {
            this.context = context;
            int port = context.getBean(EmbeddedServer.class).getPort();
            this.base = URI.create("http://" + (host == null ? "localhost" : host) + ":" + port);
            this.store = new StoreClient(base, adminToken);
        }

        public URI base() {
            return base;
        }

        public StoreClient store() {
            return store;
        }

        public ApplicationContext context() {
            return context;
        }

        public boolean running() {
            return context.isRunning();
        }

        /** Stops this instance (its context and HTTP server); the others go on. */
        @Override
        public void close() {
            if (context.isRunning()) {
                context.close();
            }
        }
    }

    /** What to start; {@link #start()} starts it. */
    public static final class Builder {
        private final Map<String, Object> sandbox = new HashMap<>();
        private final Map<String, Object> database = new HashMap<>();
        private final Map<String, Object> settings = new HashMap<>();
        private int instances = 1;
        private String adminToken = "shop-admin-" + UUID.randomUUID();
        private boolean demoData;
        private String host = "127.0.0.1";

        private Builder() {
        }

        /** Settings of the sandbox, e.g. {@code sandbox.charge-delay}. */
        public Builder sandbox(Map<String, ?> settings) {
            sandbox.putAll(settings);
            return this;
        }

        /** The checkout's database settings ({@code datasources.default.*}); the default is a fresh in-memory H2. */
        public Builder database(Map<String, ?> settings) {
            database.putAll(settings);
            return this;
        }

        /** Checkout settings for every instance; they override everything else. */
        public Builder settings(Map<String, ?> settings) {
            this.settings.putAll(settings);
            return this;
        }

        public Builder instances(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("at least one instance, was " + count);
            }
            this.instances = count;
            return this;
        }

        public Builder adminToken(String token) {
            this.adminToken = token;
            return this;
        }

        /**
         * The payment adapter of every instance, {@code charges} or {@code payment-intents}
         * ({@code checkout.payment-adapter}); the application's default when not called.
         */
        public Builder paymentAdapter(String adapter) {
            settings.put("checkout.payment-adapter", adapter);
            return this;
        }

        /** The demo products in an empty catalogue (off by default). */
        public Builder demoData(boolean on) {
            this.demoData = on;
            return this;
        }

        /** The interface the instances listen on and are addressed by; {@code null}: all interfaces, as "localhost". */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public InProcessShop start() {
            Sandbox started = startSandbox(sandbox);
            try {
                return new InProcessShop(started, this);
            } catch (RuntimeException e) {
                started.close();
                throw e;
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A sandbox alone, with the in-memory copy of the checkout's beans described above. */
    public static Sandbox startSandbox(Map<String, ?> settings) {
        Map<String, Object> props = new HashMap<>();
        props.put("datasources.default.url", "jdbc:h2:mem:sandbox-side-" + UUID.randomUUID() + ";DATABASE_TO_LOWER=TRUE");
        props.put("datasources.default.dialect", "H2");
        props.put("checkout.demo-data", false);
        props.put("checkout.reconcile-interval", "1h");
        props.put("sandbox.serve", true);
        props.putAll(settings);
        return Sandbox.start(props);
    }

    private InProcessShop(Sandbox sandbox, Builder builder) {
        this.sandbox = sandbox;
        this.sandboxBase = sandbox.baseUrl();
        this.publishableKey = sandbox.publishableKey();
        this.secretKey = sandbox.secretKey();
        this.adminToken = builder.adminToken;
        this.host = builder.host;
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        if (host != null) {
            props.put("micronaut.server.host", host);
        }
        props.put("micronaut.netty.event-loops.default.shutdown-quiet-period", "0ms");
        props.put("stripe.api-base", sandboxBase);
        props.put("stripe.secret-key", secretKey);
        props.put("stripe.publishable-key", publishableKey);
        props.put("datasources.default.url", "jdbc:h2:mem:checkout-" + UUID.randomUUID() + ";DATABASE_TO_LOWER=TRUE");
        props.put("datasources.default.dialect", "H2");
        props.putAll(builder.database);
        props.put("checkout.demo-data", builder.demoData);
        props.put("checkout.admin-token", adminToken);
        props.putAll(builder.settings);
        this.checkoutSettings = Map.copyOf(props);
        try {
            for (int i = 0; i < builder.instances; i++) {
                addInstance();
            }
        } catch (RuntimeException e) {
            instances.forEach(Instance::close);
            throw e;
        }
    }

    /** Starts one more instance on the same database and sandbox, with the same settings. */
    public Instance addInstance() {
        return addInstance(Map.of());
    }

    /** Starts one more instance, with {@code overrides} on top of the shop's settings. */
    public Instance addInstance(Map<String, ?> overrides) {
        Map<String, Object> props = new HashMap<>(checkoutSettings);
        props.putAll(overrides);
        ApplicationContext context = ApplicationContext.builder().properties(props).run(EmbeddedServer.class).getApplicationContext();
        var instance = new Instance(context, host, adminToken);
        instances.add(instance);
        return instance;
    }

    public Instance instance(int index) {
        return instances.get(index);
    }

    public List<Instance> instances() {
        return List.copyOf(instances);
    }

    /** The first instance's client. */
    public StoreClient store() {
        return instance(0).store();
    }

    /** Every instance's client, in order. */
    public List<StoreClient> stores() {
        return instances.stream().map(Instance::store).toList();
    }

    public SandboxClient provider() {
        return new SandboxClient(sandboxBase, publishableKey, secretKey);
    }

    /** The sandbox while it runs. */
    public Sandbox sandbox() {
        return sandbox;
    }

    public String sandboxBase() {
        return sandboxBase;
    }

    public String publishableKey() {
        return publishableKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public String adminToken() {
        return adminToken;
    }

    /** Stops the provider: its port refuses connections from now on. */
    public void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }

    @Override
    public void close() {
        try {
            for (Instance instance : instances) {
                instance.close();
            }
        } finally {
            stopSandbox();
        }
    }
}
