package dev.checkout.adapter.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.param.ChargeListParams;
import com.stripe.param.TokenCreateParams;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.payment.ClientSecret;
import dev.checkout.domain.payment.PaymentToken;
import dev.checkout.sandbox.Sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The browser's side of the flow against a running sandbox: card data plus the publishable key become a fresh,
 * single-use token (steps 1-3), through the unmodified stripe-java, as Stripe.js would do it. Also reads the sandbox's
 * records with the secret key, independently of the adapter under test.
 */
final class SandboxCards {
    static final String APPROVED = "4242424242424242";
    static final String INSUFFICIENT_FUNDS = "4000000000009995";
    /** Always asks for 3-D Secure, then is approved (PaymentIntents spec 4.1). */
    static final String AUTHENTICATION_REQUIRED = "4000002760003184";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Sandbox sandbox;
    private final StripeClient browser;
    private final StripeClient dashboard;

    SandboxCards(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.browser = StripeClient.builder().setApiKey(sandbox.publishableKey()).setApiBase(sandbox.baseUrl()).build();
        this.dashboard = StripeClient.builder().setApiKey(sandbox.secretKey()).setApiBase(sandbox.baseUrl()).build();
    }

    /** A fresh single-use token for this test card number. */
    PaymentToken token(String cardNumber) {
        var card = TokenCreateParams.Card.builder()
                .setNumber(cardNumber).setExpMonth("12").setExpYear("2034").setCvc("123").setAddressZip("94110")
                .build();
        try {
            return PaymentToken.of(browser.v1().tokens().create(TokenCreateParams.builder().setCard(card).build()).getId());
        } catch (StripeException e) {
            throw new AssertionError("the sandbox refused to tokenize " + cardNumber + ": " + e.getMessage(), e);
        }
    }

    /** The adapter's settings for this sandbox: short timeouts, no retries unless a test asks for them. */
    StripeSettings settings() {
        return new StripeSettings(sandbox.baseUrl(), sandbox.secretKey(), Duration.ofSeconds(2), Duration.ofSeconds(10), 0);
    }

    /** Every charge the sandbox holds for this order (tagged with metadata order_id), newest first. */
    List<Charge> chargesOf(OrderId orderId, Instant since) {
        var found = new ArrayList<Charge>();
        var params = ChargeListParams.builder()
                .setCreated(ChargeListParams.Created.builder().setGte(since.getEpochSecond()).build())
                .setLimit(100L).build();
        try {
            for (Charge charge : dashboard.v1().charges().list(params).autoPagingIterable()) {
                if (orderId.value().equals(charge.getMetadata().get(StripePaymentGateway.ORDER_ID))) {
                    found.add(charge);
                }
            }
        } catch (StripeException e) {
            throw new AssertionError("could not list the sandbox's charges: " + e.getMessage(), e);
        }
        return found;
    }

    /**
     * The buyer on the sandbox's 3-D Secure test page, as the browser library opens it: the intent's
     * {@code next_action} names the page; pressing "Complete authentication" or "Fail authentication" posts
     * {@code result=complete} or {@code result=fail} to it.
     */
    void authenticate(ClientSecret secret, boolean complete) {
        String intentId = secret.reveal().substring(0, secret.reveal().indexOf("_secret_"));
        try {
            PaymentIntent intent = dashboard.v1().paymentIntents().retrieve(intentId);
            if (intent.getNextAction() == null) {
                throw new AssertionError(intentId + " is " + intent.getStatus() + ", not waiting for authentication");
            }
            String page = (String) intent.getNextAction().getUseStripeSdk().get("stripe_js");
            HttpResponse<String> pressed = HTTP.send(HttpRequest.newBuilder(URI.create(page))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("result=" + (complete ? "complete" : "fail"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (pressed.statusCode() != 200) {
                throw new AssertionError("the challenge page answered " + pressed.statusCode() + ": " + pressed.body());
            }
        } catch (StripeException | IOException e) {
            throw new AssertionError("could not authenticate " + intentId + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    StripeClient dashboard() {
        return dashboard;
    }
}
