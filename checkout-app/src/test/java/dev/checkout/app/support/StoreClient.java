package dev.checkout.app.support;

import io.micronaut.json.tree.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What a browser and the merchant ask of the checkout over HTTP. */
public final class StoreClient {
    private final URI base;
    private final String adminToken;
    private final Http http = new Http();

    public StoreClient(URI base, String adminToken) {
        this.base = base;
        this.adminToken = adminToken;
    }

    public URI base() {
        return base;
    }

    /** Creates or replaces a product with its stock, through the admin API. */
    public void stock(String sku, long unitAmount, long available) {
        var response = putProduct(sku, """
                {"name":"Product %s","unitAmount":%d,"currency":"usd","available":%d}""".formatted(sku, unitAmount, available));
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("stocking " + sku + " failed: " + response.statusCode() + " " + response.body());
        }
    }

    /** {@code PUT /api/admin/products/{sku}} with the admin token and this JSON body, whatever the answer. */
    public HttpResponse<String> putProduct(String sku, String json) {
        return http.send(HttpRequest.newBuilder(base.resolve("/api/admin/products/" + sku))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** Step 4. */
    public HttpResponse<String> purchase(String body, String idempotencyKey) {
        var request = HttpRequest.newBuilder(base.resolve("/purchase")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build());
    }

    /** The finish of a purchase whose buyer had to authenticate: {@code POST /purchase/{orderId}/confirm}, no body. */
    public HttpResponse<String> confirm(String orderId) {
        return http.send(HttpRequest.newBuilder(base.resolve("/purchase/" + orderId + "/confirm"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public static String purchaseJson(String token, long amount, String sku, int quantity) {
        return """
                {"token":"%s","amount":%d,"currency":"usd","items":[{"sku":"%s","quantity":%d}]}""".formatted(token, amount, sku, quantity);
    }

    public long available(String sku) {
        for (JsonNode product : Http.parse(get("/api/products").body()).values()) {
            if (product.get("sku").getStringValue().equals(sku)) {
                return product.get("available").getLongValue();
            }
        }
        throw new IllegalStateException("no product " + sku);
    }

    public JsonNode order(String orderId) {
        var response = get("/api/orders/" + orderId);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("order " + orderId + ": " + response.statusCode() + " " + response.body());
        }
        return Http.parse(response.body());
    }

    /** A merchant's call: {@code method path} with the admin token and this JSON body (null for none). */
    public HttpResponse<String> admin(String method, String path, String json) {
        return admin(method, path, json, null);
    }

    /** An admin request with an Idempotency-Key (none if null). */
    public HttpResponse<String> admin(String method, String path, String json, String idempotencyKey) {
        var request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build());
    }

    public HttpResponse<String> get(String path) {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }
}
