package dev.checkout.sandbox.api;

import java.util.List;
import java.util.Map;

/**
 * A webhook endpoint (PaymentIntents spec 7.1). The secret signs deliveries and is shown only when the endpoint is
 * created. {@code apiVersion} null means the account's default.
 */
record WebhookEndpoint(String id, String accountId, boolean livemode, long created, long order, String url,
        List<String> enabledEvents, String apiVersion, String description, Map<String, String> metadata,
        boolean disabled, String secret) {

    /** Whether an event of this type goes to this endpoint: enabled, and subscribed to the type or to {@code *}. */
    boolean wants(String type) {
        return !disabled && (enabledEvents.contains("*") || enabledEvents.contains(type));
    }

    WebhookEndpoint with(String newUrl, List<String> newEvents, String newDescription, Map<String, String> newMetadata,
            boolean newDisabled) {
        return new WebhookEndpoint(id, accountId, livemode, created, order, newUrl, newEvents, apiVersion,
                newDescription, newMetadata, newDisabled, secret);
    }
}
