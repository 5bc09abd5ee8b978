package dev.checkout.sandbox.http;

import dev.checkout.sandbox.api.Answer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Stripe.js-compatible browser library under {@code /v3/} (spec 11): the merchant-side script at {@code /v3/}
 * (what a storefront loads instead of {@code https://js.stripe.com/v3/}) and the card frame's document, script and
 * stylesheet, all from the sandbox's own origin so the card inputs are cross-origin to every merchant page.
 * The files are read once from the classpath ({@code v3/}); requests for anything else under {@code /v3} get a 404.
 */
final class BrowserAssets {
    private static final String JS = "text/javascript; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";
    private static final String HTML = "text/html; charset=utf-8";

    /**
     * The card frame may run only its own script and call only its own origin (spec 11.4 rule 4). No
     * frame-ancestors restriction: any merchant site may embed the card element, as with Stripe.
     */
    private static final String FRAME_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'";

    private static final Map<String, Asset> ASSETS = Map.of(
            "/v3", asset("stripe.js", JS, false),
            "/v3/", asset("stripe.js", JS, false),
            "/v3/elements-inner-card.html", asset("elements-inner-card.html", HTML, true),
            "/v3/elements-inner-card.js", asset("elements-inner-card.js", JS, false),
            "/v3/elements-inner-card.css", asset("elements-inner-card.css", CSS, false),
            "/v3/three-d-secure.js", asset("three-d-secure.js", JS, false));

    private record Asset(byte[] body, String[] headers) {
    }

    private BrowserAssets() {
    }

    /** True for the paths this class answers: {@code /v3} and everything below it. */
    static boolean owns(String path) {
        return path.equals("/v3") || path.startsWith("/v3/");
    }

    /** The answer for a GET or HEAD of {@code path}; a 404 or 405 text answer otherwise. */
    static Answer answer(String method, String path) {
        Asset a = ASSETS.get(path);
        if (a == null) {
            return text(404, "Not found: " + path + " (the library is at /v3/)");
        }
        return switch (method) {
            case "GET" -> new Answer(200, a.body, a.headers);
            case "HEAD" -> new Answer(200, new byte[0], a.headers);
            default -> text(405, method + " is not allowed on " + path + "; use GET.");
        };
    }

    private static Answer text(int status, String message) {
        return new Answer(status, message.getBytes(StandardCharsets.UTF_8),
                new String[] {"Content-Type", "text/plain; charset=utf-8", "X-Content-Type-Options", "nosniff"});
    }

    private static Asset asset(String name, String contentType, boolean frame) {
        byte[] body;
        try (InputStream in = BrowserAssets.class.getResourceAsStream("/v3/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource v3/" + name);
            }
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // revalidate on every load: a merchant always runs the sandbox's current library, as with js.stripe.com/v3
        String[] common = {"Content-Type", contentType, "Cache-Control", "no-cache", "X-Content-Type-Options",
                "nosniff"};
        if (!frame) {
            return new Asset(body, common);
        }
        String[] h = new String[common.length + 4];
        System.arraycopy(common, 0, h, 0, common.length);
        h[common.length] = "Content-Security-Policy";
        h[common.length + 1] = FRAME_CSP;
        h[common.length + 2] = "Referrer-Policy";
        h[common.length + 3] = "same-origin";
        return new Asset(body, h);
    }
}
