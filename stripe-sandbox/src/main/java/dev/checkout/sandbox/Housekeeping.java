package dev.checkout.sandbox;

import dev.checkout.sandbox.api.Accounts;
import dev.checkout.sandbox.api.SandboxApi;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/** Prints where the sandbox listens and its keys at startup, and sweeps expired idempotency keys every minute. */
@Singleton
@Requires(property = Sandbox.SERVE_PROPERTY, value = "true")
class Housekeeping {
    private final SandboxApi api;

    Housekeeping(SandboxApi api) {
        this.api = api;
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        var server = event.getSource();
        String url = "http://" + server.getHost() + ":" + server.getPort();
        StringBuilder b = new StringBuilder();
        b.append("Stripe sandbox listening on ").append(url).append(" (set STRIPE_API_BASE / setApiBase to it)\n");
        for (Accounts.Account a : api.settings().accounts().all()) {
            // test keys of a local sandbox are printed so a developer can copy them; anything else stays masked
            String sk = a.secretKey().contains("_test_") ? a.secretKey() : Accounts.mask(a.secretKey());
            b.append("  account ").append(a.id()).append(": publishable key ").append(a.publishableKey())
                    .append(", secret key ").append(sk).append('\n');
        }
        System.out.print(b);
        System.out.flush();
    }

    @Scheduled(fixedDelay = "60s", initialDelay = "60s")
    void sweep() {
        api.sweep();
    }
}
