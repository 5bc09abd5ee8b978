package dev.checkout.app.support;

import io.micronaut.json.tree.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;

/**
 * The provider's side of webhooks, by hand: events read from the sandbox's {@code /v1/events} with the secret key,
 * signed as Stripe signs them (spec 13.4: {@code t=<unix time>,v1=<HMAC-SHA256 of "t.body">}) and posted to the
 * checkout's {@code /webhooks/stripe}, at the time and in the order a test chooses. Also the merchant's dashboard:
 * a refund made straight at the provider, a dispute answered or closed there.
 */
public final class Webhooks {
    private final String sandboxBase;
    private final String secretKey;
    private final String signingSecret;
    private final URI endpoint;
    private final Http http = new Http();

    public Webhooks(String sandboxBase, String secretKey, String signingSecret, URI checkoutBase) {
        this.sandboxBase = sandboxBase;
        this.secretKey = secretKey;
        this.signingSecret = signingSecret;
        this.endpoint = checkoutBase.resolve("/webhooks/stripe");
    }

    /**
     * The body of the newest event of {@code type} about {@code needle} (its object's id, charge or {@code order_id}
     * metadata), exactly as {@code GET /v1/events/{id}} renders it.
     */
    public String event(String type, String needle, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            JsonNode page = Http.parse(secret(sandboxBase + "/v1/events?limit=100&type=" + type).body());
            for (JsonNode event : page.get("data").values()) {
                if (mentions(event.get("data").get("object"), needle)) {
                    return secret(sandboxBase + "/v1/events/" + event.get("id").getStringValue()).body();
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + type + " event about " + needle + " at the sandbox within " + within);
            }
            sleep(50);
        }
    }

    private static boolean mentions(JsonNode object, String needle) {
        JsonNode metadata = object.get("metadata");
        JsonNode orderId = metadata == null ? null : metadata.get("order_id");
        return needle.equals(text(object.get("id"))) || needle.equals(text(object.get("charge"))) || needle.equals(text(orderId));
    }

    private static String text(JsonNode node) {
        return node == null || !node.isString() ? null : node.getStringValue();
    }

    /** A refund made at the provider with the secret key, as from its dashboard: no idempotency key of the checkout's. */
    public JsonNode refundAtProvider(String chargeId, Long amount) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("charge", chargeId);
        if (amount != null) {
            fields.put("amount", Long.toString(amount));
        }
        return atProvider("/v1/refunds", fields, "refund");
    }

    /** The merchant accepts a dispute at the provider, as from its dashboard ({@code POST /v1/disputes/{id}/close}). */
    public JsonNode closeDisputeAtProvider(String disputeId) {
        return atProvider("/v1/disputes/" + disputeId + "/close", new LinkedHashMap<>(), "closing the dispute");
    }

    /** The merchant submits evidence for a dispute at the provider ({@code evidence[uncategorized_text]}). */
    public JsonNode answerDisputeAtProvider(String disputeId, String uncategorizedText) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("evidence[uncategorized_text]", uncategorizedText);
        return atProvider("/v1/disputes/" + disputeId, fields, "answering the dispute");
    }

    private JsonNode atProvider(String path, LinkedHashMap<String, String> fields, String what) {
        var response = http.send(HttpRequest.newBuilder(URI.create(sandboxBase + path))
                .header("Authorization", "Bearer " + secretKey)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.form(fields))).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(what + " at the provider failed: " + response.body());
        }
        return Http.parse(response.body());
    }

    /** Posts {@code body} signed now with the right secret. */
    public HttpResponse<String> deliver(String body) {
        return post(body, signature(body, signingSecret, Instant.now()));
    }

    /** Posts {@code body} with this {@code Stripe-Signature} header (null: none). */
    public HttpResponse<String> post(String body, String signatureHeader) {
        var request = HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signatureHeader != null) {
            request.header("Stripe-Signature", signatureHeader);
        }
        return http.send(request.build());
    }

    /** {@code t=...,v1=...} for {@code body}, signed with {@code secret} at {@code at}. */
    public static String signature(String body, String secret, Instant at) {
        long t = at.getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] v1 = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(v1);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String signingSecret() {
        return signingSecret;
    }

    private HttpResponse<String> secret(String url) {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + secretKey).GET().build());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code check} holds, polling; fails with {@code what} after {@code within}. */
    public static void await(Duration within, String what, java.util.function.BooleanSupplier check) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!check.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within " + within);
            }
            sleep(20);
        }
    }
}
