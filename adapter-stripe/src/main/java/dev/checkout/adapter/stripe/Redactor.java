package dev.checkout.adapter.stripe;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replaces secrets with their masked form in text that leaves the adapter. Stripe quotes the raw token in some
 * messages ("You cannot use a Stripe token more than once: tok_..."), and such messages end up in logs.
 */
final class Redactor {
    private final Map<String, String> masks;

    private Redactor(Map<String, String> masks) {
        this.masks = masks;
    }

    static Redactor hiding(String secret, String masked) {
        return new Redactor(Map.of(secret, masked));
    }

    Redactor alsoHiding(String secret, String masked) {
        var more = new LinkedHashMap<>(masks);
        more.put(secret, masked);
        return new Redactor(more);
    }

    String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (var mask : masks.entrySet()) {
            result = result.replace(mask.getKey(), mask.getValue());
        }
        return result;
    }
}
