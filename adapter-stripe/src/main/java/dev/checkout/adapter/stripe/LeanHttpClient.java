package dev.checkout.adapter.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpHeaders;
import com.stripe.net.HttpURLConnectionClient;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;

import javax.net.ssl.HttpsURLConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The same HTTP exchange as stripe-java's {@link HttpURLConnectionClient} (same headers, timeouts, body and response
 * handling), without three costs it pays on every request that the purchase profile showed: it rebuilds the
 * {@code X-Stripe-Client-User-Agent} JSON, reading Gson's {@code pom.properties} out of the jar each time; it asks the
 * {@link ProxySelector} for every connection; and the JDK's {@code HttpURLConnection} handles headers expensively.
 * The first two answers cannot change while the process runs, so they are computed once here (the proxy once per
 * host); a direct connection goes over {@link KeptAliveHttp}. stripe-java's retries, telemetry and error handling stay
 * its own: they live in {@link HttpClient}, which this extends. A request through a proxy goes over
 * {@code HttpURLConnection} as before, and one carrying proxy credentials to stripe-java's own client, which sets them
 * up.
 */
class LeanHttpClient extends HttpClient {
    private static final String CLIENT_USER_AGENT = buildXStripeClientUserAgentString();
    private static final List<String> NO_CACHE = List.of("no-cache");

    private final HttpURLConnectionClient withProxyCredentials = new HttpURLConnectionClient();
    private final Map<String, Proxy> proxyByAuthority = new ConcurrentHashMap<>();
    private final KeptAliveHttp direct = new KeptAliveHttp(HttpsURLConnection.getDefaultSSLSocketFactory());

    @Override
    public StripeResponse request(StripeRequest request) throws ApiConnectionException {
        if (request.options().getProxyCredential() != null) {
            return withProxyCredentials.request(request);
        }
        try {
            return exchange(request);
        } catch (IOException e) {
            throw new ApiConnectionException("IOException during API request to " + request.url().getHost()
                    + ": " + e.getMessage() + ". Please check the connection to the payment provider and try again.", e);
        }
    }

    private StripeResponse exchange(StripeRequest request) throws IOException {
        URL url = request.url();
        Proxy proxy = request.options().getConnectionProxy() != null ? request.options().getConnectionProxy() : proxyFor(url);
        if (proxy.type() == Proxy.Type.DIRECT) {
            return directly(request);
        }
        HttpURLConnection connection = (HttpURLConnection) url.openConnection(proxy);
        connection.setConnectTimeout(request.options().getConnectTimeout());
        connection.setReadTimeout(request.options().getReadTimeout());
        connection.setUseCaches(false);
        for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
            connection.setRequestProperty(header.getKey(), String.join(",", header.getValue()));
        }
        connection.setRequestProperty("User-Agent", buildUserAgentString(request));
        connection.setRequestProperty("X-Stripe-Client-User-Agent", CLIENT_USER_AGENT);
        connection.setRequestMethod(request.method().name());
        if (request.content() != null) {
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", request.content().contentType());
            try (OutputStream out = connection.getOutputStream()) {
                out.write(request.content().byteArrayContent());
            }
        }
        int status = connection.getResponseCode();
        HttpHeaders headers = HttpHeaders.of(connection.getHeaderFields());
        try (InputStream body = status >= 200 && status < 300 ? connection.getInputStream() : connection.getErrorStream()) {
            String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
            return new StripeResponse(status, headers, text);
        }
    }

    private StripeResponse directly(StripeRequest request) throws IOException {
        var headers = new LinkedHashMap<String, List<String>>(request.headers().map());
        headers.put("User-Agent", List.of(buildUserAgentString(request)));
        headers.put("X-Stripe-Client-User-Agent", List.of(CLIENT_USER_AGENT));
        // What setUseCaches(false) makes the JDK's connection send, so that both paths send the same request.
        headers.put("Cache-Control", NO_CACHE);
        headers.put("Pragma", NO_CACHE);
        byte[] body = null;
        if (request.content() != null) {
            headers.put("Content-Type", List.of(request.content().contentType()));
            body = request.content().byteArrayContent();
        }
        KeptAliveHttp.Answer answer = direct.exchange(request.url(), request.method().name(), headers, body,
                request.options().getConnectTimeout(), request.options().getReadTimeout());
        return new StripeResponse(answer.status(), HttpHeaders.of(answer.headers()),
                new String(answer.body(), StandardCharsets.UTF_8));
    }

    /** What the JVM's proxy settings say for this host, asked once per scheme, host and port. */
    private Proxy proxyFor(URL url) {
        return proxyByAuthority.computeIfAbsent(url.getProtocol() + "://" + url.getAuthority(), authority -> {
            ProxySelector selector = ProxySelector.getDefault();
            if (selector == null) {
                return Proxy.NO_PROXY;
            }
            try {
                List<Proxy> proxies = selector.select(url.toURI());
                return proxies.isEmpty() ? Proxy.NO_PROXY : proxies.getFirst();
            } catch (URISyntaxException e) {
                return Proxy.NO_PROXY;
            }
        });
    }
}
