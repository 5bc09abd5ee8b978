package dev.checkout.app.e2e;

import dev.checkout.app.support.InProcessShop;
import dev.checkout.app.support.SandboxClient;
import dev.checkout.app.support.StoreClient;
import dev.checkout.sandbox.Sandbox;
import io.micronaut.context.ApplicationContext;

import java.util.Map;
import java.util.UUID;

/**
 * The real thing for end-to-end tests: the sandbox and the checkout application in this JVM, each on a random port,
 * talking HTTP, on the given database; a view of {@link InProcessShop} with one instance.
 */
final class Checkout implements AutoCloseable {
    static final String ADMIN_TOKEN = "e2e-admin-token-" + UUID.randomUUID();

    final Sandbox sandbox;
    final ApplicationContext app;
    final StoreClient store;
    final SandboxClient provider;
    private final InProcessShop shop;

    private Checkout(InProcessShop shop) {
        this.shop = shop;
        this.sandbox = shop.sandbox();
        this.app = shop.instance(0).context();
        this.store = shop.store();
        this.provider = shop.provider();
    }

    static Checkout start(Map<String, Object> database, Map<String, Object> extra) {
        return new Checkout(InProcessShop.builder().database(database).settings(extra).adminToken(ADMIN_TOKEN).start());
    }

    /** As {@link #start(Map, Map)}, on the named payment adapter ({@code charges} or {@code payment-intents}). */
    static Checkout start(Map<String, Object> database, Map<String, Object> extra, String paymentAdapter) {
        return new Checkout(InProcessShop.builder().database(database).settings(extra).paymentAdapter(paymentAdapter)
                .adminToken(ADMIN_TOKEN).start());
    }

    int chargesAtTheProvider() {
        return provider.charges().size();
    }

    @Override
    public void close() {
        shop.close();
    }
}
