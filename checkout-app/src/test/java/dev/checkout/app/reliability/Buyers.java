package dev.checkout.app.reliability;

import dev.checkout.app.support.SandboxClient;
import dev.checkout.app.support.StoreClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Buyers on virtual threads that keep buying until stopped, as a browser would: a token from the provider, then
 * {@code POST /purchase} with a new idempotency key, 1 to 3 units of a random SKU, one card in five declined. Every
 * answer is kept, with when it was asked and answered.
 */
final class Buyers implements AutoCloseable {
    /** No HTTP answer at all (the checkout refused the connection or dropped it). */
    static final int NO_ANSWER = -1;

    /** One purchase: {@link System#nanoTime()} when it was sent and answered, the status, body and Retry-After. */
    record Answer(long sentAt, long answeredAt, int status, String body, Optional<String> retryAfter) {
        Duration took() {
            return Duration.ofNanos(answeredAt - sentAt);
        }
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private Buyers() {
    }

    static Buyers start(int count, SandboxClient provider, StoreClient store, List<String> skus, long unitPrice) {
        var buyers = new Buyers();
        for (int b = 0; b < count; b++) {
            buyers.threads.submit(() -> buyers.buyUntilStopped(provider, store, skus, unitPrice));
        }
        return buyers;
    }

    /** Every answer so far, in no particular order. */
    List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** How many answers had each status so far. */
    Map<Integer, Long> statuses() {
        return byStatus(answers());
    }

    /** How many of these answers had each status. */
    static Map<Integer, Long> byStatus(List<Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
    }

    /** Stops buying and waits for the purchases in flight; fails if one does not end within 30 s. */
    void stop() {
        running.set(false);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                threads.shutdownNow();
                throw new IllegalStateException("a purchase still had no answer 30 s after the buyers were stopped");
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

    private void buyUntilStopped(SandboxClient provider, StoreClient store, List<String> skus, long unitPrice) {
        var random = new Random();
        while (running.get()) {
            long sent = System.nanoTime();
            try {
                String sku = skus.get(random.nextInt(skus.size()));
                int quantity = 1 + random.nextInt(3);
                String card = random.nextInt(5) == 0 ? "4000000000009995" : "4242424242424242";
                String token = provider.token(card);
                sent = System.nanoTime();
                var response = store.purchase(StoreClient.purchaseJson(token, unitPrice * quantity, sku, quantity),
                        "buyer-" + UUID.randomUUID());
                answers.add(new Answer(sent, System.nanoTime(), response.statusCode(), response.body(),
                        response.headers().firstValue("Retry-After")));
            } catch (RuntimeException noAnswer) {
                answers.add(new Answer(sent, System.nanoTime(), NO_ANSWER, String.valueOf(noAnswer), Optional.empty()));
                CheckoutProcess.sleep(Duration.ofMillis(50));
            }
        }
    }
}
