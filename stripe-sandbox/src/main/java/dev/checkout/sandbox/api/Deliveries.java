package dev.checkout.sandbox.api;

import dev.checkout.sandbox.json.JsonWriter;
import dev.checkout.sandbox.store.Event;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Sends events to webhook endpoints, never on the request path (spec 13.3, 13.4; PaymentIntents spec 10): each
 * (event, endpoint) pair is a delivery, queued, then attempted on a virtual thread. A 2xx answer counts as delivered
 * and takes one off the event's {@code pending_webhooks}; anything else (another status, a redirect, no connection, no
 * answer within the timeout) is queued again after the configured delays, each attempt signed afresh. A delivery whose
 * endpoint was deleted or disabled meanwhile, or whose event was evicted, stops. At most {@code maxPending} deliveries
 * wait at once; beyond that new ones are dropped and counted, so an endpoint that never answers costs bounded memory.
 * Delivery is at least once, in no guaranteed order.
 *
 * <p>One dispatcher thread starts the attempts, at most {@code maxRate} per second (0: no limit): every attempt costs
 * the sandbox a rendering, a signature and an HTTP exchange, and unbounded they took the cores from the API under
 * load (charges/s fell by 86% with one endpoint). Beyond the rate, deliveries wait in the queue, and beyond
 * {@code maxPending} they are dropped: their events stay pending, as {@code delivery_success=false} lists them. An
 * attempt whose event was evicted meanwhile, or whose endpoint was deleted or disabled, is dropped before it takes a
 * slot of the rate. The POST itself is {@link WebhookClient}'s.
 */
final class Deliveries implements AutoCloseable {
    private static final String USER_AGENT = "Stripe/1.0 (+https://stripe.com/docs/webhooks)";
    /** Keyed MACs and parsed URLs kept per instance; beyond it a cache starts again. */
    private static final int MAX_CACHED = 256;

    private final WebhookSettings settings;
    private final Ledger ledger;
    private final Webhooks webhooks;
    private final Clock clock;
    private final WebhookClient http;
    private final ExecutorService attempts = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("webhook-delivery-", 0).factory());
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("webhook-retries").daemon().factory());
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Attempts due now, in order; never more than {@code maxPending} (every entry is counted in {@code pending}). */
    private final BlockingQueue<Attempt> due = new LinkedBlockingQueue<>();
    private final Thread dispatcher;
    /** The endpoints' URLs, parsed once: parsing took a twentieth of a delivery's CPU. */
    private final ConcurrentHashMap<String, URI> uris = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Mac> keyed = new ConcurrentHashMap<>();

    /** One attempt of one delivery. */
    private record Attempt(String accountId, String eventId, String endpointId, int number) {
    }

    Deliveries(WebhookSettings settings, Ledger ledger, Webhooks webhooks, Clock clock) {
        this.settings = settings;
        this.ledger = ledger;
        this.webhooks = webhooks;
        this.clock = clock;
        this.http = new WebhookClient(settings.connectTimeout(), settings.timeout());
        this.dispatcher = Thread.ofPlatform().name("webhook-dispatch").daemon().start(this::dispatch);
    }

    /** Starts the due attempts in order, no more than {@code maxRate} per second. */
    private void dispatch() {
        long interval = settings.maxRate() > 0 ? 1_000_000_000L / settings.maxRate() : 0;
        long next = System.nanoTime();
        try {
            while (true) {
                Attempt a = due.take();
                if (moot(a)) {
                    // the event was evicted, or the endpoint deleted or disabled: the attempt would send nothing, so
                    // it takes no slot of the rate. Under sustained load the queue's head is older than the events
                    // kept; counted against the rate, those no-ops starved every delivery of a still-kept event
                    pending.decrementAndGet();
                    continue;
                }
                if (interval > 0) {
                    long now = System.nanoTime();
                    // no credit for idle time beyond one second's worth: a burst is at most maxRate
                    next = Math.max(next, now - 1_000_000_000L + interval);
                    if (next > now) {
                        TimeUnit.NANOSECONDS.sleep(next - now);
                    }
                    next += interval;
                }
                attempts.execute(() -> attempt(a.accountId(), a.eventId(), a.endpointId(), a.number()));
            }
        } catch (InterruptedException | java.util.concurrent.RejectedExecutionException stopping) {
            // closed
        }
    }

    /** Whether an attempt would stop without sending: its event evicted, its endpoint deleted or disabled. */
    private boolean moot(Attempt a) {
        WebhookEndpoint endpoint = webhooks.find(a.accountId(), a.endpointId());
        return endpoint == null || endpoint.disabled() || !ledger.events.contains(a.eventId());
    }

    /** Queues one delivery of {@code event} to each endpoint; returns at once. */
    void submit(Event event, List<WebhookEndpoint> to) {
        for (WebhookEndpoint endpoint : to) {
            if (pending.incrementAndGet() > settings.maxPending()) {
                pending.decrementAndGet();
                dropped.incrementAndGet();
                continue;
            }
            due.add(new Attempt(event.accountId(), event.id(), endpoint.id(), 1));
        }
    }

    private void attempt(String accountId, String eventId, String endpointId, int number) {
        WebhookEndpoint endpoint = webhooks.find(accountId, endpointId);
        Event event = ledger.events.get(accountId, eventId);
        if (endpoint == null || endpoint.disabled() || event == null) {
            pending.decrementAndGet(); // deleted, disabled or evicted: its retries stop
            return;
        }
        if (send(endpoint, event)) {
            ledger.events.update(accountId, eventId, e -> e.withPendingWebhooks(Math.max(0, e.pendingWebhooks() - 1)));
            delivered.incrementAndGet();
            pending.decrementAndGet();
            return;
        }
        failedAttempts.incrementAndGet();
        List<java.time.Duration> delays = settings.retryDelays();
        if (number > delays.size() || attempts.isShutdown()) {
            pending.decrementAndGet(); // every attempt failed: the event stays pending for this endpoint
            return;
        }
        retries.schedule(() -> due.add(new Attempt(accountId, eventId, endpointId, number + 1)),
                delays.get(number - 1).toNanos(), TimeUnit.NANOSECONDS);
    }

    /** One signed POST; true for a 2xx answer. */
    private boolean send(WebhookEndpoint endpoint, Event event) {
        JsonWriter w = new JsonWriter(2048);
        String version = endpoint.apiVersion() != null ? endpoint.apiVersion() : SandboxApi.DEFAULT_VERSION;
        ledger.renderer.event(w, event, version, ledger);
        byte[] body = w.toByteArray();
        try {
            int status = http.post(cached(uris, endpoint.url(), URI::create), body,
                    "Content-Type", "application/json; charset=utf-8",
                    "User-Agent", USER_AGENT,
                    "Stripe-Signature", signatureHeader(body, endpoint.secret(), clock.millis() / 1000),
                    "Cache-Control", "no-cache",
                    "Accept", "*/*; q=0.5, application/xml");
            return status >= 200 && status < 300;
        } catch (java.io.IOException | RuntimeException e) {
            return false; // no connection, no whole answer in time, or not HTTP: a failed attempt
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * {@code t=<seconds>,v1=<hex HMAC-SHA256 of "t.body" keyed with the whole secret string>} (spec 13.4), which
     * stripe-java's {@code Webhook.constructEvent} and stripe-node's {@code webhooks.constructEvent} accept.
     */
    String signatureHeader(byte[] body, String secret, long timestamp) {
        Mac mac;
        try {
            mac = (Mac) cached(keyed, secret, Deliveries::keyedMac).clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's HmacSHA256 can be copied", e);
        }
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        mac.update(body);
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal());
    }

    /**
     * A MAC keyed with {@code secret}, kept per secret and copied for each delivery: looking the algorithm up and
     * keying it took a fifth of a delivery's CPU.
     */
    private static Mac keyedMac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * {@code cache}'s value for {@code key}, made once; past {@value #MAX_CACHED} entries the cache starts again
     * (endpoints come and go; a few per account are live at once). Keyed MACs and parsed URLs are kept this way.
     */
    private static <V> V cached(ConcurrentHashMap<String, V> cache, String key, Function<String, V> make) {
        V v = cache.get(key);
        if (v == null) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            v = cache.computeIfAbsent(key, make);
        }
        return v;
    }

    /** Deliveries queued or waiting for a retry. */
    int pending() {
        return pending.get();
    }

    /** Counters since start: delivered, failed attempts, dropped deliveries. */
    long[] counters() {
        return new long[] {delivered.get(), failedAttempts.get(), dropped.get()};
    }

    @Override
    public void close() {
        dispatcher.interrupt();
        retries.shutdownNow();
        attempts.shutdownNow();
        // idle connections, and the https client's selector thread, would otherwise outlive the sandbox until
        // collected: a test JVM that starts and stops many sandboxes piled them up
        http.close();
    }
}
