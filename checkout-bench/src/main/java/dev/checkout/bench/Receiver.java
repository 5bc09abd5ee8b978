package dev.checkout.bench;

import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook endpoint inside the bench's JVM, cheap enough not to take the cores from the sandbox it measures: the
 * JDK's HTTP server on a free loopback port, one virtual thread per exchange. It answers every delivery with the
 * status it is told (200, later 500), counts them, and checks the {@code Stripe-Signature} of every n-th one.
 */
final class Receiver implements AutoCloseable {
    /** What arrived up to now; phases subtract two of these. */
    record Counts(long received, long answered2xx, long answeredOther, long verified, long badSignatures) {
        Counts minus(Counts o) {
            return new Counts(received - o.received, answered2xx - o.answered2xx, answeredOther - o.answeredOther,
                    verified - o.verified, badSignatures - o.badSignatures);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final int verifyEvery;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong answered2xx = new AtomicLong();
    private final AtomicLong answeredOther = new AtomicLong();
    private final AtomicLong verified = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();
    /** Ids of the latest sampled events answered with a non-2xx status, at most {@link #KEPT_IDS}. */
    private final java.util.concurrent.ConcurrentLinkedDeque<String> refusedIds =
            new java.util.concurrent.ConcurrentLinkedDeque<>();
    private static final int KEPT_IDS = 50;
    private volatile int status = 200;
    private volatile String secret;

    /** Starts listening; the signature of every {@code verifyEvery}-th delivery is checked (1: all of them). */
    Receiver(int verifyEvery) throws IOException {
        this.verifyEvery = Math.max(1, verifyEvery);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(executor);
        server.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            long n = received.incrementAndGet();
            String key = secret;
            if (n % this.verifyEvery == 0 && key != null) {
                String header = exchange.getRequestHeaders().getFirst("Stripe-Signature");
                (valid(header, body, key) ? verified : badSignatures).incrementAndGet();
            }
            int answer = status;
            if (n % this.verifyEvery == 0 && (answer < 200 || answer >= 300)) {
                String id = Json.topLevelString(new String(body, StandardCharsets.UTF_8), "id");
                if (id != null) {
                    refusedIds.addLast(id);
                    if (refusedIds.size() > KEPT_IDS) {
                        refusedIds.pollFirst();
                    }
                }
            }
            (answer >= 200 && answer < 300 ? answered2xx : answeredOther).incrementAndGet();
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** The endpoint's {@code whsec_} secret, as its creation answered it. */
    void secret(String whsec) {
        this.secret = whsec;
    }

    /** The status every later delivery is answered with. */
    void answer(int httpStatus) {
        this.status = httpStatus;
    }

    /** Forgets the sampled refused ids, so that the next ones are a new phase's. */
    void clearRefused() {
        refusedIds.clear();
    }

    /** The latest sampled event ids this receiver answered with a non-2xx status (at most 50). */
    java.util.List<String> refusedIds() {
        return java.util.List.copyOf(refusedIds);
    }

    Counts counts() {
        return new Counts(received.get(), answered2xx.get(), answeredOther.get(), verified.get(), badSignatures.get());
    }

    /**
     * Whether {@code header} ({@code t=<seconds>,v1=<hex>[,v1=...]}) signs {@code body}: some {@code v1} equals the
     * HMAC-SHA256 of {@code "<t>." + body} keyed with the whole {@code whsec_} string (spec 13.4). No tolerance on
     * {@code t} is applied: the bench checks the signature, not the clock.
     */
    static boolean valid(String header, byte[] body, String secret) {
        if (header == null) {
            return false;
        }
        String t = null;
        java.util.List<String> signatures = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String k = part.substring(0, eq).trim();
            String v = part.substring(eq + 1).trim();
            if (k.equals("t")) {
                t = v;
            } else if (k.equals("v1")) {
                signatures.add(v);
            }
        }
        if (t == null || signatures.isEmpty()) {
            return false;
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            expected = mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
        for (String s : signatures) {
            byte[] given;
            try {
                given = HexFormat.of().parseHex(s);
            } catch (IllegalArgumentException notHex) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
