package dev.checkout.sandbox.api;

import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per client IP (spec 3.5: token creation is what card testers abuse). Disabled when rate is 0. */
final class RateLimiter {
    private static final int MAX_TRACKED_IPS = 100_000;

    private final double perSecond;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long lastNanos;
    }

    RateLimiter(double perSecond) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, perSecond);
    }

    boolean enabled() {
        return perSecond > 0;
    }

    /** True if this request may pass. */
    boolean tryAcquire(String ip, long nowNanos) {
        if (perSecond <= 0) {
            return true;
        }
        if (buckets.size() > MAX_TRACKED_IPS) {
            // bounded memory: forgetting all buckets at worst grants one extra burst per IP
            buckets.clear();
        }
        Bucket b = buckets.computeIfAbsent(ip, k -> {
            Bucket nb = new Bucket();
            nb.tokens = burst;
            nb.lastNanos = nowNanos;
            return nb;
        });
        synchronized (b) {
            double refill = (nowNanos - b.lastNanos) / 1e9 * perSecond;
            b.tokens = Math.min(burst, b.tokens + refill);
            b.lastNanos = nowNanos;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
