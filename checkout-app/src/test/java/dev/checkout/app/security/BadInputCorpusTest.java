package dev.checkout.app.security;

import dev.checkout.app.reliability.InProcessCheckout;
import dev.checkout.app.support.Http;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus of malformed requests to {@code POST /purchase}, the admin API and the sandbox's {@code /v1}: every answer
 * is a 4xx with a JSON error naming the problem, none is a 5xx, and afterwards the provider holds no new charge and
 * the catalogue's stock is what it was. The corpus is the tables below.
 */
class BadInputCorpusTest {
    private static final String SKU = "corpus-mug";
    private static final long PRICE = 10_00;
    private static final long STOCK = 50;

    private static InProcessCheckout shop;
    private static String token;
    /** A paid order (2 units of {@link #SKU}) that the merchant corpus tries to refund with bad requests. */
    private static String paidOrder;

    /** One malformed request and where it goes; {@code body} null means none. */
    record Bad(String name, String method, String url, Map<String, String> headers, byte[] body) {
        @Override
        public String toString() {
            return name + " (" + method + " " + url.replaceFirst("http://[^/]+", "") + ")";
        }
    }

    @BeforeAll
    static void start() {
        shop = InProcessCheckout.start(Map.of(), Map.of());
        shop.store().stock(SKU, PRICE, STOCK);
        token = shop.provider().token("4242424242424242");
        var bought = shop.store().purchase("{\"token\":\"" + shop.provider().token("4242424242424242") + "\",\"amount\":"
                + 2 * PRICE + ",\"currency\":\"usd\",\"items\":[{\"sku\":\"" + SKU + "\",\"quantity\":2}]}", null);
        assertThat(bought.statusCode()).as(bought.body()).isEqualTo(201);
        paidOrder = Http.parse(bought.body()).get("orderId").getStringValue();
        // the corpus starts from this stock
        shop.store().stock(SKU, PRICE, STOCK);
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void every_malformed_request_gets_a_4xx_json_error_and_changes_nothing() {
        List<Bad> corpus = new ArrayList<>();
        corpus.addAll(purchaseCorpus());
        corpus.addAll(adminCorpus());
        corpus.addAll(merchantCorpus());
        corpus.addAll(sandboxCorpus());
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);

        int charges = shop.provider().charges().size();
        String products = shop.store().get("/api/products").body();

        List<String> failures = new ArrayList<>();
        for (Bad bad : corpus) {
            HttpResponse<String> response;
            try {
                response = send(bad);
            } catch (java.io.UncheckedIOException noAnswer) {
                // A server that refuses an oversized body answers 413 at once and closes the connection while the
                // client is still sending (RFC 9112 9.6); the reset that follows can discard the answer before the
                // client reads it. For an oversized body, a closed connection is a refusal too; for nothing else.
                if (!bad.name().contains("oversized")) {
                    failures.add(bad + " -> no answer: " + noAnswer.getCause());
                }
                continue;
            }
            String problem = judge(response);
            if (problem != null) {
                failures.add(bad + " -> " + response.statusCode() + " " + abbreviate(response.body()) + ": " + problem);
            }
        }
        assertThat(failures).as("requests not refused with a 4xx JSON error out of " + corpus.size()).isEmpty();
        assertThat(shop.provider().charges()).as("charges at the provider").hasSize(charges);
        assertThat(shop.store().get("/api/products").body()).as("the catalogue and its stock").isEqualTo(products);
        assertThat(shop.store().available(SKU)).isEqualTo(STOCK);
        JsonNode order = Http.parse(shop.store().admin("GET", "/api/admin/orders/" + paidOrder, null).body());
        assertThat(order.get("status").getStringValue()).as("the paid order").isEqualTo("PAID");
        assertThat(order.get("refunds").size()).as("refunds recorded").isZero();
        String charge = order.get("charge").get("id").getStringValue();
        assertThat(shop.provider().charges().stream().filter(c -> c.get("id").getStringValue().equals(charge))
                .findFirst().orElseThrow().get("amount_refunded").getLongValue()).as("refunded at the provider").isZero();
    }

    /** Null if the answer is a proper refusal, else what is wrong with it. */
    private static String judge(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status < 400 || status > 499) {
            return "expected a 4xx";
        }
        JsonNode body;
        try {
            body = Http.parse(response.body());
        } catch (RuntimeException e) {
            return "body is not JSON";
        }
        JsonNode error = body.isObject() ? body.get("error") : null;
        if (error == null || !error.isObject()) {
            return "no error object";
        }
        JsonNode message = error.get("message");
        if (message == null || !message.isString() || message.getStringValue().isBlank()) {
            return "the error names no problem";
        }
        return null;
    }

    // ---------------------------------------------------------------- POST /purchase

    private static List<Bad> purchaseCorpus() {
        List<Bad> out = new ArrayList<>();
        String valid = "{\"token\":\"" + token + "\",\"amount\":" + PRICE + ",\"currency\":\"usd\",\"items\":[{\"sku\":\"" + SKU + "\",\"quantity\":1}]}";
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", "\"" + token + "\"");
        fields.put("amount", String.valueOf(PRICE));
        fields.put("currency", "\"usd\"");
        fields.put("items", "[{\"sku\":\"" + SKU + "\",\"quantity\":1}]");
        Map<String, List<String>> wrongValues = Map.of(
                "token", List.of("1", "true", "[]", "{}", "\"\"", "\"tok_\\u0000\"", "\"" + "t".repeat(5000) + "\"", "\"\\ud800\""),
                "amount", List.of("\"1000\"", "10.5", "1e3", "true", "[]", "{}", "-1000", "0", "-0", "9223372036854775808",
                        "-9223372036854775809", "1e400", "99999999999999999999999999999999", "NaN", "Infinity", "0x10", "1000.0", "" + (PRICE + 1)),
                "currency", List.of("1", "\"\"", "\"usdd\"", "\"US\"", "\"€€€\"", "\"xyz\"", "[\"usd\"]", "\"u\\u0000d\"", "true"),
                "items", List.of("\"x\"", "{}", "[]", "[1]", "[null]", "[[]]", "[\"" + SKU + "\"]",
                        "[{\"sku\":1,\"quantity\":1}]", "[{\"sku\":\"" + SKU + "\",\"quantity\":0}]",
                        "[{\"sku\":\"" + SKU + "\",\"quantity\":-1}]", "[{\"sku\":\"" + SKU + "\",\"quantity\":2147483648}]",
                        "[{\"sku\":\"" + SKU + "\",\"quantity\":1.5}]", "[{\"sku\":\"" + SKU + "\",\"quantity\":\"1\"}]",
                        "[{\"sku\":\"" + SKU + "\"}]", "[{\"quantity\":1}]", "[{\"sku\":\"" + SKU + "\",\"quantity\":1,\"price\":1}]",
                        "[{\"sku\":\"" + SKU + "\",\"quantity\":1001}]", "[{\"sku\":\"no-such-sku\",\"quantity\":1}]",
                        "[{\"sku\":\"\",\"quantity\":1}]", "[{\"sku\":\"ünï©ødé-☃-\uD83D\uDE00\",\"quantity\":1}]",
                        "[{\"sku\":\"" + "s".repeat(3000) + "\",\"quantity\":1}]",
                        "[" + "{\"sku\":\"" + SKU + "\",\"quantity\":1},".repeat(200) + "{\"sku\":\"" + SKU + "\",\"quantity\":1}]"));
        for (String field : fields.keySet()) {
            out.add(purchase("missing " + field, objectWithout(fields, field, null)));
            out.add(purchase("null " + field, objectWithout(fields, field, "null")));
            for (String wrong : wrongValues.get(field)) {
                out.add(purchase(field + "=" + abbreviate(wrong), objectWithout(fields, field, wrong)));
            }
        }
        out.add(purchase("extra field", valid.replace("{\"token\"", "{\"coupon\":\"FREE\",\"token\"")));
        out.add(purchase("extra field price", valid.replace("{\"token\"", "{\"price\":1,\"token\"")));
        for (String syntax : List.of("", " ", "{", "}", "[]", "null", "true", "1", "\"s\"", "{\"token\":}",
                valid.replace("]}", "],}"), valid.replace('"', '\''), "/*c*/" + valid, valid + "garbage", valid + valid,
                "{token:\"" + token + "\"}", "\u00EF\u00BB\u00BF" + valid, "{\"token\":\"" + token + "\",}",
                "[".repeat(100_00), "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
                valid.replace("[{", "[" + "[".repeat(3_000)).replace("}]", "]".repeat(3_000) + "}]"))) {
            out.add(purchase("syntax " + abbreviate(syntax), syntax));
        }
        out.add(new Bad("invalid UTF-8", "POST", shop.base() + "/purchase", json(),
                ("{\"token\":\"" + token + "\",\"currency\":\"").getBytes(StandardCharsets.UTF_8).length > 0
                        ? concat(("{\"token\":\"" + token + "\",\"amount\":1000,\"currency\":\"us").getBytes(StandardCharsets.UTF_8),
                        new byte[]{(byte) 0xC3, (byte) 0x28}, "\",\"items\":[]}".getBytes(StandardCharsets.UTF_8)) : null));
        out.add(new Bad("lone 0xFF bytes", "POST", shop.base() + "/purchase", json(), new byte[]{(byte) 0xFF, (byte) 0xFE, 0, 0}));
        // Not in the corpus: a UTF-16 body with a BOM. JSON parsers may accept it (RFC 8259 section 8.1) and ours does;
        // it is a valid purchase in another encoding, not a malformed one.
        out.add(new Bad("NUL bytes", "POST", shop.base() + "/purchase", json(), new byte[64]));
        out.add(new Bad("oversized body", "POST", shop.base() + "/purchase", json(),
                ("{\"token\":\"" + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8)));
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x")) {
            out.add(new Bad("content type " + type, "POST", shop.base() + "/purchase", Map.of("Content-Type", type),
                    type.contains("form") ? "token=tok_x&amount=1000".getBytes(StandardCharsets.UTF_8) : "<purchase/>".getBytes(StandardCharsets.UTF_8)));
        }
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
            out.add(new Bad("method " + method, method, shop.base() + "/purchase", json(), method.equals("GET") || method.equals("DELETE") ? null : bytes(valid.replace(token, "tok_unused"))));
        }
        return out;
    }

    private static Bad purchase(String name, String body) {
        return new Bad("purchase " + name, "POST", shop.base() + "/purchase", json(), bytes(body));
    }

    // ---------------------------------------------------------------- PUT /api/admin/products/{sku}

    private static List<Bad> adminCorpus() {
        List<Bad> out = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "\"Changed\"");
        fields.put("unitAmount", "1");
        fields.put("currency", "\"usd\"");
        fields.put("available", "999");
        Map<String, List<String>> wrongValues = Map.of(
                "name", List.of("1", "\"\"", "[]", "{}", "true", "\"" + "n".repeat(70_000) + "\""),
                "unitAmount", List.of("-1", "0", "\"1\"", "1.5", "1e2", "9223372036854775808", "99999999999999999999999", "[]", "true"),
                "currency", List.of("1", "\"\"", "\"dollars\"", "\"XX\"", "\"€\""),
                "available", List.of("-1", "\"9\"", "1.5", "-9223372036854775808", "18446744073709551616", "{}", "false"));
        for (String field : fields.keySet()) {
            out.add(admin("missing " + field, SKU, objectWithout(fields, field, null)));
            out.add(admin("null " + field, SKU, objectWithout(fields, field, "null")));
            for (String wrong : wrongValues.get(field)) {
                out.add(admin(field + "=" + abbreviate(wrong), SKU, objectWithout(fields, field, wrong)));
            }
        }
        String valid = objectWithout(fields, "none", null);
        out.add(admin("extra field", SKU, valid.replace("{\"name\"", "{\"id\":7,\"name\"")));
        for (String syntax : List.of("", "{", "[]", "null", "\"x\"", valid + "}", "{\"name\":".repeat(3_000) + "1" + "}".repeat(3_000))) {
            out.add(admin("syntax " + abbreviate(syntax), SKU, syntax));
        }
        out.add(new Bad("admin invalid UTF-8", "PUT", shop.base() + "/api/admin/products/" + SKU, adminJson(),
                concat("{\"name\":\"".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xE2, (byte) 0x28, (byte) 0xA1}, valid.substring(valid.indexOf("\",")).getBytes(StandardCharsets.UTF_8))));
        out.add(new Bad("admin oversized", "PUT", shop.base() + "/api/admin/products/" + SKU, adminJson(), bytes("{\"name\":\"" + "y".repeat(300_000) + "\"}")));
        for (String sku : List.of("%E2%82%AC%E2%82%AC", "a%20b", "%00", "..%2F..", "s".repeat(300), "a%3Cscript%3E", "%C3%28")) {
            out.add(admin("sku " + abbreviate(sku), sku, valid));
        }
        // bad auth, with an otherwise valid body that would change the stock
        for (Map.Entry<String, String> auth : Map.of(
                "no Authorization", "",
                "wrong token", "Bearer wrong-" + UUID.randomUUID(),
                "empty bearer", "Bearer ",
                "Basic scheme", "Basic " + Base64.getEncoder().encodeToString(("admin:" + shop.adminToken).getBytes(StandardCharsets.UTF_8)),
                "token prefix", "Bearer " + shop.adminToken.substring(0, shop.adminToken.length() - 1),
                "token with suffix", "Bearer " + shop.adminToken + "x",
                "lower-case scheme only", "bearer",
                "secret key as token", "Bearer " + shop.secretKey(),
                "Latin-1 token", "Bearer caf\u00e9").entrySet()) {
            Map<String, String> headers = new LinkedHashMap<>(json());
            if (!auth.getValue().isEmpty()) {
                headers.put("Authorization", auth.getValue());
            }
            out.add(new Bad("admin " + auth.getKey(), "PUT", shop.base() + "/api/admin/products/" + SKU, headers, bytes(valid)));
        }
        out.add(new Bad("admin text/plain", "PUT", shop.base() + "/api/admin/products/" + SKU,
                Map.of("Authorization", "Bearer " + shop.adminToken, "Content-Type", "text/plain"), bytes("name=x")));
        for (String method : List.of("POST", "DELETE", "PATCH")) {
            out.add(new Bad("admin method " + method, method, shop.base() + "/api/admin/products/" + SKU, adminJson(), method.equals("DELETE") ? null : bytes(valid)));
        }
        return out;
    }

    private static Bad admin(String name, String sku, String body) {
        return new Bad("admin " + name, "PUT", shop.base() + "/api/admin/products/" + sku, adminJson(), bytes(body));
    }

    // ---------------------------------------------------------------- the merchant's API (issue 17)

    private static List<Bad> merchantCorpus() {
        List<Bad> out = new ArrayList<>();
        String refunds = "/api/admin/orders/" + paidOrder + "/refunds";
        for (String body : List.of("{\"amount\":0}", "{\"amount\":-1}", "{\"amount\":\"5\"}", "{\"amount\":1.5}",
                "{\"amount\":1e3}", "{\"amount\":99999999999999999999}", "{\"amount\":" + (2 * PRICE + 1) + "}",
                "{\"amount\":[]}", "{\"restock\":\"all\"}", "{\"restock\":1}", "{\"restock\":[1]}", "{\"restock\":[{}]}",
                "{\"restock\":[{\"sku\":\"" + SKU + "\"}]}", "{\"restock\":[{\"sku\":\"" + SKU + "\",\"quantity\":3}]}",
                "{\"restock\":[{\"sku\":\"" + SKU + "\",\"quantity\":1},{\"sku\":\"" + SKU + "\",\"quantity\":2}]}",
                "{\"restock\":[{\"sku\":\"other\",\"quantity\":1}]}", "{\"restock\":[{\"sku\":\"a b\",\"quantity\":1}]}",
                "{\"restock\":[{\"sku\":\"" + SKU + "\",\"quantity\":0}]}", "{\"restock\":[{\"sku\":\"" + SKU + "\",\"quantity\":1,\"x\":1}]}",
                "{\"reason\":7}", "{\"reason\":\"" + "r".repeat(501) + "\"}", "{\"refund\":true}", "[]", "\"x\"", "{",
                "{\"amount\":1,\"amount\":2}")) {
            out.add(new Bad("refund " + abbreviate(body), "POST", shop.base() + refunds, adminJson(), bytes(body)));
        }
        for (String id : List.of("nope", "a%20b", "%00", "x".repeat(65))) {
            out.add(new Bad("refund of order " + abbreviate(id), "POST", shop.base() + "/api/admin/orders/" + id + "/refunds",
                    adminJson(), bytes("{}")));
        }
        out.add(new Bad("refund without token", "POST", shop.base() + refunds, json(), bytes("{}")));
        out.add(new Bad("refund text/plain", "POST", shop.base() + refunds,
                Map.of("Authorization", "Bearer " + shop.adminToken, "Content-Type", "text/plain"), bytes("amount=1")));
        String stock = "/api/admin/products/" + SKU + "/stock";
        for (String body : List.of("{}", "{\"delta\":0}", "{\"delta\":\"-1\"}", "{\"delta\":1.5}", "{\"delta\":null}",
                "{\"delta\":-" + (STOCK + 1) + "}", "{\"delta\":1000000001}", "{\"delta\":-9223372036854775808}",
                "{\"delta\":1,\"available\":3}", "[1]", "")) {
            out.add(new Bad("stock " + abbreviate(body), "POST", shop.base() + stock, adminJson(), bytes(body)));
        }
        out.add(new Bad("stock of an unknown product", "POST", shop.base() + "/api/admin/products/nope/stock", adminJson(), bytes("{\"delta\":1}")));
        out.add(new Bad("stock without token", "POST", shop.base() + stock, json(), bytes("{\"delta\":1}")));
        for (String body : List.of("{\"name\":\"\"}", "{\"unitAmount\":0}", "{\"currency\":\"dollars\"}", "{\"available\":1}", "{}x")) {
            out.add(new Bad("details " + abbreviate(body), "PATCH", shop.base() + "/api/admin/products/" + SKU, adminJson(), bytes(body)));
        }
        for (String query : List.of("limit=0", "limit=1000", "limit=x", "status=SHIPPED", "needs_attention=2",
                "created%5Bgte%5D=yesterday", "created%5Blt%5D=2026-13-01", "starting_after=nope", "starting_after=%00", "order=asc",
                "created%5Bgte%5D=2026-11-26T00:00:00Z&created%5Blt%5D=2026-11-25T00:00:00Z")) {
            out.add(new Bad("orders ?" + query, "GET", shop.base() + "/api/admin/orders?" + query, adminJson(), null));
        }
        for (String query : List.of("limit=0", "limit=-5", "starting_after=a%20b", "page=2")) {
            out.add(new Bad("products ?" + query, "GET", shop.base() + "/api/admin/products?" + query, adminJson(), null));
        }
        out.add(new Bad("summary without token", "GET", shop.base() + "/api/admin/summary", Map.of(), null));
        return out;
    }

    // ---------------------------------------------------------------- the sandbox's /v1

    private static List<Bad> sandboxCorpus() {
        List<Bad> out = new ArrayList<>();
        String pk = shop.publishableKey();
        String sk = shop.secretKey();
        Map<String, String> card = new LinkedHashMap<>();
        card.put("card[number]", "4242424242424242");
        card.put("card[exp_month]", "12");
        card.put("card[exp_year]", "2034");
        card.put("card[cvc]", "123");
        Map<String, List<String>> wrongCard = Map.of(
                "card[number]", List.of("", "abcd", "4242", "4242424242424241", "4".repeat(40), "４２４２４２４２４２４２４２４２"),
                "card[exp_month]", List.of("13", "0", "-1", "ab", "99999999999999999999", "1.5"),
                "card[exp_year]", List.of("1999", "20", "abcd", "99999999999999999999", "-2030"),
                "card[cvc]", List.of("1", "12345", "abc", "1 2 3"));
        for (String field : card.keySet()) {
            Map<String, String> without = new LinkedHashMap<>(card);
            without.remove(field);
            if (!field.equals("card[cvc]")) { // Stripe makes a token without a CVC (it is checked when given)
                out.add(form("tokens missing " + field, "/v1/tokens", pk, Http.form(without)));
            }
            for (String wrong : wrongCard.get(field)) {
                Map<String, String> changed = new LinkedHashMap<>(card);
                changed.put(field, wrong);
                out.add(form("tokens " + field + "=" + abbreviate(wrong), "/v1/tokens", pk, Http.form(changed)));
            }
        }
        String validCard = Http.form(card);
        out.add(form("tokens unknown parameter", "/v1/tokens", pk, validCard + "&colour=red"));
        out.add(form("tokens card as scalar", "/v1/tokens", pk, "card=4242424242424242"));
        out.add(form("tokens too deep", "/v1/tokens", pk, validCard + "&metadata" + "[a]".repeat(40) + "=1"));
        out.add(form("tokens bad percent", "/v1/tokens", pk, validCard.replace("card%5Bcvc%5D", "card%ZZcvc%5D")));
        out.add(form("tokens truncated percent", "/v1/tokens", pk, validCard + "&x=%"));
        out.add(new Bad("tokens invalid UTF-8", "POST", shop.sandboxBase() + "/v1/tokens", formHeaders(pk),
                concat(bytes(validCard + "&metadata[n]="), new byte[]{(byte) 0xC3, (byte) 0x28})));
        out.add(form("tokens with the secret key", "/v1/tokens", sk + "x", validCard));
        out.add(form("tokens unknown key", "/v1/tokens", "pk_test_nobody", validCard));
        out.add(new Bad("tokens no auth", "POST", shop.sandboxBase() + "/v1/tokens",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), bytes(validCard)));
        out.add(new Bad("tokens JSON body", "POST", shop.sandboxBase() + "/v1/tokens",
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + pk), bytes("{\"card\":{\"number\":\"4242424242424242\"}}")));
        out.add(new Bad("tokens oversized", "POST", shop.sandboxBase() + "/v1/tokens", formHeaders(pk),
                bytes(validCard + "&metadata[big]=" + "z".repeat(2_000_000))));

        Map<String, String> charge = new LinkedHashMap<>();
        charge.put("amount", "1000");
        charge.put("currency", "usd");
        charge.put("source", token);
        Map<String, List<String>> wrongCharge = Map.of(
                "amount", List.of("", "-1", "0", "abc", "10.5", "1e3", "99999999999999999999999", "9223372036854775808", "١٠٠٠"),
                "currency", List.of("", "usdd", "x", "€", "123"),
                "source", List.of("", "tok_doesnotexist", "card_1", "ch_x", "tok_" + "a".repeat(5_000)));
        for (String field : charge.keySet()) {
            Map<String, String> without = new LinkedHashMap<>(charge);
            without.remove(field);
            out.add(form("charges missing " + field, "/v1/charges", sk, Http.form(without)));
            for (String wrong : wrongCharge.get(field)) {
                Map<String, String> changed = new LinkedHashMap<>(charge);
                changed.put(field, wrong);
                out.add(form("charges " + field + "=" + abbreviate(wrong), "/v1/charges", sk, Http.form(changed)));
            }
        }
        String validCharge = Http.form(charge);
        out.add(form("charges unknown parameter", "/v1/charges", sk, validCharge + "&discount=100"));
        out.add(form("charges amount as array", "/v1/charges", sk, validCharge.replace("amount=", "amount[]=")));
        out.add(form("charges amount as hash", "/v1/charges", sk, validCharge.replace("amount=", "amount[x]=")));
        out.add(form("charges with the publishable key", "/v1/charges", pk, validCharge));
        out.add(form("charges wrong secret", "/v1/charges", "sk_test_wrong", validCharge));
        out.add(new Bad("charges no auth", "POST", shop.sandboxBase() + "/v1/charges",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), bytes(validCharge)));
        out.add(new Bad("charges garbage Basic auth", "POST", shop.sandboxBase() + "/v1/charges",
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", "Basic %%%not-base64"), bytes(validCharge)));
        out.add(new Bad("charges JSON body", "POST", shop.sandboxBase() + "/v1/charges",
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + sk), bytes("{\"amount\":-5}")));
        out.add(new Bad("charges oversized", "POST", shop.sandboxBase() + "/v1/charges", formHeaders(sk),
                bytes("amount=-1&metadata[big]=" + "z".repeat(2_000_000))));
        out.add(form("refunds unknown charge", "/v1/refunds", sk, "charge=ch_doesnotexist"));
        out.add(form("refunds negative amount", "/v1/refunds", sk, "charge=ch_doesnotexist&amount=-5"));
        out.add(form("refunds nothing", "/v1/refunds", sk, ""));
        for (String path : List.of("/v1/charges/ch_doesnotexist", "/v1/charges?limit=abc", "/v1/charges?limit=-1",
                "/v1/charges?limit=100000", "/v1/charges?starting_after=%C3%28", "/v1/tokens/tok_doesnotexist", "/v1/nothing-here")) {
            out.add(new Bad("GET " + path, "GET", shop.sandboxBase() + path, Map.of("Authorization", "Bearer " + sk), null));
        }
        out.add(new Bad("GET charges without auth", "GET", shop.sandboxBase() + "/v1/charges", Map.of(), null));
        out.add(new Bad("GET charges with pk", "GET", shop.sandboxBase() + "/v1/charges", Map.of("Authorization", "Bearer " + pk), null));
        for (String method : List.of("DELETE", "PUT", "PATCH")) {
            out.add(new Bad(method + " /v1/charges", method, shop.sandboxBase() + "/v1/charges", formHeaders(sk), method.equals("DELETE") ? null : bytes(validCharge)));
        }
        return out;
    }

    private static Bad form(String name, String path, String key, String body) {
        return new Bad("sandbox " + name, "POST", shop.sandboxBase() + path, formHeaders(key), bytes(body));
    }

    // ---------------------------------------------------------------- plumbing

    private static Map<String, String> formHeaders(String key) {
        return Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", "Bearer " + key);
    }

    private static Map<String, String> json() {
        return Map.of("Content-Type", "application/json", "Idempotency-Key", UUID.randomUUID().toString());
    }

    private static Map<String, String> adminJson() {
        return Map.of("Content-Type", "application/json", "Authorization", "Bearer " + shop.adminToken);
    }

    /** The object of {@code fields} with {@code field} left out (replacement null) or given {@code replacement}. */
    private static String objectWithout(Map<String, String> fields, String field, String replacement) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String value = e.getKey().equals(field) ? replacement : e.getValue();
            if (value == null) {
                continue;
            }
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(e.getKey()).append("\":").append(value);
        }
        return sb.append('}').toString();
    }

    private static HttpResponse<String> send(Bad bad) {
        var builder = HttpRequest.newBuilder(URI.create(bad.url()));
        bad.headers().forEach(builder::header);
        builder.method(bad.method(), bad.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bad.body()));
        // A connection of its own per request: a server may close a kept-alive connection after refusing a request
        // (e.g. 413), and a pooled client would then send the next one into the closing socket and see no answer.
        return new Http().send(builder.build());
    }


    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...(" + s.length() + ")";
    }
}
