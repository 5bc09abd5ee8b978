package dev.checkout.adapter.rest;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * The storefront (steps 1, 4 and 8 of the flow): {@code GET /} and its script and stylesheet under
 * {@code /storefront/}, plus {@code GET /api/config}, from which the page learns which payment library to load
 * ({@code stripe.js-url}) and with which publishable key ({@code stripe.publishable-key}). Switching between the
 * sandbox and real Stripe is therefore configuration only: without {@code stripe.js-url} the library comes from the
 * payment API's own origin ({@link #libraryFor(String)}). Created at startup, so a secret key configured as the
 * publishable one stops the server instead of reaching a browser.
 */
@Context
@Controller
@Tag(name = "storefront")
public final class StorefrontController {
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JS = "text/javascript; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";
    private static final String SVG = "image/svg+xml";
    private static final String DEFAULT_API_BASE = "http://127.0.0.1:12111";
    private static final String STRIPE_API_HOST = "api.stripe.com";
    private static final String STRIPE_JS_URL = "https://js.stripe.com/v3/";
    private static final String DEFAULT_PUBLISHABLE_KEY = "pk_test_sandbox";

    private final StorefrontConfig config;
    private final String contentSecurityPolicy;
    private final byte[] page;
    private final Map<String, Asset> assets;

    private record Asset(byte[] body, String contentType) {
    }

    /** What the page needs to load the payment library; nothing here is secret. */
    @Serdeable
    record StorefrontConfig(String publishableKey, String stripeJsUrl) {
    }

    StorefrontController(Environment environment) {
        String key = environment.getProperty("stripe.publishable-key", String.class, DEFAULT_PUBLISHABLE_KEY).trim();
        String jsUrl = environment.getProperty("stripe.js-url", String.class)
                .map(String::trim)
                .filter(url -> !url.isEmpty())
                .orElseGet(() -> libraryFor(environment.getProperty("stripe.api-base", String.class, DEFAULT_API_BASE)));
        if (!key.startsWith("pk_")) {
            throw new ConfigurationException("stripe.publishable-key (STRIPE_PUBLISHABLE_KEY) must be a publishable key"
                    + " starting with pk_, because the storefront hands it to every browser; got a value starting with '"
                    + key.substring(0, Math.min(3, key.length())) + "'. Keep secret keys in stripe.secret-key.");
        }
        this.config = new StorefrontConfig(key, jsUrl);
        this.contentSecurityPolicy = contentSecurityPolicy(originOf(jsUrl));
        this.page = resource("index.html");
        this.assets = Map.of(
                "app.js", new Asset(resource("app.js"), JS),
                "style.css", new Asset(resource("style.css"), CSS),
                "favicon.svg", new Asset(resource("favicon.svg"), SVG));
    }

    /**
     * The browser library that belongs to a payment API: Stripe's own for {@code https://api.stripe.com}, and for any
     * other base (the sandbox, wherever it listens) the one it serves itself at {@code <base>/v3/}, so that the card
     * element makes its tokens where the server charges them.
     */
    static String libraryFor(String apiBase) {
        String base = apiBase.trim();
        try {
            if (STRIPE_API_HOST.equalsIgnoreCase(new URI(base).getHost())) {
                return STRIPE_JS_URL;
            }
        } catch (URISyntaxException notAUri) {
            // reported below, as an invalid library URL, together with the setting that fixes it
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/v3/";
    }

    /** The URL of the payment library the storefront loads. */
    public String libraryUrl() {
        return config.stripeJsUrl();
    }

    @Get(uri = "/", produces = MediaType.TEXT_HTML)
    @Hidden
    MutableHttpResponse<byte[]> page() {
        return HttpResponse.ok(page)
                .contentType(HTML)
                .header("Content-Security-Policy", contentSecurityPolicy)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "strict-origin-when-cross-origin")
                .header("Cache-Control", "no-cache");
    }

    @Get(uri = "/storefront/{file}")
    @Hidden
    MutableHttpResponse<byte[]> asset(String file) {
        Asset asset = assets.get(file);
        if (asset == null) {
            return HttpResponse.<byte[]>notFound().contentType(MediaType.TEXT_PLAIN_TYPE);
        }
        return HttpResponse.ok(asset.body())
                .contentType(asset.contentType())
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache");
    }

    @Get(uri = "/api/config", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The payment library URL and publishable key the storefront uses")
    StorefrontConfig config() {
        return config;
    }

    /**
     * The page runs only its own script and the payment library, frames only the library's origin and calls only
     * this server (PCI DSS 6.4.3: the payment page's scripts are authorised). With real Stripe the library also
     * needs its API and 3-D Secure frames, per Stripe's CSP guidance.
     */
    static String contentSecurityPolicy(String libraryOrigin) {
        boolean stripe = libraryOrigin.equals("https://js.stripe.com");
        String frames = libraryOrigin + (stripe ? " https://hooks.stripe.com" : "");
        String connect = "'self' " + (stripe ? "https://api.stripe.com" : libraryOrigin);
        return "default-src 'self'; script-src 'self' " + libraryOrigin + "; frame-src " + frames
                + "; connect-src " + connect + "; img-src 'self' data:; style-src 'self'; object-src 'none'; "
                + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    private static String originOf(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new URISyntaxException(url, "not an absolute http(s) URL");
            }
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (URISyntaxException e) {
            throw new ConfigurationException("stripe.js-url (STRIPE_JS_URL) must be an absolute http(s) URL such as "
                    + libraryFor(DEFAULT_API_BASE) + " or " + STRIPE_JS_URL + "; got '" + url + "'. Left unset, it"
                    + " follows stripe.api-base (STRIPE_API_BASE).");
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = StorefrontController.class.getResourceAsStream("/storefront/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource storefront/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
