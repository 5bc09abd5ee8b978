package dev.checkout.app.support;

import io.micronaut.json.tree.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** What a browser and an auditor ask of the provider: tokens with the publishable key, charges with the secret key. */
public final class SandboxClient {
    private final String baseUrl;
    private final String publishableKey;
    private final String secretKey;
    private final Http http = new Http();

    public SandboxClient(String baseUrl, String publishableKey, String secretKey) {
        this.baseUrl = baseUrl;
        this.publishableKey = publishableKey;
        this.secretKey = secretKey;
    }

    /** Steps 1-3, as the card element does them: the card goes to the provider, a token comes back. */
    public String token(String cardNumber) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("card[number]", cardNumber);
        fields.put("card[exp_month]", "12");
        fields.put("card[exp_year]", "2034");
        fields.put("card[cvc]", "123");
        var response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/tokens"))
                .header("Authorization", "Bearer " + publishableKey)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.form(fields))).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("tokenization failed: " + response.body());
        }
        return Http.parse(response.body()).get("id").getStringValue();
    }

    /** Every charge the provider holds for the account (approved and failed), through its list API. */
    public List<JsonNode> charges() {
        return list("/v1/charges");
    }

    /** Every PaymentIntent the provider holds for the account, through its list API ({@code GET /v1/payment_intents}). */
    public List<JsonNode> paymentIntents() {
        return list("/v1/payment_intents");
    }

    /** One object by its path, e.g. {@code /v1/charges/ch_...}, with the secret key. */
    public JsonNode get(String path) {
        var response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + secretKey).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return Http.parse(response.body());
    }

    /**
     * The buyer on the provider's 3-D Secure test page, as the browser library shows it: the intent's
     * {@code next_action} names the page, and "Complete authentication" or "Fail authentication" posts
     * {@code result=complete} or {@code result=fail} to it.
     *
     * @param clientSecret the {@code clientSecret} of the checkout's {@code requires_action} answer
     */
    public void authenticate(String clientSecret, boolean complete) {
        String intent = clientSecret.substring(0, clientSecret.indexOf("_secret_"));
        String page = get("/v1/payment_intents/" + intent).get("next_action").get("use_stripe_sdk").get("stripe_js").getStringValue();
        var response = http.send(HttpRequest.newBuilder(URI.create(page))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("result=" + (complete ? "complete" : "fail"))).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the challenge page answered " + response.statusCode() + ": " + response.body());
        }
    }

    private List<JsonNode> list(String path) {
        var all = new ArrayList<JsonNode>();
        String after = null;
        while (true) {
            String url = baseUrl + path + "?limit=100" + (after == null ? "" : "&starting_after=" + after);
            JsonNode page = Http.parse(http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + secretKey).GET().build()).body());
            JsonNode data = page.get("data");
            data.values().forEach(all::add);
            if (!page.get("has_more").getBooleanValue() || data.size() == 0) {
                return all;
            }
            after = data.get(data.size() - 1).get("id").getStringValue();
        }
    }
}
