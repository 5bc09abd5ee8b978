package dev.checkout.sandbox.api;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP POST of a delivery. For {@code http://} endpoints (test mode, local receivers) a plain HTTP/1.1 exchange
 * over a blocking socket, kept alive and reused per host and port: the JDK's {@link HttpClient} spent most of a
 * delivery's CPU in its own machinery (a selector thread, futures, timers; a third of the sandbox's CPU at 200
 * deliveries per second under load), and a delivery runs on a virtual thread anyway. {@code https://} endpoints go
 * through the JDK client, as before. Redirects are not followed; the status is what counts.
 */
final class WebhookClient implements AutoCloseable {
    /** Idle connections kept per host and port; more are closed when given back. */
    private static final int MAX_IDLE = 32;
    private static final int MAX_LINE = 8192;

    private final Duration connectTimeout;
    private final Duration timeout;
    private final HttpClient https;
    private final Map<String, Idle> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    WebhookClient(Duration connectTimeout, Duration timeout) {
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
        this.https = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * POSTs {@code body} with {@code headers} (name, value, name, value, ...) and returns the answer's status; throws
     * when there is no whole answer within the timeout or no connection.
     */
    int post(URI url, byte[] body, String... headers) throws IOException, InterruptedException {
        if (!"http".equalsIgnoreCase(url.getScheme())) {
            HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            for (int i = 0; i < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            return https.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        int port = url.getPort() < 0 ? 80 : url.getPort();
        String key = url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        byte[] head = head(url, port, body.length, headers);
        long deadline = System.nanoTime() + timeout.toNanos();
        Idle q = idle.computeIfAbsent(key, k -> new Idle());
        Conn reused = q.conns.pollLast();
        if (reused != null) {
            q.count.decrementAndGet();
            try {
                return exchange(reused, key, head, body, deadline);
            } catch (StaleConnection e) {
                // the receiver had closed the idle connection before this request reached it: once more on a new one
            }
        }
        Conn fresh = open(url.getHost(), port);
        try {
            return exchange(fresh, key, head, body, deadline);
        } catch (StaleConnection e) {
            throw new EOFException("the endpoint closed the connection without answering");
        }
    }

    private static byte[] head(URI url, int port, int length, String[] headers) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        StringBuilder sb = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\nHost: ")
                .append(url.getHost()).append(port == 80 ? "" : ":" + port).append("\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            sb.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        sb.append("Content-Length: ").append(length).append("\r\n\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private Conn open(String host, int port) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), (int) Math.max(1, connectTimeout.toMillis()));
            return new Conn(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** No answer at all on a connection: thrown before any byte of the answer was read. */
    private static final class StaleConnection extends IOException {
        StaleConnection(Throwable cause) {
            super(cause);
        }
    }

    private int exchange(Conn c, String key, byte[] head, byte[] body, long deadline) throws IOException {
        boolean keep = false;
        try {
            try {
                c.out.write(head);
                c.out.write(body);
                c.out.flush();
                c.deadline = deadline;
                c.in.mark(1);
                if (c.in.read() < 0) {
                    throw new EOFException();
                }
                c.in.reset();
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                throw new StaleConnection(e);
            }
            int status;
            boolean close;
            do {
                String statusLine = line(c.in);
                String[] parts = statusLine.split(" ", 3);
                if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                    throw new IOException("not an HTTP/1.x answer: " + statusLine);
                }
                status = Integer.parseInt(parts[1]);
                close = parts[0].equals("HTTP/1.0");
                long length = -1;
                boolean chunked = false;
                for (String h = line(c.in); !h.isEmpty(); h = line(c.in)) {
                    int colon = h.indexOf(':');
                    if (colon < 0) {
                        continue;
                    }
                    String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = h.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                    switch (name) {
                        case "content-length" -> length = Long.parseLong(value);
                        case "transfer-encoding" -> chunked = value.contains("chunked");
                        case "connection" -> close = value.contains("close") || close && !value.contains("keep-alive");
                        default -> {
                        }
                    }
                }
                if (status >= 100 && status < 200 || status == 204 || status == 304) {
                    continue; // no body; an interim 1xx is followed by the real answer
                }
                if (chunked) {
                    discardChunked(c.in);
                } else if (length >= 0) {
                    skip(c.in, length);
                } else {
                    skip(c.in, Long.MAX_VALUE); // to the end of the connection
                    close = true;
                }
            } while (status >= 100 && status < 200);
            keep = !close;
            return status;
        } catch (NumberFormatException e) {
            throw new IOException("malformed HTTP answer: " + e.getMessage());
        } finally {
            if (keep && !closed) {
                Idle q = idle.computeIfAbsent(key, k -> new Idle());
                if (q.count.incrementAndGet() <= MAX_IDLE) {
                    q.conns.addLast(c);
                } else {
                    q.count.decrementAndGet();
                    c.close();
                }
            } else {
                c.close();
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        while (true) {
            int x = in.read();
            if (x < 0) {
                throw new EOFException("the answer ended early");
            }
            if (x == '\n') {
                break;
            }
            if (x != '\r') {
                if (b.size() >= MAX_LINE) {
                    throw new IOException("an answer line longer than " + MAX_LINE + " bytes");
                }
                b.write(x);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static void discardChunked(InputStream in) throws IOException {
        while (true) {
            String size = line(in);
            int semi = size.indexOf(';');
            long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                    // trailers ignored
                }
                return;
            }
            skip(in, n);
            line(in); // the CRLF after each chunk
        }
    }

    private static void skip(InputStream in, long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(8192, Math.max(1, n))];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                if (n == Long.MAX_VALUE) {
                    return;
                }
                throw new EOFException("the answer's body ended early");
            }
            left -= r;
        }
    }

    @Override
    public void close() {
        closed = true;
        idle.values().forEach(q -> {
            for (Conn c = q.conns.poll(); c != null; c = q.conns.poll()) {
                c.close();
            }
        });
        https.shutdownNow();
    }

    /**
     * The idle connections to one host and port, with their count ({@link ConcurrentLinkedDeque#size} walks the
     * deque, and was a twentieth of a delivery's CPU).
     */
    private static final class Idle {
        final ConcurrentLinkedDeque<Conn> conns = new ConcurrentLinkedDeque<>();
        final AtomicInteger count = new AtomicInteger();
    }

    /** One connection; every read waits at most until the exchange's deadline. */
    private static final class Conn {
        final Socket socket;
        final OutputStream out;
        final BufferedInputStream in;
        volatile long deadline = Long.MAX_VALUE;

        Conn(Socket socket) throws IOException {
            this.socket = socket;
            this.out = new java.io.BufferedOutputStream(socket.getOutputStream(), 8192);
            InputStream raw = socket.getInputStream();
            this.in = new BufferedInputStream(new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        throw new SocketTimeoutException("no whole answer within the delivery timeout");
                    }
                    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                    return raw.read(b, off, len);
                }
            }, 8192);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
