package dev.checkout.sandbox;

import dev.checkout.sandbox.api.Accounts;
import dev.checkout.sandbox.api.SandboxApi;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.net.URL;
import java.time.Clock;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/**
 * An embedded sandbox for tests of other modules: starts on a random free port of 127.0.0.1 and stops on
 * {@link #close()}. Use it with try-with-resources or in {@code @BeforeAll}/{@code @AfterAll}.
 */
public final class Sandbox implements AutoCloseable {
    /** The property that makes a context serve the sandbox API; without it the sandbox's beans stay inert. */
    public static final String SERVE_PROPERTY = "sandbox.serve";

    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final Accounts.Account account;

    private Sandbox(ApplicationContext context) {
        this.context = context;
        this.server = context.getBean(EmbeddedServer.class);
        this.account = context.getBean(SandboxApi.class).settings().accounts().all().getFirst();
    }

    /** Starts a sandbox with the default keys {@code pk_test_sandbox} / {@code sk_test_sandbox}. */
    public static Sandbox start() {
        return start(Map.of());
    }

    /** Starts a sandbox with extra configuration, e.g. {@code Map.of("sandbox.charge-delay", "200ms")}. */
    public static Sandbox start(Map<String, Object> properties) {
        return start(properties, null);
    }

    /** Starts a sandbox whose notion of time is {@code clock} (null for the system clock). */
    public static Sandbox start(Map<String, Object> properties, Clock clock) {
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("micronaut.server.host", "127.0.0.1");
        // an embedded test server has nothing to drain: skip Netty's 2 s quiet period on close
        props.put("micronaut.netty.event-loops.default.shutdown-quiet-period", "0ms");
        props.put("micronaut.netty.event-loops.default.shutdown-timeout", "2s");
        props.putAll(properties);
        props.put(SERVE_PROPERTY, true);
        var builder = ApplicationContext.builder().properties(props).deduceEnvironment(false)
                .classLoader(ownBeansOnly(Sandbox.class.getClassLoader()));
        if (clock != null) {
            builder.singletons(clock);
        }
        ApplicationContext ctx = builder.start();
        try {
            ctx.getBean(EmbeddedServer.class).start();
            return new Sandbox(ctx);
        } catch (RuntimeException e) {
            ctx.close();
            throw e;
        }
    }

    /**
     * In another project's tests this jar shares the classpath with that project's beans and configuration (a
     * checkout's datasource, scheduler, application.yml). The sandbox's context sees only its own bean definitions and
     * configuration files plus those of libraries; classes still load from {@code parent} as usual.
     */
    private static ClassLoader ownBeansOnly(ClassLoader parent) {
        // a jar's entries read "jar:file:/…/stripe-sandbox.jar!/…", a folder's "file:/…/classes/…": match the path
        String own = Sandbox.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        return new ClassLoader(parent) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                Enumeration<URL> all = parent.getResources(name);
                if (!name.startsWith("META-INF/micronaut") && !name.startsWith("META-INF/services")
                        && !name.startsWith("application") && !name.startsWith("bootstrap")) {
                    return all;
                }
                return Collections.enumeration(Collections.list(all).stream()
                        .filter(url -> url.toExternalForm().contains(own) || !isAnotherProjectModule(url.toExternalForm()))
                        .toList());
            }

            @Override
            public URL getResource(String name) {
                try {
                    Enumeration<URL> found = getResources(name);
                    return found.hasMoreElements() ? found.nextElement() : null;
                } catch (IOException e) {
                    return null;
                }
            }
        };
    }

    /** A module of this repository: its build output, or its jar in the local Maven repository. */
    private static boolean isAnotherProjectModule(String url) {
        return url.contains("/target/classes") || url.contains("/target/test-classes") || url.contains("/dev/checkout/");
    }

    /** For example {@code http://127.0.0.1:54321}: no trailing slash; pass it to {@code setApiBase}. */
    public String baseUrl() {
        return "http://" + server.getHost() + ":" + server.getPort();
    }

    public int port() {
        return server.getPort();
    }

    /** The first configured account's publishable key. */
    public String publishableKey() {
        return account.publishableKey();
    }

    /** The first configured account's secret key. */
    public String secretKey() {
        return account.secretKey();
    }

    @Override
    public void close() {
        if (server.isRunning()) {
            server.stop();
        }
        context.close();
    }
}
