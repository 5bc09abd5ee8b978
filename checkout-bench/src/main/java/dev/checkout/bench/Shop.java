package dev.checkout.bench;

import dev.checkout.bench.Invariants.Seen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The bench's catalogue and its buyers' flow: seed products through the admin API, then, per purchase, the real
 * client flow: a token from the sandbox with the publishable key, then {@code POST /purchase} with that token, the
 * total and an Idempotency-Key. Every answer goes into the ledger the invariants are checked against.
 */
final class Shop {
    static final String GOOD_CARD = "4242424242424242";
    /** Tokenizes fine, then the charge is declined: insufficient funds. */
    static final String DECLINING_CARD = "4000000000009995";

    /** One product of the bench's catalogue. */
    record Product(String sku, long unitAmount, long stock) {
    }

    final List<Product> products;
    private final Rig rig;
    private final Service sandbox;
    private final Service checkout;
    /** Where purchases go, round robin (one checkout but for the scale-out scenario); set-up goes to the first. */
    private final List<Service> checkouts;
    private final java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();
    private final Meter meter;

    Shop(Rig rig, Service sandbox, Service checkout, Meter meter, List<Product> products) {
        this.rig = rig;
        this.sandbox = sandbox;
        this.checkout = checkout;
        this.checkouts = checkout == null ? List.of() : List.of(checkout);
        this.meter = meter;
        this.products = List.copyOf(products);
    }

    private Shop(Rig rig, Service sandbox, List<Service> checkouts, Meter meter, List<Product> products) {
        this.rig = rig;
        this.sandbox = sandbox;
        this.checkout = checkouts.get(0);
        this.checkouts = List.copyOf(checkouts);
        this.meter = meter;
        this.products = List.copyOf(products);
    }

    /** Buyers spread round robin over several checkout instances on one database, as a load balancer would. */
    static Shop spread(Rig rig, Service sandbox, List<Service> checkouts, Meter meter, List<Product> products) {
        return new Shop(rig, sandbox, checkouts, meter, products);
    }

    /** {@code n} SKUs with varied prices (so a wrong line shows in the total) and {@code stock} units each. */
    static List<Product> catalogue(String prefix, int n, long stock) {
        List<Product> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Product(String.format("%s-%04d", prefix, i), 100 + (i * 7919L) % 9900, stock));
        }
        return out;
    }

    /** PUTs every product through the admin API, 32 at a time. */
    void seed() throws Exception {
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Client.Reply>> replies = new ArrayList<>();
            java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(32);
            for (Product p : products) {
                permits.acquire();
                replies.add(ex.submit(() -> {
                    try {
                        return rig.client.putJson(checkout.base() + "/api/admin/products/" + p.sku(), rig.adminToken,
                                "{\"name\":\"Bench item " + p.sku() + "\",\"unitAmount\":" + p.unitAmount()
                                        + ",\"currency\":\"usd\",\"available\":" + p.stock() + "}");
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (Future<Client.Reply> f : replies) {
                Client.Reply r = f.get();
                if (r.status() / 100 != 2) {
                    throw new IllegalStateException("seeding a product answered " + r.label() + ": " + r.body());
                }
            }
        }
    }

    /** A cart of 1..maxLines distinct SKUs, 1 or 2 units each. */
    Map<Product, Integer> cart(SplittableRandom rnd, int maxLines) {
        Map<Product, Integer> cart = new LinkedHashMap<>();
        int lines = 1 + rnd.nextInt(maxLines);
        while (cart.size() < lines) {
            cart.put(products.get(rnd.nextInt(products.size())), 1 + rnd.nextInt(2));
        }
        return cart;
    }

    static String tokenForm(String card) {
        return "card[number]=" + card + "&card[exp_month]=12&card[exp_year]=2034&card[cvc]=123";
    }

    /** The purchase body, with the total the storefront would show. */
    static String purchaseJson(String token, Map<Product, Integer> cart) {
        StringBuilder items = new StringBuilder();
        long total = 0;
        for (Map.Entry<Product, Integer> e : cart.entrySet()) {
            if (!items.isEmpty()) {
                items.append(',');
            }
            items.append("{\"sku\":\"").append(e.getKey().sku()).append("\",\"quantity\":").append(e.getValue())
                    .append('}');
            total += e.getKey().unitAmount() * e.getValue();
        }
        return "{\"token\":\"" + token + "\",\"amount\":" + total + ",\"currency\":\"usd\",\"items\":[" + items + "]}";
    }

    /**
     * One buyer's purchase: token, then purchase. Returns the purchase's answer, or null if no token was had (the
     * token failure is counted under "token" and no purchase is attempted, as a browser would not send one).
     */
    Client.Reply buy(String idempotencyKey, String card, Map<Product, Integer> cart) {
        long t0 = System.nanoTime();
        Client.Reply tok = rig.load().postForm(sandbox.base() + "/v1/tokens", Rig.PK, null, tokenForm(card));
        long t1 = System.nanoTime();
        meter.record("token", t0, t1, tok.label());
        String token = tok.status() == 200 ? Json.topLevelString(tok.body(), "id") : null;
        if (token == null) {
            return null;
        }
        Service to = checkouts.size() == 1 ? checkout : checkouts.get((int) (next.getAndIncrement() % checkouts.size()));
        Client.Reply p = rig.load().postJson(to.base() + "/purchase", idempotencyKey, purchaseJson(token, cart));
        long t2 = System.nanoTime();
        meter.record("purchase", t1, t2, p.label());
        meter.record("whole purchase", t0, t2, p.label());
        Map<String, Integer> lines = new LinkedHashMap<>();
        cart.forEach((prod, q) -> lines.put(prod.sku(), q));
        rig.ledger.add(new Seen(p.status(), Json.topLevelString(p.body(), "orderId"),
                p.status() == 201 ? Json.topLevelString(p.body(), "chargeId") : null, lines));
        return p;
    }

    /** The machine-readable reason of an error answer ({@code error.code}), e.g. out_of_stock. */
    static String errorCode(Client.Reply r) {
        return r == null ? null : Json.tree(r.body()).path("error").path("code").asText(null);
    }

    /** The provider alone, as the checkout uses it: a token, then a charge of it, on the bench's own account. */
    boolean tokenThenCharge(String key, long amount) {
        long t0 = System.nanoTime();
        Client.Reply tok = rig.load().postForm(sandbox.base() + "/v1/tokens", Rig.BENCH_PK, key + "-t",
                tokenForm(GOOD_CARD));
        long t1 = System.nanoTime();
        meter.record("token", t0, t1, tok.label());
        String token = tok.status() == 200 ? Json.topLevelString(tok.body(), "id") : null;
        if (token == null) {
            return true;
        }
        Client.Reply ch = rig.load().postForm(sandbox.base() + "/v1/charges", Rig.BENCH_SK, key + "-c",
                "amount=" + amount + "&currency=usd&source=" + token + "&metadata[order_id]=" + key);
        long t2 = System.nanoTime();
        meter.record("charge", t1, t2, ch.label());
        meter.record("token+charge", t0, t2, ch.label());
        return true;
    }
}
