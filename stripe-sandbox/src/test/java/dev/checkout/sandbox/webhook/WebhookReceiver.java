package dev.checkout.sandbox.webhook;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/** A webhook endpoint for tests: records every delivery and answers with a scripted status. */
final class WebhookReceiver implements AutoCloseable {
    /** One POST as received: the raw body and the headers that matter. */
    record Delivery(String body, String signature, String userAgent, String contentType) {
    }

    private final HttpServer server;
    private final List<Delivery> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile IntUnaryOperator status = n -> 200;
    private volatile Duration delay = Duration.ZERO;

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var h = exchange.getRequestHeaders();
            received.add(new Delivery(new String(body, StandardCharsets.UTF_8), h.getFirst("Stripe-Signature"),
                    h.getFirst("User-Agent"), h.getFirst("Content-Type")));
            int n = count.incrementAndGet();
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(status.applyAsInt(n), -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** The status for the n-th delivery (1-based). */
    WebhookReceiver answering(IntUnaryOperator byAttempt) {
        this.status = byAttempt;
        return this;
    }

    WebhookReceiver slowBy(Duration d) {
        this.delay = d;
        return this;
    }

    List<Delivery> received() {
        return new ArrayList<>(received);
    }

    /** Waits until at least {@code n} deliveries arrived; fails after {@code within}. */
    List<Delivery> await(int n, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (received.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " deliveries within " + within + ", got " + received.size()
                        + ": " + received);
            }
            Thread.sleep(20);
        }
        return received();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
