package dev.checkout.adapter.rest;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The merchant's page, {@code GET /admin}, with its script and stylesheet under {@code /admin/}. The page itself is
 * public and holds nothing secret; everything it shows comes from {@code /api/admin/**}, which wants the admin token
 * as a bearer header. No cookie is involved, so another site cannot make a logged-in browser act (no CSRF surface).
 */
@Controller
public final class AdminPageController {
    /** Only this origin: the page loads no third-party script and talks to no other server. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; connect-src 'self';"
            + " img-src 'self' data:; style-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    private final byte[] page = resource("index.html");
    private final Map<String, Asset> assets = Map.of(
            "admin.js", new Asset(resource("admin.js"), "text/javascript; charset=utf-8"),
            "admin.css", new Asset(resource("admin.css"), "text/css; charset=utf-8"));

    private record Asset(byte[] body, String contentType) {
    }

    @Get(uri = "/admin", produces = MediaType.TEXT_HTML)
    @Hidden
    MutableHttpResponse<byte[]> page() {
        return HttpResponse.ok(page)
                .contentType("text/html; charset=utf-8")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache");
    }

    @Get(uri = "/admin/{file}")
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

    private static byte[] resource(String name) {
        try (InputStream in = AdminPageController.class.getResourceAsStream("/admin/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource admin/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
