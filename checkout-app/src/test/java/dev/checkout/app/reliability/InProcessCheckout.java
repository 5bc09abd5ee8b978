package dev.checkout.app.reliability;

import dev.checkout.app.support.SandboxClient;
import dev.checkout.app.support.StoreClient;
import dev.checkout.sandbox.Sandbox;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sandbox and the checkout in this test JVM, each in a context of its own on a random port, the checkout on an
 * in-memory H2 unless the settings say otherwise. (The sandbox serves only where {@code sandbox.serve=true}, so the
 * two contexts do not interfere although both jars are on the classpath.)
 */
public final class InProcessCheckout implements AutoCloseable {
    public final String adminToken = "admin-" + UUID.randomUUID();
    private Sandbox sandbox;
    private final ApplicationContext app;
    private final String sandboxBase;
    private final String publishableKey;
    private final String secretKey;

    private InProcessCheckout(Sandbox sandbox, Map<String, Object> checkoutSettings) {
        this.sandbox = sandbox;
        this.sandboxBase = sandbox.baseUrl();
        this.publishableKey = sandbox.publishableKey();
        this.secretKey = sandbox.secretKey();
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("micronaut.server.host", "127.0.0.1");
        props.put("stripe.api-base", sandboxBase);
        props.put("stripe.secret-key", secretKey);
        props.put("stripe.publishable-key", publishableKey);
        props.put("datasources.default.url", "jdbc:h2:mem:checkout-" + UUID.randomUUID() + ";DATABASE_TO_LOWER=TRUE");
        props.put("datasources.default.dialect", "H2");
        props.put("checkout.demo-data", false);
        props.put("checkout.admin-token", adminToken);
        props.put("micronaut.netty.event-loops.default.shutdown-quiet-period", "0ms");
        props.putAll(checkoutSettings);
        this.app = ApplicationContext.builder()
                .properties(props)
                .run(EmbeddedServer.class)
                .getApplicationContext();
    }

    /** Starts both; {@code checkoutSettings} override the checkout's defaults (e.g. a {@code TestDatabase}'s). */
    public static InProcessCheckout start(Map<String, Object> sandboxSettings, Map<String, Object> checkoutSettings) {
        Sandbox sandbox = startSandbox(sandboxSettings);
        try {
            return new InProcessCheckout(sandbox, checkoutSettings);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    /** A sandbox that keeps its accidental copy of the checkout's beans in memory and without demo data. */
    public static Sandbox startSandbox(Map<String, Object> settings) {
        Map<String, Object> props = new HashMap<>();
        props.put("datasources.default.url", "jdbc:h2:mem:sandbox-side-" + UUID.randomUUID() + ";DATABASE_TO_LOWER=TRUE");
        props.put("datasources.default.dialect", "H2");
        props.put("checkout.demo-data", false);
        props.put("checkout.reconcile-interval", "1h");
        // since the isolation change the sandbox's pipeline only serves where this is set; Sandbox.start() sets it
        // itself once that change is complete (setting it twice is harmless)
        props.put("sandbox.serve", true);
        props.putAll(settings);
        return Sandbox.start(props);
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + app.getBean(EmbeddedServer.class).getPort());
    }

    public String sandboxBase() {
        return sandboxBase;
    }

    public String secretKey() {
        return secretKey;
    }

    public String publishableKey() {
        return publishableKey;
    }

    public StoreClient store() {
        return new StoreClient(base(), adminToken);
    }

    public SandboxClient provider() {
        return new SandboxClient(sandboxBase, publishableKey, secretKey);
    }

    public ApplicationContext context() {
        return app;
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
            app.close();
        } finally {
            stopSandbox();
        }
    }
}
