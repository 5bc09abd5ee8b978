package dev.checkout.app.e2e;

import dev.checkout.app.support.SandboxClient;
import dev.checkout.app.support.StoreClient;
import dev.checkout.sandbox.Sandbox;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The real thing for end-to-end tests: the sandbox and the checkout application in this JVM, each on a random port,
 * talking HTTP, on the given database.
 */
final class Checkout implements AutoCloseable {
    static final String ADMIN_TOKEN = "e2e-admin-token-" + UUID.randomUUID();

    final Sandbox sandbox;
    final ApplicationContext app;
    final StoreClient store;
    final SandboxClient provider;

    private Checkout(Sandbox sandbox, ApplicationContext app) {
        this.sandbox = sandbox;
        this.app = app;
        this.store = new StoreClient(URI.create(app.getBean(EmbeddedServer.class).getURL().toString()), ADMIN_TOKEN);
        this.provider = new SandboxClient(sandbox.baseUrl(), sandbox.publishableKey(), sandbox.secretKey());
    }

    static Checkout start(Map<String, Object> database, Map<String, Object> extra) {
        Sandbox sandbox = Sandbox.start();
        try {
            var props = new HashMap<String, Object>(database);
            props.put("micronaut.server.port", -1);
            props.put("stripe.api-base", sandbox.baseUrl());
            props.put("stripe.secret-key", sandbox.secretKey());
            props.put("stripe.publishable-key", sandbox.publishableKey());
            props.put("checkout.admin-token", ADMIN_TOKEN);
            props.put("checkout.demo-data", false);
            props.putAll(extra);
            ApplicationContext app = ApplicationContext.run(EmbeddedServer.class, props).getApplicationContext();
            return new Checkout(sandbox, app);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    int chargesAtTheProvider() {
        return provider.charges().size();
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            sandbox.close();
        }
    }
}
