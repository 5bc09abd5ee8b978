package dev.checkout.app.reliability;

import dev.checkout.app.support.Http;
import dev.checkout.app.support.SandboxClient;
import dev.checkout.app.support.StoreClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Buyers behind a round-robin load balancer over several checkout instances, as {@link Buyers} buy (a token, then one
 * purchase of 1 to 3 units, one card in five declined). The balancer does what a real one plus a well-behaved client
 * do: a purchase that got no answer (connection refused or dropped) or {@code 503 shutting_down} is sent again, with
 * the same token and the same {@code Idempotency-Key}, to the next instance; a {@code 202} (the first attempt is still
 * being decided) is asked again with the same key after a pause. A purchase ends with its first other answer, or
 * after {@link #GIVE_UP}. Every attempt is kept.
 */
final class BalancedBuyers implements AutoCloseable {
    static final Duration GIVE_UP = Duration.ofSeconds(90);

    /** One attempt of a purchase: to which instance, the status ({@link Buyers#NO_ANSWER} for none) and body. */
    record Attempt(int instance, int status, String body) {
        boolean shuttingDown() {
            return status == 503 && body.contains("\"shutting_down\"");
        }
    }

    /** One purchase: its key, every attempt in order; the last is its answer. */
    record Purchase(String key, List<Attempt> attempts) {
        Attempt answer() {
            return attempts.get(attempts.size() - 1);
        }
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger next = new AtomicInteger();
    private final Queue<Purchase> purchases = new ConcurrentLinkedQueue<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<StoreClient> instances;

    private BalancedBuyers(List<StoreClient> instances) {
        this.instances = List.copyOf(instances);
    }

    static BalancedBuyers start(int count, SandboxClient provider, List<StoreClient> instances, List<String> skus, long unitPrice) {
        var buyers = new BalancedBuyers(instances);
        for (int b = 0; b < count; b++) {
            buyers.threads.submit(() -> buyers.buyUntilStopped(provider, skus, unitPrice));
        }
        return buyers;
    }

    List<Purchase> purchases() {
        return List.copyOf(purchases);
    }

    /** How many purchases ended with each status. */
    Map<Integer, Long> answers() {
        return purchases().stream().collect(Collectors.groupingBy(p -> p.answer().status(), TreeMap::new, Collectors.counting()));
    }

    /** Stops buying and waits for the purchases in flight. */
    void stop() {
        running.set(false);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(GIVE_UP.plusSeconds(30).toSeconds(), TimeUnit.SECONDS)) {
                threads.shutdownNow();
                throw new IllegalStateException("a purchase was still going on long after the buyers were stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (!threads.isShutdown()) {
            stop();
        }
    }

    private void buyUntilStopped(SandboxClient provider, List<String> skus, long unitPrice) {
        var random = new Random();
        while (running.get()) {
            String token;
            try {
                token = provider.token(random.nextInt(5) == 0 ? "4000000000009995" : "4242424242424242");
            } catch (RuntimeException providerTrouble) {
                CheckoutProcess.sleep(Duration.ofMillis(50));
                continue;
            }
            String sku = skus.get(random.nextInt(skus.size()));
            int quantity = 1 + random.nextInt(3);
            purchases.add(buy(StoreClient.purchaseJson(token, unitPrice * quantity, sku, quantity), "buyer-" + UUID.randomUUID()));
        }
    }

    /** One purchase through the balancer, until an answer that is neither "not here" nor "not decided yet". */
    Purchase buy(String body, String key) {
        var attempts = new ArrayList<Attempt>();
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        int instance = Math.floorMod(next.getAndIncrement(), instances.size());
        while (true) {
            Attempt attempt;
            try {
                var response = instances.get(instance).purchase(body, key);
                attempt = new Attempt(instance, response.statusCode(), response.body());
            } catch (RuntimeException noAnswer) {
                attempt = new Attempt(instance, Buyers.NO_ANSWER, String.valueOf(noAnswer));
            }
            attempts.add(attempt);
            boolean again = attempt.status() == Buyers.NO_ANSWER || attempt.shuttingDown() || attempt.status() == 202;
            if (!again || System.nanoTime() > deadline) {
                return new Purchase(key, List.copyOf(attempts));
            }
            instance = (instance + 1) % instances.size(); // any instance answers for a key: the database decides
            CheckoutProcess.sleep(Duration.ofMillis(attempt.status() == 202 ? 200 : 20));
        }
    }

    /** The order id an answer names, if any. */
    static String orderId(Attempt attempt) {
        var json = Http.parse(attempt.body());
        return json.get("orderId") == null ? null : json.get("orderId").getStringValue();
    }
}
