package dev.checkout.app.browser;

import dev.checkout.app.support.InProcessShop;
import dev.checkout.sandbox.Sandbox;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The two servers a buyer's browser talks to, on different origins as in production: the sandbox (the provider, at
 * {@code http://127.0.0.1:<port>}) serving the card element, and the checkout (the merchant, at
 * {@code http://localhost:<port>}) serving the storefront, on an in-memory H2 with the demo products ({@link InProcessShop}).
 * Plus the checks a test makes behind the browser's back: stock and orders through the API, charges at the provider.
 */
final class Shop implements AutoCloseable {
    static final String ADMIN_TOKEN = "browser-admin-" + UUID.randomUUID();

    final Sandbox sandbox;
    private final ApplicationContext app;
    final String url;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final InProcessShop shop;

    private Shop(InProcessShop shop) {
        this.shop = shop;
        this.sandbox = shop.sandbox();
        this.app = shop.instance(0).context();
        this.url = shop.instance(0).base().toString();
        this.json = app.getBean(JsonMapper.class);
    }

    /** A view of {@link InProcessShop}: one instance on all interfaces, addressed as localhost, with the demo products. */
    static Shop start() {
        return new Shop(InProcessShop.builder().host(null).demoData(true).adminToken(ADMIN_TOKEN).start());
    }

    /** As {@link #start()}, on this payment adapter, with these checkout settings on top. */
    static Shop start(String paymentAdapter, Map<String, ?> settings) {
        return new Shop(InProcessShop.builder().host(null).demoData(true).adminToken(ADMIN_TOKEN)
                .paymentAdapter(paymentAdapter).settings(settings).start());
    }

    /** The status of a PaymentIntent at the provider, read with the secret key. */
    String paymentIntentStatus(String id) {
        return parse(send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/v1/payment_intents/" + id))
                .header("Authorization", "Bearer " + sandbox.secretKey()).GET().build()).body()).get("status").getStringValue();
    }


    /** Creates a product of its own for one test, through the admin API; returns its SKU. */
    String newProduct(String name, long unitAmount, String currency, long available) {
        String sku = "b-" + UUID.randomUUID().toString().substring(0, 8);
        putProduct(sku, name, unitAmount, currency, available);
        return sku;
    }

    void putProduct(String sku, String name, long unitAmount, String currency, long available) {
        String body;
        try {
            body = json.writeValueAsString(Map.of("name", name, "unitAmount", unitAmount, "currency", currency,
                    "available", available));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url + "/api/admin/products/" + sku))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("stocking " + sku + " failed: " + response.statusCode() + " " + response.body());
        }
    }

    /** Units available, as {@code GET /api/products} says. */
    long available(String sku) {
        for (JsonNode product : get(url + "/api/products").values()) {
            if (product.get("sku").getStringValue().equals(sku)) {
                return product.get("available").getLongValue();
            }
        }
        throw new IllegalStateException("no product " + sku + " in GET /api/products");
    }

    JsonNode order(String orderId) {
        return get(url + "/api/orders/" + orderId);
    }

    /** The merchant's view of an order ({@code GET /api/admin/orders/{id}}), refunds included. */
    JsonNode adminOrder(String orderId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url + "/api/admin/orders/" + orderId))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET admin order " + orderId + ": " + response.statusCode() + " " + response.body());
        }
        return parse(response.body());
    }

    /** Every charge the provider holds for the merchant's account, paid or failed, through its list API. */
    int chargesAtTheProvider() {
        int count = 0;
        String after = null;
        while (true) {
            JsonNode page = parse(send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/v1/charges?limit=100"
                            + (after == null ? "" : "&starting_after=" + after)))
                    .header("Authorization", "Bearer " + sandbox.secretKey()).GET().build()).body());
            JsonNode data = page.get("data");
            count += data.size();
            if (!page.get("has_more").getBooleanValue() || data.size() == 0) {
                return count;
            }
            after = data.get(data.size() - 1).get("id").getStringValue();
        }
    }

    private JsonNode get(String uri) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(uri)).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + ": " + response.statusCode() + " " + response.body());
        }
        return parse(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readValue(body, JsonNode.class);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    @Override
    public void close() {
        shop.close();
    }
}
