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
        var all = new ArrayList<JsonNode>();
        String after = null;
        while (true) {
            String url = baseUrl + "/v1/charges?limit=100" + (after == null ? "" : "&starting_after=" + after);
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
