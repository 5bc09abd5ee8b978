package dev.checkout.sandbox.http;

import dev.checkout.sandbox.Sandbox;
import dev.checkout.sandbox.TestSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the SDK cannot express, over raw HTTP: decoding, unknown parameters and paths, methods, CORS, limits. */
class HttpProtocolTest {
    private final TestSandbox t = TestSandbox.shared();

    @Test
    void every_answer_is_json_with_a_request_id_and_the_version_echoed() {
        for (HttpResponse<String> r : new HttpResponse[] {
                t.get("/v1/charges?limit=1", "Stripe-Version", "2020-08-27"),
                t.get("/v1/charges/ch_missing", "Stripe-Version", "anything at all"),
                t.raw("GET", "/v1/nope", null),
                t.raw("GET", "/", null),
                t.raw("DELETE", "/v1/charges", null)}) {
            assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(r.headers().firstValue("Request-Id").orElseThrow()).matches("req_[A-Za-z0-9]{14}");
            assertThat(r.body()).startsWith("{");
        }
        assertThat(t.get("/v1/charges?limit=1", "Stripe-Version", "2020-08-27").headers()
                .firstValue("Stripe-Version")).contains("2020-08-27");
        assertThat(t.get("/v1/charges?limit=1").headers().firstValue("Stripe-Version"))
                .contains("2026-07-29.dahlia");
    }

    @Test
    void an_unknown_path_is_a_404_in_stripes_shape() {
        HttpResponse<String> r = t.get("/v1/foo");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(TestSandbox.error(r).get("type").getAsString()).isEqualTo("invalid_request_error");
        assertThat(TestSandbox.error(r).get("message").getAsString()).isEqualTo("Unrecognized request URL (GET: "
                + "/v1/foo). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.");
        assertThat(TestSandbox.error(r).has("code")).isFalse();
    }

    @ParameterizedTest(name = "{0} {1} -> 405, Allow {2}")
    @CsvSource({"DELETE, /v1/charges, 'GET, POST, OPTIONS'", "PUT, /v1/tokens, 'POST, OPTIONS'",
            "GET, /v1/tokens, 'POST, OPTIONS'", "GET, /v1/charges/ch_1/capture, 'POST, OPTIONS'",
            "PATCH, /v1/refunds/re_1, 'GET, POST, OPTIONS'"})
    void a_wrong_method_is_a_405_in_stripes_shape(String method, String path, String allow) {
        HttpResponse<String> r = t.raw(method, path, null, "Authorization", "Bearer " + t.sandbox.secretKey());

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).contains(allow);
        assertThat(TestSandbox.error(r).get("message").getAsString())
                .startsWith("Unrecognized request URL (" + method + ": " + path + ")");
    }

    @ParameterizedTest(name = "{0} -> 400 on {1}")
    @CsvSource({
            "amount=1000&currency=usd&source=tok_visa&colour=blue, colour",
            "amount=1000&currency=usd&source=tok_visa&shipping[name]=A&shipping[address][line1]=x&shipping[address][moon]=1, shipping[address][moon]",
            "amount=1000&currency=usd&source=tok_visa&capture_method=manual, capture_method",
    })
    void unknown_parameters_are_named(String body, String param) {
        HttpResponse<String> r = t.post("/v1/charges", body);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestSandbox.error(r).get("code").getAsString()).isEqualTo("parameter_unknown");
        assertThat(TestSandbox.error(r).get("param").getAsString()).isEqualTo(param);
        assertThat(TestSandbox.error(r).get("message").getAsString()).isEqualTo("Received unknown parameter: " + param);
    }

    @Test
    void an_unknown_card_field_is_named_with_its_brackets() {
        HttpResponse<String> r = t.raw("POST", "/v1/tokens", "card[number]=4242424242424242&card[exp_month]=12"
                + "&card[exp_year]=2049&card[colour]=red", "Authorization", "Bearer " + t.sandbox.publishableKey());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestSandbox.error(r).get("param").getAsString()).isEqualTo("card[colour]");
    }

    @ParameterizedTest(name = "malformed body {0}")
    @CsvSource(delimiter = '|', value = {
            "amount=1000&currency=usd&source=tok_visa&description=%zz",
            "amount=1000&currency=usd&source=tok_visa&description=%4",
            "amount=1000&currency=usd&source=tok_visa&metadata[a=1",
            "amount=1000&currency=usd&source=tok_visa&metadata]a[=1",
            "amount=1000&amount[x]=1&currency=usd&source=tok_visa",
            "amount=1000&currency=usd&source=tok_visa&=orphan",
            "amount=abc&currency=usd&source=tok_visa",
            "amount=10.5&currency=usd&source=tok_visa",
            "amount=1000&currency=usd&source=tok_visa&capture=maybe",
            "amount=1000&currency=usd&source=tok_visa&metadata=notahash",
    })
    void malformed_bodies_get_a_400_never_a_500(String body) {
        HttpResponse<String> r = t.post("/v1/charges", body);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestSandbox.error(r).get("type").getAsString()).isEqualTo("invalid_request_error");
    }

    @Test
    void form_decoding_follows_stripe_rules() {
        String order = TestSandbox.unique("o");
        HttpResponse<String> r = t.post("/v1/charges", "amount=1000&currency=usd&source=tok_visa"
                + "&description=a+b%20c%2A%28d%29&metadata%5Border_id%5D=" + order + "&metadata[empty]="
                + "&expand[]=balance_transaction&expand[]=refunds&statement_descriptor=");

        assertThat(r.statusCode()).isEqualTo(200);
        var json = TestSandbox.json(r);
        assertThat(json.get("description").getAsString()).isEqualTo("a b c*(d)");
        assertThat(json.getAsJsonObject("metadata").keySet()).containsExactly("order_id");
        assertThat(json.getAsJsonObject("metadata").get("order_id").getAsString()).isEqualTo(order);
        assertThat(json.getAsJsonObject("balance_transaction").get("object").getAsString())
                .isEqualTo("balance_transaction");
        assertThat(json.getAsJsonObject("refunds").get("object").getAsString()).isEqualTo("list");
        assertThat(json.get("statement_descriptor").isJsonNull()).isTrue();

        HttpResponse<String> indexed = t.get("/v1/charges/" + json.get("id").getAsString()
                + "?expand[0]=balance_transaction&expand[1]=refunds");
        assertThat(TestSandbox.json(indexed).getAsJsonObject("balance_transaction").get("id").getAsString())
                .isEqualTo(json.getAsJsonObject("balance_transaction").get("id").getAsString());
    }

    @Test
    void a_post_without_a_body_is_fine() {
        String id = TestSandbox.json(t.post("/v1/charges", "amount=1000&currency=usd&source=tok_visa&capture=false"))
                .get("id").getAsString();

        HttpResponse<String> r = t.raw("POST", "/v1/charges/" + id + "/capture", null, "Authorization",
                "Bearer " + t.sandbox.secretKey());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestSandbox.json(r).get("captured").getAsBoolean()).isTrue();
    }

    @Test
    void an_oversized_body_is_refused_with_a_413_json_error() throws Exception {
        try (Sandbox s = Sandbox.start(Map.of("sandbox.max-body-bytes", "2048"))) {
            TestSandbox o = new TestSandbox(s);
            String big = "amount=1000&currency=usd&source=tok_visa&description=" + "x".repeat(5000);

            HttpResponse<String> r = o.post("/v1/charges", big);

            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(TestSandbox.error(r).get("type").getAsString()).isEqualTo("invalid_request_error");
            assertThat(r.headers().firstValue("Request-Id")).isPresent();
            assertThat(o.post("/v1/charges", "amount=1000&currency=usd&source=tok_visa").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void an_oversized_chunked_body_is_refused_too() throws Exception {
        try (Sandbox s = Sandbox.start(Map.of("sandbox.max-body-bytes", "1024"));
             Socket socket = new Socket("127.0.0.1", s.port())) {
            String chunk = "description=" + "y".repeat(3000);
            String req = "POST /v1/charges HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + s.secretKey()
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(req.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);

            assertThat(head).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void a_garbage_request_line_gets_a_json_400() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", t.sandbox.port())) {
            socket.getOutputStream().write(("GET /v1/charges HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n"
                    + "Content-Length: nope\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(10_000);
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(all).startsWith("HTTP/1.1 400").contains("\"error\"").contains("Request-Id");
        }
    }

    @Test
    void cors_preflight_and_headers_let_a_browser_page_create_tokens() {
        HttpResponse<String> pre = t.raw("OPTIONS", "/v1/tokens", null, "Origin", "http://shop.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type");

        assertThat(pre.statusCode()).isEqualTo(200);
        assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(pre.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
        assertThat(pre.headers().firstValue("Access-Control-Allow-Headers")).contains("authorization,content-type");
        assertThat(pre.body()).isEqualTo("{}");

        HttpResponse<String> post = t.raw("POST", "/v1/tokens", "key=" + t.sandbox.publishableKey()
                + "&card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2049", "Origin",
                "http://shop.example");
        assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(post.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("Request-Id");
    }

    @Test
    void an_overlong_idempotency_key_is_refused() {
        HttpResponse<String> r = t.post("/v1/charges", "amount=1000&currency=usd&source=tok_visa",
                "Idempotency-Key", "k".repeat(256));

        assertThat(r.statusCode()).isEqualTo(400);
    }

    @Test
    void token_creation_is_rate_limited_per_ip_when_configured() {
        try (Sandbox s = Sandbox.start(Map.of("sandbox.token-rate-limit", "3"))) {
            TestSandbox o = new TestSandbox(s);
            String body = "card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2049";
            int limited = 0;
            HttpResponse<String> last = null;
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> r = o.raw("POST", "/v1/tokens", body, "Authorization",
                        "Bearer " + s.publishableKey());
                if (r.statusCode() == 429) {
                    limited++;
                    last = r;
                }
            }

            assertThat(limited).isGreaterThanOrEqualTo(5);
            assertThat(TestSandbox.error(last).get("code").getAsString()).isEqualTo("rate_limit");
            assertThat(catchRateLimit(o)).isInstanceOf(com.stripe.exception.RateLimitException.class);
            // charges are not limited
            assertThat(o.post("/v1/charges", "amount=1000&currency=usd&source=tok_visa").statusCode()).isEqualTo(200);
        }
    }

    private static Throwable catchRateLimit(TestSandbox o) {
        Throwable last = null;
        for (int i = 0; i < 10 && !(last instanceof com.stripe.exception.RateLimitException); i++) {
            last = org.assertj.core.api.Assertions.catchThrowable(() -> o.token("4242424242424242"));
        }
        return last;
    }

    @Test
    void the_charge_delay_slows_charges_only() {
        try (Sandbox s = Sandbox.start(Map.of("sandbox.charge-delay", "400ms"))) {
            TestSandbox o = new TestSandbox(s);
            long t0 = System.nanoTime();
            assertThat(o.post("/v1/charges", "amount=1000&currency=usd&source=tok_visa").statusCode()).isEqualTo(200);
            long chargeMillis = (System.nanoTime() - t0) / 1_000_000;

            assertThat(chargeMillis).isGreaterThanOrEqualTo(400);
        }
    }
}
