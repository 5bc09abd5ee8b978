package dev.checkout.sandbox.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The delivery's own HTTP/1.1 exchange against a scripted server that writes raw answers. */
class WebhookClientTest {
    private final WebhookClient client = new WebhookClient(Duration.ofSeconds(2), Duration.ofSeconds(1));
    private Scripted server;

    @AfterEach
    void close() throws IOException {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    /**
     * Answers the n-th request (0-based, over all connections) with {@code answer.apply(n)}; null closes instead, and
     * an answer starting with {@code !} is written and then the connection closed.
     */
    private static final class Scripted implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger connections = new AtomicInteger();
        final List<String> heads = new CopyOnWriteArrayList<>();
        final List<String> bodies = new CopyOnWriteArrayList<>();

        Scripted(IntFunction<String> answer) throws IOException {
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        connections.incrementAndGet();
                        Thread.ofVirtual().start(() -> serve(s, answer));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        private void serve(Socket s, IntFunction<String> answer) {
            try (s) {
                InputStream in = s.getInputStream();
                while (true) {
                    String head = readHead(in);
                    if (head == null) {
                        return;
                    }
                    int length = 0;
                    for (String h : head.split("\r\n")) {
                        if (h.toLowerCase().startsWith("content-length:")) {
                            length = Integer.parseInt(h.substring(15).trim());
                        }
                    }
                    heads.add(head);
                    bodies.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
                    String a = answer.apply(requests.getAndIncrement());
                    if (a == null) {
                        return;
                    }
                    boolean thenClose = a.startsWith("!");
                    s.getOutputStream().write(a.substring(thenClose ? 1 : 0).getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    if (thenClose) {
                        return;
                    }
                }
            } catch (IOException ignored) {
                // the client went away
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int x = in.read();
                if (x < 0) {
                    return null;
                }
                b.write(x);
                matched = (x == '\r' || x == '\n') && "\r\n\r\n".charAt(matched) == x ? matched + 1 : 0;
            }
            return b.toString(StandardCharsets.ISO_8859_1);
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/hooks?x=1");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private int post(String body) throws Exception {
        return client.post(server.url(), body.getBytes(StandardCharsets.UTF_8), "Stripe-Signature", "t=1,v1=ab",
                "Content-Type", "application/json; charset=utf-8");
    }

    @Test
    void a_post_carries_the_path_host_headers_and_body_and_keeps_the_connection_for_the_next() throws Exception {
        server = new Scripted(n -> n == 0 ? "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                : "HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nbad\r\n0\r\n\r\n");

        assertThat(post("{\"id\":\"evt_1\"}")).isEqualTo(200);
        assertThat(post("{\"id\":\"evt_2\"}")).isEqualTo(500);
        assertThat(post("{\"id\":\"evt_3\"}")).isEqualTo(500);

        assertThat(server.connections.get()).isEqualTo(1);
        assertThat(server.bodies).containsExactly("{\"id\":\"evt_1\"}", "{\"id\":\"evt_2\"}", "{\"id\":\"evt_3\"}");
        assertThat(server.heads.getFirst()).startsWith("POST /hooks?x=1 HTTP/1.1\r\n")
                .contains("Host: 127.0.0.1:" + server.socket.getLocalPort() + "\r\n")
                .contains("Stripe-Signature: t=1,v1=ab\r\n").contains("Content-Length: 14\r\n");
    }

    @Test
    void connection_close_an_http_1_0_answer_or_a_body_to_the_end_mean_a_new_connection_next_time() throws Exception {
        server = new Scripted(n -> switch (n) {
            case 0 -> "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
            case 1 -> "HTTP/1.0 204 No Content\r\n\r\n";
            case 2 -> "!HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\n\r\nno length: read to the end";
            default -> null;
        });

        assertThat(post("a")).isEqualTo(200);
        assertThat(post("b")).isEqualTo(204);
        assertThat(post("c")).isEqualTo(302); // not followed
        assertThat(server.connections.get()).isEqualTo(3);
    }

    @Test
    void an_idle_connection_the_receiver_closed_is_replaced_and_the_request_sent_once_more() throws Exception {
        // the first connection answers once and then closes without answering the second request
        server = new Scripted(n -> n == 1 ? null : "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

        assertThat(post("a")).isEqualTo(200);
        assertThat(post("b")).isEqualTo(200);

        assertThat(server.connections.get()).isEqualTo(2);
        assertThat(server.bodies).containsExactly("a", "b", "b");
    }

    @Test
    void no_whole_answer_within_the_timeout_fails_and_so_does_no_listener() throws Exception {
        server = new Scripted(n -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        });
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> post("a")).isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2500));

        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        assertThatThrownBy(() -> client.post(URI.create("http://127.0.0.1:" + port + "/"), new byte[0]))
                .isInstanceOf(IOException.class);
    }

    @Test
    void a_garbled_answer_is_a_failure_not_a_status() throws Exception {
        server = new Scripted(n -> "SMTP ready\r\n\r\n");

        assertThatThrownBy(() -> post("a")).isInstanceOf(IOException.class);
    }
}
