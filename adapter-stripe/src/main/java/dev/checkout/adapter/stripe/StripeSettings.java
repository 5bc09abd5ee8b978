package dev.checkout.adapter.stripe;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how {@link StripePaymentGateway} reaches Stripe (or a Stripe-compatible API such as the sandbox).
 *
 * @param apiBase           scheme, host and optional port, without {@code /v1} (stripe-java adds it); null means
 *                          {@link #STRIPE_API_BASE}
 * @param secretKey         the merchant's secret (or restricted) key; {@link #toString()} masks it
 * @param connectTimeout    how long to wait for the TCP (and TLS) connection
 * @param readTimeout       how long to wait for each answer once the request is sent
 * @param maxNetworkRetries how often stripe-java repeats a request after a connection error, a timeout, a 409 or a
 *                          5xx, always with the same idempotency key
 */
public record StripeSettings(String apiBase, String secretKey, Duration connectTimeout, Duration readTimeout,
                             int maxNetworkRetries) {

    public static final String STRIPE_API_BASE = "https://api.stripe.com";
    /** A TCP handshake to a healthy provider takes milliseconds; five seconds means it is not there. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Well under stripe-java's 80 s: the buyer is waiting, and a timeout is not a failure but an unknown outcome
     * that the reconciler settles from Stripe's records.
     */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** One retry with the same idempotency key rides out a dropped connection without stretching the wait much. */
    public static final int DEFAULT_MAX_NETWORK_RETRIES = 1;
    /** Back-off alone would pass a minute at this many retries; more is a configuration mistake. */
    public static final int MAX_NETWORK_RETRIES_LIMIT = 10;

    public StripeSettings {
        apiBase = normalisedApiBase(apiBase == null ? STRIPE_API_BASE : apiBase);
        secretKey = checkedSecretKey(secretKey);
        connectTimeout = checkedTimeout(connectTimeout, "connectTimeout");
        readTimeout = checkedTimeout(readTimeout, "readTimeout");
        if (maxNetworkRetries < 0 || maxNetworkRetries > MAX_NETWORK_RETRIES_LIMIT) {
            throw new IllegalArgumentException("maxNetworkRetries must be 0-" + MAX_NETWORK_RETRIES_LIMIT + ", was " + maxNetworkRetries);
        }
    }

    /** Stripe itself, with the default timeouts and retries. */
    public static StripeSettings of(String secretKey) {
        return new StripeSettings(STRIPE_API_BASE, secretKey, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT,
                DEFAULT_MAX_NETWORK_RETRIES);
    }

    public StripeSettings withApiBase(String apiBase) {
        return new StripeSettings(apiBase, secretKey, connectTimeout, readTimeout, maxNetworkRetries);
    }

    public StripeSettings withTimeouts(Duration connectTimeout, Duration readTimeout) {
        return new StripeSettings(apiBase, secretKey, connectTimeout, readTimeout, maxNetworkRetries);
    }

    public StripeSettings withMaxNetworkRetries(int maxNetworkRetries) {
        return new StripeSettings(apiBase, secretKey, connectTimeout, readTimeout, maxNetworkRetries);
    }

    /** {@code sk_test_…Ab3d}: the key's prefix, and its last four characters only when enough stays hidden. */
    public String maskedSecretKey() {
        return mask(secretKey);
    }

    @Override
    public String toString() {
        return "StripeSettings[apiBase=" + apiBase + ", secretKey=" + maskedSecretKey()
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", maxNetworkRetries=" + maxNetworkRetries + "]";
    }

    static String mask(String key) {
        int prefixEnd = key.lastIndexOf('_', Math.min(key.length() - 1, 12)) + 1;
        String hidden = key.substring(prefixEnd);
        // Show the last four only when at least twelve characters stay hidden (real keys have ~100).
        String tail = hidden.length() >= 16 ? hidden.substring(hidden.length() - 4) : "";
        return key.substring(0, prefixEnd) + "…" + tail;
    }

    private static String normalisedApiBase(String raw) {
        String base = raw.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("apiBase '" + raw + "' is not a URL; use e.g. " + STRIPE_API_BASE, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("apiBase '" + raw + "' must be an http(s) URL with a host, e.g. " + STRIPE_API_BASE);
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            // stripe-java appends /v1/... itself, and Stripe-compatible servers serve /v1 at the root.
            throw new IllegalArgumentException("apiBase '" + raw + "' must not have a path, query or fragment (no /v1): use "
                    + scheme + "://" + uri.getRawAuthority());
        }
        return base;
    }

    private static String checkedSecretKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("secretKey is required: the sk_test_/sk_live_ key of the Stripe account");
        }
        if (!key.equals(key.strip()) || key.chars().anyMatch(c -> c < 0x21 || c > 0x7E)) {
            throw new IllegalArgumentException("secretKey " + mask(key.strip()) + " contains spaces or non-ASCII characters");
        }
        if (key.startsWith("pk_")) {
            throw new IllegalArgumentException("secretKey " + mask(key) + " is a publishable key, which cannot charge; use the secret key (sk_...)");
        }
        return key;
    }

    private static Duration checkedTimeout(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name + " is required");
        // stripe-java takes whole milliseconds as an int; 0 would mean "wait forever".
        if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(name + " must be between 1 ms and " + Integer.MAX_VALUE + " ms, was " + timeout);
        }
        return timeout;
    }
}
