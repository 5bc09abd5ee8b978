package dev.checkout.sandbox;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Token;
import com.stripe.param.ChargeCreateParams;
import com.stripe.param.TokenCreateParams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** One sandbox shared by the suite's default-configuration tests, with SDK clients and a raw HTTP helper. */
public final class TestSandbox {
    /** A future expiry that stays valid for decades of test runs. */
    public static final String EXP_YEAR = "2049";

    private static volatile TestSandbox shared;

    public final Sandbox sandbox;
    public final StripeClient secret;
    public final StripeClient publishable;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TestSandbox(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.secret = client(sandbox.secretKey());
        this.publishable = client(sandbox.publishableKey());
    }

    /** The suite-wide sandbox with the default configuration; stopped when the test JVM exits. */
    public static TestSandbox shared() {
        if (shared == null) {
            synchronized (TestSandbox.class) {
                if (shared == null) {
                    Sandbox s = Sandbox.start();
                    Runtime.getRuntime().addShutdownHook(new Thread(s::close));
                    shared = new TestSandbox(s);
                }
            }
        }
        return shared;
    }

    public StripeClient client(String key) {
        return StripeClient.builder().setApiKey(key).setApiBase(sandbox.baseUrl()).build();
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public Token token(String number) throws StripeException {
        return token(number, "12", EXP_YEAR, number.length() == 15 ? "1234" : "123");
    }

    public Token token(String number, String month, String year, String cvc) throws StripeException {
        TokenCreateParams.Card.Builder card = TokenCreateParams.Card.builder().setNumber(number).setExpMonth(month)
                .setExpYear(year);
        if (cvc != null) {
            card.setCvc(cvc);
        }
        return publishable.v1().tokens().create(TokenCreateParams.builder().setCard(card.build()).build());
    }

    public Charge charge(String source, long amount) throws StripeException {
        return secret.v1().charges().create(ChargeCreateParams.builder().setAmount(amount).setCurrency("usd")
                .setSource(source).build());
    }

    /** A raw request; {@code body} null means no body. Headers are name/value pairs. */
    public HttpResponse<String> raw(String method, String pathAndQuery, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        return raw("POST", path, body, withAuth(sandbox.secretKey(), headers));
    }

    public HttpResponse<String> get(String pathAndQuery, String... headers) {
        return raw("GET", pathAndQuery, null, withAuth(sandbox.secretKey(), headers));
    }

    private static String[] withAuth(String key, String[] headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + key;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return all;
    }

    public static JsonObject json(HttpResponse<String> r) {
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    /** The {@code error} object of a Stripe error body. */
    public static JsonObject error(HttpResponse<String> r) {
        return json(r).getAsJsonObject("error");
    }

    public static Map<String, Object> map(Object... kv) {
        var m = new java.util.LinkedHashMap<String, Object>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
