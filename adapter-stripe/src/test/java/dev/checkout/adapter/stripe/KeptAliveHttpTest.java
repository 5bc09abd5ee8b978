package dev.checkout.adapter.stripe;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kept-alive transport against a server that answers raw bytes, so every framing and closing case can be shown. */
class KeptAliveHttpTest {
    private static final Map<String, List<String>> HEADERS = Map.of("Authorization", List.of("Bearer sk_test_x"));
    private RawServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_second_call_reuses_the_connection_and_both_answers_arrive_whole() throws Exception {
        server = plainServer();
        server.answers(Answer.of("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nRequest-Id: req_1\r\nContent-Length: 11\r\n\r\n{\"id\":\"a\"}\n"),
                Answer.of("HTTP/1.1 402 Payment Required\r\nContent-Length: 2\r\n\r\n{}"));
        var http = new KeptAliveHttp(null);

        var first = http.exchange(server.url("/v1/charges"), "POST", HEADERS, "amount=1".getBytes(), 1_000, 2_000);
        var second = http.exchange(server.url("/v1/charges?x=1"), "GET", HEADERS, null, 1_000, 2_000);

        assertThat(first.status()).isEqualTo(200);
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"a\"}\n");
        assertThat(first.headers()).containsEntry("Request-Id", List.of("req_1"));
        assertThat(second.status()).isEqualTo(402);
        assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(server.connections.get()).isEqualTo(1);
        assertThat(server.requests).hasSize(2);
        assertThat(server.requests.get(0)).startsWith("POST /v1/charges HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n")
                .contains("Authorization: Bearer sk_test_x\r\n", "Content-Length: 8\r\n").endsWith("\r\n\r\namount=1");
        assertThat(server.requests.get(1)).startsWith("GET /v1/charges?x=1 HTTP/1.1\r\n").doesNotContain("Content-Length");
    }

    @Test
    void a_kept_connection_the_server_closed_meanwhile_is_replaced_and_the_request_sent_once_more() throws Exception {
        server = plainServer();
        server.answers(Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na").thenClose(),
                Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb"));
        var http = new KeptAliveHttp(null);
        http.exchange(server.url("/v1/tokens"), "POST", HEADERS, new byte[0], 1_000, 2_000);
        server.awaitClosed(1);

        var second = http.exchange(server.url("/v1/charges"), "POST", HEADERS, "k=v".getBytes(), 1_000, 2_000);

        assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("b");
        assertThat(server.connections.get()).isEqualTo(2);
    }

    @Test
    void chunked_answers_are_joined_and_an_answer_without_length_is_read_to_the_end_and_not_kept() throws Exception {
        server = plainServer();
        server.answers(Answer.of("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "4;ext=1\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nTrailer: x\r\n\r\n"),
                Answer.of("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\n\r\nto the end").thenClose(),
                Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok").thenClose(),
                Answer.of("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"),
                Answer.of("HTTP/1.1 204 No Content\r\n\r\n"));
        var http = new KeptAliveHttp(null);

        assertThat(new String(http.exchange(server.url("/a"), "GET", HEADERS, null, 1_000, 2_000).body())).isEqualTo("{\"a\":1}");
        assertThat(new String(http.exchange(server.url("/b"), "GET", HEADERS, null, 1_000, 2_000).body())).isEqualTo("to the end");
        assertThat(new String(http.exchange(server.url("/c"), "GET", HEADERS, null, 1_000, 2_000).body())).isEqualTo("ok");
        assertThat(new String(http.exchange(server.url("/d"), "GET", HEADERS, null, 1_000, 2_000).body())).isEqualTo("ok");
        assertThat(http.exchange(server.url("/e"), "DELETE", HEADERS, null, 1_000, 2_000).body()).isEmpty();

        // The chunked answer kept its connection; the one read to the end, the one saying close and the HTTP/1.0 one
        // (which closes unless it says keep-alive) did not: four connections for five answers.
        assertThat(server.connections.get()).isEqualTo(4);
    }

    @Test
    void no_answer_within_the_read_timeout_is_a_read_timeout_and_the_request_is_not_sent_again() throws Exception {
        server = plainServer();
        server.answers(Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"), Answer.silence());
        var http = new KeptAliveHttp(null);
        http.exchange(server.url("/v1/tokens"), "POST", HEADERS, new byte[0], 1_000, 2_000); // now a kept connection

        assertThatThrownBy(() -> http.exchange(server.url("/v1/charges"), "POST", HEADERS, "a=1".getBytes(), 1_000, 300))
                .isInstanceOf(SocketTimeoutException.class)
                .satisfies(e -> assertThat(Connections.certainlyNotSent(e)).isFalse());
        assertThat(server.requests).hasSize(2);
        assertThat(server.connections.get()).isEqualTo(1);
    }

    @Test
    void a_refused_connection_is_the_jdks_connect_exception_which_means_certainly_not_sent() throws Exception {
        int port;
        try (var closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        var http = new KeptAliveHttp(null);

        assertThatThrownBy(() -> http.exchange(URI.create("http://127.0.0.1:" + port + "/v1/charges").toURL(), "POST",
                HEADERS, new byte[0], 1_000, 1_000))
                .isInstanceOf(ConnectException.class)
                .satisfies(e -> assertThat(Connections.certainlyNotSent(e)).isTrue());
    }

    @Test
    void an_answer_that_ends_early_or_is_not_http_fails_and_its_connection_is_not_kept() throws Exception {
        server = plainServer();
        server.answers(Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc").thenClose(),
                Answer.of("SMTP ready\r\n\r\n").thenClose());
        var http = new KeptAliveHttp(null);

        assertThatThrownBy(() -> http.exchange(server.url("/a"), "GET", HEADERS, null, 1_000, 2_000))
                .isInstanceOf(java.io.EOFException.class).hasMessageContaining("3 of 10 bytes");
        assertThatThrownBy(() -> http.exchange(server.url("/b"), "GET", HEADERS, null, 1_000, 2_000))
                .isInstanceOf(java.net.ProtocolException.class).hasMessageContaining("not an HTTP status line");
        assertThat(server.connections.get()).isEqualTo(2);
    }

    @Test
    void a_header_that_would_split_the_request_is_refused_before_anything_is_sent() {
        var http = new KeptAliveHttp(null);
        assertThatThrownBy(() -> http.exchange(URI.create("http://127.0.0.1:9/v1/charges").toURL(), "POST",
                Map.of("Idempotency-Key", List.of("a\r\nX-Injected: 1")), new byte[0], 1_000, 1_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Idempotency-Key");
    }

    @Test
    void a_connection_idle_as_long_as_the_providers_keep_alive_timeout_is_closed_not_used() throws Exception {
        server = plainServer();
        // timeout=1: kept for up to 0 s on our side (a second less than the provider's), so never used again
        server.answers(Answer.of("HTTP/1.1 200 OK\r\nKeep-Alive: timeout=1\r\nContent-Length: 1\r\n\r\na"),
                Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb"));
        var http = new KeptAliveHttp(null);

        http.exchange(server.url("/a"), "GET", HEADERS, null, 1_000, 2_000);
        var second = http.exchange(server.url("/b"), "GET", HEADERS, null, 1_000, 2_000);

        assertThat(new String(second.body())).isEqualTo("b");
        assertThat(server.connections.get()).isEqualTo(2);
        server.awaitClosed(1);
        assertThat(server.closed.get()).as("the expired connection was closed by us").isEqualTo(1);
    }

    @Test
    void no_more_idle_connections_than_the_bound_are_kept_and_the_kept_ones_serve_the_next_calls() throws Exception {
        server = plainServer();
        for (int i = 0; i < 5; i++) {
            server.answers(Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"));
        }
        var http = new KeptAliveHttp(null, 2);

        server.holdAnswersUntil(3); // three calls in flight at once need three connections
        assertThat(concurrently(http, 3)).containsExactly(200, 200, 200);
        server.awaitClosed(1);

        assertThat(server.connections.get()).isEqualTo(3);
        assertThat(server.closed.get()).as("the one over the bound of two, closed by us when it came back").isEqualTo(1);

        server.holdAnswersUntil(2); // two at once: each on a kept connection
        assertThat(concurrently(http, 2)).containsExactly(200, 200);
        assertThat(server.connections.get()).as("no connection opened for them").isEqualTo(3);
        assertThat(server.closed.get()).isEqualTo(1);
    }

    @Test
    void keep_alive_timeout_of_the_provider_bounds_how_long_a_connection_is_kept() {
        assertThat(KeptAliveHttp.idleSeconds("timeout=30, max=100")).isEqualTo(29);
        assertThat(KeptAliveHttp.idleSeconds(null)).isEqualTo(KeptAliveHttp.DEFAULT_IDLE_SECONDS);
        assertThat(KeptAliveHttp.idleSeconds("max=5")).isEqualTo(KeptAliveHttp.DEFAULT_IDLE_SECONDS);
    }

    @Test
    void over_tls_the_certificate_must_name_the_host(@TempDir Path dir) throws Exception {
        char[] password = "changeit".toCharArray();
        Path store = dir.resolve("localhost.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore keys = KeyStore.getInstance(store.toFile(), password);
        var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        var tlsServer = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server = new RawServer(tlsServer);
        server.answers(Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        SSLSocketFactory trusting = context.getSocketFactory();
        var http = new KeptAliveHttp(trusting);

        var answer = http.exchange(URI.create("https://localhost:" + server.port() + "/v1/charges").toURL(), "POST",
                HEADERS, "a=1".getBytes(), 2_000, 2_000);
        assertThat(new String(answer.body())).isEqualTo("ok");

        // The same certificate, trusted, but reached by an address it does not name: refused during the handshake.
        assertThatThrownBy(() -> http.exchange(URI.create("https://127.0.0.1:" + server.port() + "/v1/charges").toURL(),
                "POST", HEADERS, "a=1".getBytes(), 2_000, 2_000))
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(server.requests).hasSize(1);
    }

    private static RawServer plainServer() throws IOException {
        return new RawServer(ServerSocketFactory.getDefault().createServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    /** One scripted answer: raw bytes, then keep the connection or close it; or no answer at all. */
    private record Answer(String raw, boolean close, boolean silent) {
        static Answer of(String raw) {
            return new Answer(raw, false, false);
        }

        static Answer silence() {
            return new Answer("", false, true);
        }

        Answer thenClose() {
            return new Answer(raw, true, silent);
        }
    }

    /** Makes {@code calls} exchanges at once, each on a virtual thread of its own; their statuses, in call order. */
    private List<Integer> concurrently(KeptAliveHttp http, int calls) throws Exception {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var answers = new ArrayList<Future<KeptAliveHttp.Answer>>();
            for (int i = 0; i < calls; i++) {
                answers.add(threads.submit(() -> http.exchange(server.url("/v1/charges"), "GET", HEADERS, null, 1_000, 2_000)));
            }
            var statuses = new ArrayList<Integer>();
            for (var answer : answers) {
                statuses.add(answer.get(5, TimeUnit.SECONDS).status());
            }
            return statuses;
        }
    }

    /**
     * Reads requests (head, then a body of Content-Length bytes) and writes the next scripted answer to each; after
     * {@link #holdAnswersUntil}, only once that many requests have arrived.
     */
    private static final class RawServer implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final List<String> requests = new CopyOnWriteArrayList<>();
        final Queue<Answer> script = new ConcurrentLinkedQueue<>();
        final List<Socket> open = new CopyOnWriteArrayList<>();
        private volatile CountDownLatch gate;

        RawServer(ServerSocket socket) {
            this.socket = socket;
            Thread.ofVirtual().start(this::accept);
        }

        void answers(Answer... answers) {
            script.addAll(List.of(answers));
        }

        /** The next {@code n} requests are answered only when all {@code n} have arrived: that many calls in flight. */
        void holdAnswersUntil(int n) {
            gate = new CountDownLatch(n);
        }

        int port() {
            return socket.getLocalPort();
        }

        URL url(String path) throws Exception {
            return URI.create("http://127.0.0.1:" + port() + path).toURL();
        }

        void awaitClosed(int n) throws InterruptedException {
            for (int i = 0; i < 200 && closed.get() < n; i++) {
                Thread.sleep(10);
            }
            Thread.sleep(50); // the client's side of the FIN
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    open.add(s);
                    Thread.ofVirtual().start(() -> serve(s));
                } catch (IOException stopped) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                while (true) {
                    String request = readRequest(in);
                    if (request == null) {
                        return;
                    }
                    requests.add(request);
                    CountDownLatch held = gate;
                    if (held != null) {
                        held.countDown();
                        if (!held.await(5, TimeUnit.SECONDS)) {
                            return; // fewer calls came at once than the test expected: it fails on their answers
                        }
                    }
                    Answer answer = script.poll();
                    if (answer == null || answer.silent()) {
                        in.read(); // until the client gives up and closes
                        return;
                    }
                    out.write(answer.raw().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (answer.close()) {
                        return;
                    }
                }
            } catch (IOException gone) {
                // the client closed: done with this connection
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } finally {
                closed.incrementAndGet();
            }
        }

        private static String readRequest(InputStream in) throws IOException {
            var head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String text = head.toString(StandardCharsets.UTF_8);
            int length = 0;
            for (String line : text.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).strip());
                }
            }
            return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
