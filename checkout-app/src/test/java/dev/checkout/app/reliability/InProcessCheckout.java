package dev.checkout.app.reliability;

import dev.checkout.app.support.InProcessShop;
import dev.checkout.app.support.SandboxClient;
import dev.checkout.app.support.StoreClient;
import dev.checkout.sandbox.Sandbox;
import io.micronaut.context.ApplicationContext;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/**
 * The sandbox and one checkout in this test JVM, on an in-memory H2 unless the settings say otherwise: a view of
 * {@link InProcessShop} with one instance, kept for the reliability tests written against it.
 */
public final class InProcessCheckout implements AutoCloseable {
    public final String adminToken = "admin-" + UUID.randomUUID();
    private final InProcessShop shop;

    private InProcessCheckout(Map<String, Object> sandboxSettings, Map<String, Object> checkoutSettings) {
        this.shop = InProcessShop.builder().sandbox(sandboxSettings).settings(checkoutSettings).adminToken(adminToken).start();
    }

    /** Starts both; {@code checkoutSettings} override the checkout's defaults (e.g. a {@code TestDatabase}'s). */
    public static InProcessCheckout start(Map<String, Object> sandboxSettings, Map<String, Object> checkoutSettings) {
        return new InProcessCheckout(sandboxSettings, checkoutSettings);
    }

    /** A sandbox that keeps its accidental copy of the checkout's beans in memory and without demo data. */
    public static Sandbox startSandbox(Map<String, Object> settings) {
        return InProcessShop.startSandbox(settings);
    }

    public URI base() {
        return shop.instance(0).base();
    }

    public String sandboxBase() {
        return shop.sandboxBase();
    }

    public String secretKey() {
        return shop.secretKey();
    }

    public String publishableKey() {
        return shop.publishableKey();
    }

    public StoreClient store() {
        return shop.store();
    }

    public SandboxClient provider() {
        return shop.provider();
    }

    public ApplicationContext context() {
        return shop.instance(0).context();
    }

    /** Stops the provider: its port refuses connections from now on. */
    public void stopSandbox() {
        shop.stopSandbox();
    }

    @Override
    public void close() {
        shop.close();
    }
}
