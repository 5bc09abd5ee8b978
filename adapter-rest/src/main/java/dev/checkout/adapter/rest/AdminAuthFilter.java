package dev.checkout.adapter.rest;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Guards {@code /api/admin/**}: the request must carry {@code Authorization: Bearer <checkout.admin-token>}.
 * Without a configured token every admin request is refused.
 */
@ServerFilter("/api/admin/**")
final class AdminAuthFilter implements Ordered {
    private static final Logger LOG = LoggerFactory.getLogger(AdminAuthFilter.class);
    private static final String SCHEME = "Bearer ";
    /** Shorter than this is guessable; the app should generate a long random token. */
    private static final int ADVISED_MIN_LENGTH = 16;

    /** SHA-256 of the configured token, or null when none is set. */
    private final byte[] expectedDigest;

    AdminAuthFilter(@Value("${checkout.admin-token:}") String token) {
        if (token.isBlank()) {
            LOG.warn("checkout.admin-token is not set: the admin API refuses every request");
            this.expectedDigest = null;
        } else {
            if (token.length() < ADVISED_MIN_LENGTH) {
                LOG.warn("checkout.admin-token is shorter than {} characters; use a long random token", ADVISED_MIN_LENGTH);
            }
            this.expectedDigest = sha256(token);
        }
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<ErrorResponse> authenticate(HttpRequest<?> request) {
        if (expectedDigest != null && matches(request.getHeaders().get(HttpHeaders.AUTHORIZATION))) {
            return null; // go on to the controller
        }
        return ApiErrors.respond(request, ApiErrors.unauthorized())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"checkout-admin\"");
    }

    private boolean matches(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        // Digests have equal length whatever was sent, so the comparison takes the same time for every guess.
        return MessageDigest.isEqual(expectedDigest, sha256(authorization.substring(SCHEME.length()).strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public int getOrder() {
        // After the request id is assigned, so a refusal carries one.
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
