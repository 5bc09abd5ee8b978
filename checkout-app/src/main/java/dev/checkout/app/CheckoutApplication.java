package dev.checkout.app;

import dev.checkout.adapter.rest.StorefrontController;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;

/** Starts the checkout: the store page, the purchase API and the reconciler. */
public final class CheckoutApplication {

    private CheckoutApplication() {
    }

    public static void main(String[] args) {
        // HttpURLConnection (under stripe-java) otherwise re-sends a POST once on a stale kept-alive connection, outside
        // stripe-java's retry accounting: a refused re-send could then be reported as "not charged" when it was.
        System.setProperty("sun.net.http.retryPost", "false");
        // ...and keeps only 5 idle connections per host by default: under load most charges opened a new one (the
        // bench counted up to 837 sockets in TIME_WAIT). Keep enough for every purchase in flight.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "1024");
        }
        var defaults = new HashMap<String, Object>();
        // SIGTERM drains before the JVM stops (lifecycle.GracefulStop); only here, in the real process
        defaults.put("checkout.drain.on-sigterm", true);
        boolean generatedAdminToken = System.getenv("CHECKOUT_ADMIN_TOKEN") == null && System.getProperty("checkout.admin-token") == null;
        if (generatedAdminToken) {
            // No admin token configured: make one for this run and say so, rather than leave the admin API open.
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            defaults.put("checkout.admin-token", HexFormat.of().formatHex(secret));
        }
        if (System.getenv("DATASOURCES_DEFAULT_DIALECT") == null && System.getProperty("datasources.default.dialect") == null) {
            // PostgreSQL mode is one setting (the URL): the SQL dialect follows from it.
            String url = System.getenv().getOrDefault("DATASOURCES_DEFAULT_URL", System.getProperty("datasources.default.url", ""));
            defaults.put("datasources.default.dialect", url.startsWith("jdbc:postgresql:") ? "POSTGRES" : "H2");
        }
        ApplicationContext context = Micronaut.build(args).mainClass(CheckoutApplication.class).properties(defaults).start();
        context.findBean(EmbeddedServer.class).ifPresent(server -> {
            var stripe = context.getBean(StripeProperties.class);
            System.out.println();
            System.out.println("  Store:            " + server.getURL());
            System.out.println("  Shop admin:       " + server.getURL().toString().replaceAll("/$", "") + "/admin");
            System.out.println("  Payments via:     " + stripe.apiBase() + " (publishable key " + stripe.publishableKey() + ")");
            System.out.println("  Provider events:  POST " + server.getURL().toString().replaceAll("/$", "")
                    + "/webhooks/stripe (verified with STRIPE_WEBHOOK_SECRET)");
            context.findBean(StorefrontController.class).ifPresent(storefront ->
                    System.out.println("  Card element from " + storefront.libraryUrl()));
            if (generatedAdminToken) {
                System.out.println("  Admin token:      " + defaults.get("checkout.admin-token") + "  (set CHECKOUT_ADMIN_TOKEN to choose one)");
            }
            System.out.println();
        });
    }
}
