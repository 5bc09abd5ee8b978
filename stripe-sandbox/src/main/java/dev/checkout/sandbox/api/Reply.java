package dev.checkout.sandbox.api;

import dev.checkout.sandbox.json.JsonBody;

import java.util.Map;

/**
 * What the sandbox answers: a status, a JSON body and extra headers. Kept by the idempotency store as is, and
 * rendered again on replay (the body closes over immutable snapshots).
 */
public record Reply(int status, JsonBody body, Map<String, String> headers) {
    public Reply(int status, JsonBody body) {
        this(status, body, Map.of());
    }

    public Reply withHeaders(Map<String, String> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        if (headers.isEmpty()) {
            return new Reply(status, body, extra);
        }
        var merged = new java.util.LinkedHashMap<>(headers);
        merged.putAll(extra);
        return new Reply(status, body, Map.copyOf(merged));
    }
}
