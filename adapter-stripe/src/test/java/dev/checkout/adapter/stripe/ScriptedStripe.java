package dev.checkout.adapter.stripe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Canned HTTP answers, one per request, for what the sandbox cannot be made to do on demand: 5xx, 429, 403,
 * garbage, a charge left pending, a stall followed by a different answer. Not a Stripe: it only replays a script.
 */
final class ScriptedStripe implements AutoCloseable {

    /** One answer: status, JSON body, and how long to stall before sending it. */
    record Reply(int status, String body, Duration stall) {
        static Reply of(int status, String body) {
            return new Reply(status, body, Duration.ZERO);
        }

        static Reply error(int status, String type, String code, String message) {
            return of(status, "{\"error\":{\"type\":\"" + type + "\"" + (code == null ? "" : ",\"code\":\"" + code + "\"")
                    + ",\"message\":\"" + message + "\"}}");
        }

        Reply after(Duration stall) {
            return new Reply(status, body, stall);
        }
    }

    /** What the adapter sent. */
    record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(h -> h.getValue().getFirst()).findFirst().orElse(null);
        }

        String form() {
            return URLDecoder.decode(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    ScriptedStripe() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        // A stalled answer must not hold up the next request (stripe-java's retry).
        server.setExecutor(threads);
        server.start();
    }

    ScriptedStripe then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    List<Received> received() {
        return received;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8)));
            Reply reply = script.poll();
            if (reply == null) {
                reply = Reply.error(500, "api_error", null, "ScriptedStripe: no answer scripted for this request");
            }
            if (!reply.stall().isZero()) {
                Thread.sleep(reply.stall());
            }
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Request-Id", "req_scripted_" + received.size());
            exchange.sendResponseHeaders(reply.status(), out.length);
            exchange.getResponseBody().write(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGaveUp) {
            // The client timed out and closed the connection: exactly what a stalled answer is for.
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
