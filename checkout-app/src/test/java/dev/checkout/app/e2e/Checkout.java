package dev.checkout.app.e2e;

import dev.checkout.sandbox.Sandbox;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The real thing for end-to-end tests: the sandbox and the checkout application, each on a random port, talking
 * HTTP, on the given database; plus the calls a browser and a merchant would make.
 */
final class Checkout implements AutoCloseable {
    static final String ADMIN_TOKEN = "e2e-admin-token-" + UUID.randomUUID();

    final Sandbox sandbox;
    final ApplicationContext app;
    final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json;

    private Checkout(Sandbox sandbox, ApplicationContext app) {
        this.sandbox = sandbox;
        this.app = app;
        this.base = URI.create(app.getBean(EmbeddedServer.class).getURL().toString());
        this.json = app.getBean(JsonMapper.class);
    }

    static Checkout start(Map<String, Object> database, Map<String, Object> extra) {
        Sandbox sandbox = Sandbox.start();
        try {
            var props = new HashMap<String, Object>(database);
            props.put("micronaut.server.port", -1);
            props.put("stripe.api-base", sandbox.baseUrl());
            props.put("stripe.secret-key", sandbox.secretKey());
            props.put("stripe.publishable-key", sandbox.publishableKey());
            props.put("stripe.js-url", sandbox.baseUrl() + "/v3/");
            props.put("checkout.admin-token", ADMIN_TOKEN);
            props.put("checkout.demo-data", false);
            props.putAll(extra);
            ApplicationContext app = ApplicationContext.run(EmbeddedServer.class, props).getApplicationContext();
            return new Checkout(sandbox, app);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    /** Steps 1-3, as the card element does them: the card goes to the provider with the publishable key. */
    String token(String cardNumber) {
        var form = Map.of("card[number]", cardNumber, "card[exp_month]", "12", "card[exp_year]", "2034", "card[cvc]", "123");
        var response = send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/v1/tokens"))
                .header("Authorization", "Bearer " + sandbox.publishableKey())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form))).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("tokenization failed: " + response.body());
        }
        return parse(response.body()).get("id").getStringValue();
    }

    void stock(String sku, long unitAmount, long available) {
        var response = send(HttpRequest.newBuilder(base.resolve("/api/admin/products/" + sku))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"name":"Product %s","unitAmount":%d,"currency":"usd","available":%d}""".formatted(sku, unitAmount, available)))
                .build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("stocking " + sku + " failed: " + response.statusCode() + " " + response.body());
        }
    }

    /** Step 4. */
    HttpResponse<String> purchase(String body, String idempotencyKey) {
        var request = HttpRequest.newBuilder(base.resolve("/purchase")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    static String purchaseJson(String token, long amount, String sku, int quantity) {
        return """
                {"token":"%s","amount":%d,"currency":"usd","items":[{"sku":"%s","quantity":%d}]}""".formatted(token, amount, sku, quantity);
    }

    long available(String sku) {
        for (JsonNode product : parse(get(base.resolve("/api/products")).body()).values()) {
            if (product.get("sku").getStringValue().equals(sku)) {
                return product.get("available").getLongValue();
            }
        }
        throw new IllegalStateException("no product " + sku);
    }

    JsonNode order(String orderId) {
        var response = get(base.resolve("/api/orders/" + orderId));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("order " + orderId + ": " + response.statusCode() + " " + response.body());
        }
        return parse(response.body());
    }

    /** Every charge the sandbox holds for this account (approved or failed), counted through its list API. */
    int chargesAtTheProvider() {
        int count = 0;
        String after = null;
        while (true) {
            String url = sandbox.baseUrl() + "/v1/charges?limit=100" + (after == null ? "" : "&starting_after=" + after);
            JsonNode page = parse(send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + sandbox.secretKey()).GET().build()).body());
            JsonNode data = page.get("data");
            count += data.size();
            if (!page.get("has_more").getBooleanValue() || data.size() == 0) {
                return count;
            }
            after = data.get(data.size() - 1).get("id").getStringValue();
        }
    }

    HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode parse(String body) {
        try {
            return json.readValue(body, JsonNode.class);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            sandbox.close();
        }
    }
}
