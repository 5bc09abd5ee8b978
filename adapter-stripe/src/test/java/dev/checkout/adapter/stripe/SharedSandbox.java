package dev.checkout.adapter.stripe;

import dev.checkout.sandbox.Sandbox;

/**
 * One sandbox for every test class that needs no special configuration: starting one costs seconds, and unique
 * order ids and tokens per test keep the tests apart. It stops when the test JVM exits.
 */
final class SharedSandbox {
    private static Sandbox sandbox;
    private static SandboxCards cards;

    private SharedSandbox() {
    }

    static synchronized SandboxCards cards() {
        if (sandbox == null) {
            sandbox = Sandbox.start();
            cards = new SandboxCards(sandbox);
            Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "shared-sandbox-stop"));
        }
        return cards;
    }
}
