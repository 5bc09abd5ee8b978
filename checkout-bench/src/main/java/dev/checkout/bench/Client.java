package dev.checkout.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The bench's HTTP client: {@link HttpClient} over HTTP/1.1 (no h2c upgrade dance on plain http), called from
 * virtual threads. A failure to get any answer is a {@link Reply} with status 0, never an exception, so a buyer's
 * loop counts it and carries on.
 */
final class Client implements AutoCloseable {
    /** What came back: the status (0 when nothing did), the body, and the failure's class when nothing did. */
    record Reply(int status, String body, String failure) {
        /** The label errors are counted under: the status, or {@code io:<exception>}. */
        String label() {
            return status > 0 ? Integer.toString(status) : "io:" + failure;
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    Client(Duration timeout, boolean direct) {
        this.timeout = timeout;
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        if (direct) {
            // completes responses on the client's selector thread instead of handing each one to a pool thread
            // first: one thread hop less per request, so less of the shared CPU goes to the load generator
            b.executor(Runnable::run);
        }
        this.http = b.build();
    }

    Reply postForm(String url, String bearer, String idempotencyKey, String form) {
        HttpRequest.Builder b = request(url)
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return send(b.build());
    }

    /** A JSON POST with a bearer token (the admin API). */
    Reply postJson(String url, String bearer, String idempotencyKey, String json) {
        HttpRequest.Builder b = request(url)
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return send(b.build());
    }

    Reply postJson(String url, String idempotencyKey, String json) {
        HttpRequest.Builder b = request(url)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return send(b.build());
    }

    Reply putJson(String url, String bearer, String json) {
        return send(request(url)
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    Reply get(String url, String bearer) {
        HttpRequest.Builder b = request(url).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    Reply delete(String url, String bearer) {
        return send(request(url).header("Authorization", "Bearer " + bearer).DELETE().build());
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), null);
        } catch (IOException e) {
            return new Reply(0, "", e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, "", "Interrupted");
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
