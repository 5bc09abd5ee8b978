package dev.checkout.adapter.stripe;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * HTTP/1.1 to the provider over sockets kept alive between calls, for {@link LeanHttpClient}. It does what the JDK's
 * {@code HttpURLConnection} does for stripe-java's requests (keep-alive, a request again on a fresh connection when a
 * kept-alive one turns out closed, TLS with the host name verified), without the work that client spends on every
 * exchange: the purchase profile put 10% of the checkout's CPU in its header handling (a case-insensitive merge per
 * response header, restricted-header checks per request header, the filtered copy of the answer's headers).
 *
 * <p>What it keeps of the JDK's behaviour, on purpose: a refused connection surfaces as the JDK's
 * {@link java.net.ConnectException} and a connect timeout as its "Connect timed out", which {@link Connections} reads
 * as "certainly not sent"; every other failure may have come after the request left. A kept-alive connection the
 * provider closed meanwhile fails before any answer arrives: the request is sent once more on a new connection, as
 * the JDK does; every request here carries an idempotency key or is a read, so the provider acts on it at most once.
 *
 * <p>The answer's body is read whole: by its {@code Content-Length}, in chunks, or to the end of the connection
 * (which then is not kept). Idle connections are kept per scheme, host and port for the provider's
 * {@code Keep-Alive: timeout} less a second, or {@value #DEFAULT_IDLE_SECONDS} s, and at most {@value #MAX_IDLE} each:
 * as many as the calls in flight at once need, so that a slow provider does not make every call open a connection
 * of its own (with 64, 1,000 buyers on a provider answering in 300 ms left 10,816 sockets in TIME_WAIT).
 */
final class KeptAliveHttp {
    static final int MAX_IDLE = 1_024;
    static final int DEFAULT_IDLE_SECONDS = 5;
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADERS = 200;

    /** An answer: status, headers as received (names in their case), body. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    }

    private final SSLSocketFactory tls;
    private final int maxIdle;
    private final Map<String, Idle> idle = new ConcurrentHashMap<>();

    KeptAliveHttp(SSLSocketFactory tls) {
        this(tls, MAX_IDLE);
    }

    /** With another bound on the idle connections kept per origin: tests show the bound with a few connections. */
    KeptAliveHttp(SSLSocketFactory tls, int maxIdle) {
        if (maxIdle < 0) {
            throw new IllegalArgumentException("maxIdle must be 0 or more, was " + maxIdle);
        }
        this.tls = tls;
        this.maxIdle = maxIdle;
    }

    /**
     * One exchange. {@code headers} are sent as given (one line per name, values joined by commas); {@code Host} and
     * {@code Content-Length} are added.
     */
    Answer exchange(URL url, String method, Map<String, List<String>> headers, byte[] body, int connectTimeoutMillis,
                    int readTimeoutMillis) throws IOException {
        String origin = url.getProtocol() + "://" + url.getHost() + ":" + port(url);
        byte[] head = head(url, method, headers, body);
        Connection kept = takeIdle(origin);
        if (kept != null) {
            try {
                return exchangeOn(kept, origin, method, head, body, readTimeoutMillis);
            } catch (IOException failed) {
                kept.close();
                if (kept.answerStarted || failed instanceof SocketTimeoutException) {
                    // Inside an answer, or no answer in time: the provider has the request, this is no stale socket.
                    throw failed;
                }
            }
        }
        Connection fresh = open(url, connectTimeoutMillis, readTimeoutMillis);
        try {
            return exchangeOn(fresh, origin, method, head, body, readTimeoutMillis);
        } catch (IOException | RuntimeException e) {
            fresh.close();
            throw e;
        }
    }

    private Answer exchangeOn(Connection c, String origin, String method, byte[] head, byte[] body,
                              int readTimeoutMillis) throws IOException {
        c.socket.setSoTimeout(readTimeoutMillis);
        c.out.write(head);
        if (body != null) {
            c.out.write(body);
        }
        c.out.flush();
        while (true) {
            String statusLine = readLine(c);
            int status = statusOf(statusLine);
            Map<String, List<String>> headers = readHeaders(c);
            if (status >= 100 && status < 200) {
                continue; // an interim answer (100 Continue, 103 Early Hints): the real one follows
            }
            // HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes it unless told to keep it.
            boolean reusable = statusLine.startsWith("HTTP/1.0")
                    ? has(headers, "Connection", "keep-alive")
                    : !has(headers, "Connection", "close");
            byte[] content;
            if (method.equals("HEAD") || status == 204 || status == 304) {
                content = new byte[0];
            } else if (has(headers, "Transfer-Encoding", "chunked")) {
                content = readChunked(c);
            } else if (first(headers, "Content-Length") != null) {
                content = c.readExactly(contentLength(first(headers, "Content-Length")));
            } else {
                content = c.readToEnd();
                reusable = false;
            }
            if (reusable) {
                c.keptUntil = System.nanoTime() + idleSeconds(first(headers, "Keep-Alive")) * 1_000_000_000L;
                c.answerStarted = false;
                giveBack(origin, c);
            } else {
                c.close();
            }
            return new Answer(status, headers, content);
        }
    }

    private Connection open(URL url, int connectTimeoutMillis, int readTimeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(url.getHost(), port(url)), connectTimeoutMillis);
            if (url.getProtocol().equals("https")) {
                socket.setSoTimeout(readTimeoutMillis);
                SSLSocket secured = (SSLSocket) tls.createSocket(socket, url.getHost(), port(url), true);
                SSLParameters parameters = secured.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name this host
                secured.setSSLParameters(parameters);
                secured.startHandshake();
                socket = secured;
            }
            return new Connection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private Connection takeIdle(String origin) {
        Idle connections = idle.get(origin);
        return connections == null ? null : connections.take(System.nanoTime());
    }

    private void giveBack(String origin, Connection c) {
        idle.computeIfAbsent(origin, o -> new Idle(maxIdle)).giveBack(c, System.nanoTime());
    }

    private static byte[] head(URL url, String method, Map<String, List<String>> headers, byte[] body) {
        var text = new StringBuilder(512);
        String path = url.getFile().isEmpty() ? "/" : url.getFile();
        text.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        text.append("Host: ").append(url.getHost());
        if (url.getPort() != -1 && url.getPort() != url.getDefaultPort()) {
            text.append(':').append(url.getPort());
        }
        text.append("\r\n");
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey();
            String value = String.join(",", header.getValue());
            if (!token(name) || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + name + " cannot be sent as given");
            }
            text.append(name).append(": ").append(value).append("\r\n");
        }
        if (body != null) {
            text.append("Content-Length: ").append(body.length).append("\r\n");
        }
        text.append("\r\n");
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean token(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch <= ' ' || ch >= 127 || ch == ':') {
                return false;
            }
        }
        return true;
    }

    private static int statusOf(String line) throws IOException {
        // "HTTP/1.1 200 OK": the code is the three digits after the first space
        int space = line.indexOf(' ');
        if (!line.startsWith("HTTP/") || space < 0 || line.length() < space + 4) {
            throw new ProtocolException("not an HTTP status line: " + abbreviated(line));
        }
        try {
            return Integer.parseInt(line.substring(space + 1, space + 4));
        } catch (NumberFormatException e) {
            throw new ProtocolException("not an HTTP status line: " + abbreviated(line));
        }
    }

    private static Map<String, List<String>> readHeaders(Connection c) throws IOException {
        var headers = new LinkedHashMap<String, List<String>>();
        for (int n = 0; ; n++) {
            String line = readLine(c);
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || n >= MAX_HEADERS) {
                throw new ProtocolException("malformed answer header: " + abbreviated(line));
            }
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            String known = headers.keySet().stream().filter(name::equalsIgnoreCase).findFirst().orElse(name);
            headers.computeIfAbsent(known, k -> new ArrayList<>(1)).add(value);
        }
    }

    private static String readLine(Connection c) throws IOException {
        var line = new StringBuilder(64);
        while (true) {
            int b = c.read();
            if (b < 0) {
                throw new EOFException(line.isEmpty() && !c.answerStarted
                        ? "the provider closed the connection before answering"
                        : "the provider's answer ended early");
            }
            c.answerStarted = true;
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new ProtocolException("an answer line over " + MAX_LINE + " bytes");
            }
            line.append((char) b); // headers are ASCII (RFC 9110); anything else is kept byte for byte
        }
    }

    private static byte[] readChunked(Connection c) throws IOException {
        var body = new ByteArrayOutputStream(4096);
        while (true) {
            String sizeLine = readLine(c);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("malformed chunk size: " + abbreviated(sizeLine));
            }
            if (size < 0) {
                throw new ProtocolException("malformed chunk size: " + abbreviated(sizeLine));
            }
            if (size == 0) {
                while (!readLine(c).isEmpty()) {
                    // trailers: not used by stripe-java
                }
                return body.toByteArray();
            }
            body.write(c.readExactly(size));
            if (!readLine(c).isEmpty()) {
                throw new ProtocolException("a chunk did not end where its size said");
            }
        }
    }

    private static int contentLength(String value) throws ProtocolException {
        try {
            int length = Integer.parseInt(value.strip());
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ProtocolException("malformed Content-Length: " + abbreviated(value));
    }

    /** {@code Keep-Alive: timeout=N}: how long the provider keeps an idle connection; the JDK's default otherwise. */
    static int idleSeconds(String keepAlive) {
        if (keepAlive != null) {
            for (String part : keepAlive.split(",")) {
                String p = part.strip().toLowerCase(Locale.ROOT);
                if (p.startsWith("timeout=")) {
                    try {
                        // one second less than the provider's, so we never send on a connection it is closing
                        return Math.max(0, Integer.parseInt(p.substring("timeout=".length()).strip()) - 1);
                    } catch (NumberFormatException e) {
                        break;
                    }
                }
            }
        }
        return DEFAULT_IDLE_SECONDS;
    }

    private static boolean has(Map<String, List<String>> headers, String name, String token) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                for (String value : h.getValue()) {
                    for (String part : value.split(",")) {
                        if (part.strip().equalsIgnoreCase(token)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                return h.getValue().getFirst();
            }
        }
        return null;
    }

    private static int port(URL url) {
        return url.getPort() == -1 ? url.getDefaultPort() : url.getPort();
    }

    private static String abbreviated(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    /**
     * The idle connections of one origin, the most recently returned last. Calls take the last, so the longest idle
     * sit first: each return closes those the provider has given up on, and the longest idle of any over the bound.
     */
    private static final class Idle {
        private final ReentrantLock lock = new ReentrantLock();
        private final ArrayDeque<Connection> connections = new ArrayDeque<>();
        private final int max;

        Idle(int max) {
            this.max = max;
        }

        Connection take(long now) {
            while (true) {
                Connection c;
                lock.lock();
                try {
                    c = connections.pollLast();
                } finally {
                    lock.unlock();
                }
                if (c == null || !c.expired(now)) {
                    return c;
                }
                c.close();
            }
        }

        void giveBack(Connection returned, long now) {
            var closing = new ArrayList<Connection>(0);
            lock.lock();
            try {
                connections.addLast(returned);
                while (!connections.isEmpty() && (connections.size() > max || connections.getFirst().expired(now))) {
                    closing.add(connections.pollFirst());
                }
            } finally {
                lock.unlock();
            }
            closing.forEach(Connection::close); // outside the lock: closing a TLS socket may write
        }
    }

    /** One socket, its output buffered, its input read through a buffer of its own (no lock per byte). */
    private static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        private final byte[] buffer = new byte[8192];
        private int position;
        private int limit;
        /** Until when the provider keeps it open while idle ({@link System#nanoTime()}). */
        long keptUntil;
        /** Whether a byte of the current answer arrived: a failure before that is a connection closed while idle. */
        boolean answerStarted;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        }

        boolean expired(long now) {
            return now - keptUntil >= 0;
        }

        int read() throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            return buffer[position++] & 0xff;
        }

        byte[] readExactly(int length) throws IOException {
            byte[] bytes = new byte[length];
            int have = Math.min(length, limit - position);
            System.arraycopy(buffer, position, bytes, 0, have);
            position += have;
            while (have < length) {
                int n = in.read(bytes, have, length - have);
                if (n < 0) {
                    throw new EOFException("the provider's answer ended after " + have + " of " + length + " bytes");
                }
                have += n;
            }
            return bytes;
        }

        byte[] readToEnd() throws IOException {
            var all = new ByteArrayOutputStream(Math.max(256, limit - position));
            all.write(buffer, position, limit - position);
            position = limit;
            in.transferTo(all);
            return all.toByteArray();
        }

        private boolean fill() throws IOException {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing: nothing to do about it
            }
        }
    }
}
