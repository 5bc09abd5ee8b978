package dev.checkout.sandbox;

import io.micronaut.runtime.Micronaut;

import java.util.HashMap;

/** Runs the sandbox: {@code java -jar stripe-sandbox-0.1.0-SNAPSHOT-all.jar}, port 12111 unless configured. */
public final class SandboxApplication {
    static final int DEFAULT_PORT = 12111;

    private SandboxApplication() {
    }

    public static void main(String[] args) {
        Micronaut app = Micronaut.build(args).mainClass(SandboxApplication.class).banner(false);
        var properties = new HashMap<String, Object>();
        properties.put(Sandbox.SERVE_PROPERTY, true);
        if (!portConfigured(args)) {
            // like stripe-mock; a default in application.yml would also bind the tests' servers to it
            properties.put("micronaut.server.port", DEFAULT_PORT);
        }
        app.properties(properties);
        app.start();
    }

    static boolean portConfigured(String[] args) {
        if (System.getenv("MICRONAUT_SERVER_PORT") != null || System.getProperty("micronaut.server.port") != null) {
            return true;
        }
        for (String a : args) {
            if (a.startsWith("-micronaut.server.port") || a.startsWith("--micronaut.server.port")) {
                return true;
            }
        }
        return false;
    }
}
