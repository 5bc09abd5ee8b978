package dev.checkout.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkout.bench.Invariants.ChargeView;
import dev.checkout.bench.Invariants.OrderView;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/** Reads the systems' state over their public APIs after a run: stock, orders, the sandbox's charges. */
final class Observer {
    private final Client client;

    Observer(Client client) {
        this.client = client;
    }

    /** SKU to available units, from {@code GET /api/products}. */
    Map<String, Long> stock(String checkout) {
        Client.Reply r = client.get(checkout + "/api/products", null);
        if (r.status() != 200) {
            throw new IllegalStateException("GET /api/products answered " + r.label() + ": " + r.body());
        }
        Map<String, Long> out = new HashMap<>();
        JsonNode root = Json.tree(r.body());
        JsonNode list = root.isArray() ? root : root.path("products");
        for (JsonNode p : list) {
            out.put(p.path("sku").asText(), p.path("available").asLong());
        }
        return out;
    }

    /** Result of reading orders back: the views, and how many could not be read. */
    record Orders(Map<String, OrderView> views, int unreadable) {
    }

    /** {@code GET /api/orders/{id}} for each id, {@code parallel} at a time. */
    Orders orders(String checkout, Collection<String> ids, int parallel) throws InterruptedException {
        Map<String, OrderView> views = new ConcurrentHashMap<>();
        AtomicInteger unreadable = new AtomicInteger();
        Semaphore permits = new Semaphore(parallel);
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String id : ids) {
                permits.acquire();
                ex.submit(() -> {
                    try {
                        Client.Reply r = client.get(checkout + "/api/orders/"
                                + URLEncoder.encode(id, StandardCharsets.UTF_8), null);
                        OrderView v = r.status() == 200 ? order(id, Json.tree(r.body())) : null;
                        if (v == null) {
                            unreadable.incrementAndGet();
                        } else {
                            views.put(id, v);
                        }
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        return new Orders(views, unreadable.get());
    }

    /** Reads an order body leniently: {@code lines} or {@code items}, each with sku and quantity. */
    static OrderView order(String id, JsonNode n) {
        String status = text(n, "status");
        if (status == null) {
            return null;
        }
        JsonNode lines = n.has("lines") ? n.path("lines") : n.path("items");
        Map<String, Integer> out = new LinkedHashMap<>();
        for (JsonNode l : lines) {
            out.merge(l.path("sku").asText(), l.path("quantity").asInt(), Integer::sum);
        }
        return new OrderView(id, status.toUpperCase(java.util.Locale.ROOT), text(n, "chargeId"), out);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Every charge of the account behind {@code secretKey}, page by page (100 a page, Stripe's maximum). */
    List<ChargeView> charges(String sandbox, String secretKey) {
        List<ChargeView> out = new ArrayList<>();
        String after = null;
        while (true) {
            String url = sandbox + "/v1/charges?limit=100" + (after == null ? "" : "&starting_after=" + after);
            Client.Reply r = client.get(url, secretKey);
            if (r.status() != 200) {
                throw new IllegalStateException("GET /v1/charges answered " + r.label() + ": " + r.body());
            }
            JsonNode page = Json.tree(r.body());
            for (JsonNode c : page.path("data")) {
                out.add(charge(c));
                after = c.path("id").asText();
            }
            if (!page.path("has_more").asBoolean() || page.path("data").isEmpty()) {
                return out;
            }
        }
    }

    static ChargeView charge(JsonNode c) {
        JsonNode orderId = c.path("metadata").get("order_id");
        return new ChargeView(c.path("id").asText(), c.path("status").asText(), c.path("paid").asBoolean(),
                c.path("refunded").asBoolean(), orderId == null || orderId.isNull() ? null : orderId.asText());
    }
}
