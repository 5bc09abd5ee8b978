package dev.checkout.sandbox.webhook;

import com.google.gson.JsonParser;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.WebhookEndpoint;
import com.stripe.net.Webhook;
import com.stripe.param.EventListParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.WebhookEndpointCreateParams;
import com.stripe.param.WebhookEndpointUpdateParams;
import dev.checkout.sandbox.Sandbox;
import dev.checkout.sandbox.TestSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Webhook endpoints and delivery through stripe-java (PaymentIntents spec 7 and 10, stripe-api spec 13.3-13.4):
 * the endpoints API, signatures that {@code Webhook.constructEvent} accepts, subscriptions, retries with a bound,
 * and an API that a slow endpoint does not slow. A sandbox of its own with retries 200 ms apart.
 */
class WebhookTest {
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static TestSandbox t;
    private final List<String> endpoints = new ArrayList<>();
    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @BeforeAll
    static void start() {
        t = new TestSandbox(Sandbox.start(Map.of("sandbox.webhook.retry-delays", "200ms,200ms",
                "sandbox.webhook.timeout", "1s")));
    }

    @AfterAll
    static void stop() {
        t.sandbox.close();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String id : endpoints) {
            t.secret.v1().webhookEndpoints().delete(id);
        }
        receivers.forEach(WebhookReceiver::close);
    }

    private WebhookReceiver receiver() {
        var r = new WebhookReceiver();
        receivers.add(r);
        return r;
    }

    private WebhookEndpoint endpoint(String url, String... events) throws Exception {
        var params = WebhookEndpointCreateParams.builder().setUrl(url);
        for (String e : events) {
            // stripe-java's names: "*" is ALL, "charge.succeeded" is CHARGE__SUCCEEDED
            params.addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.valueOf(
                    e.equals("*") ? "ALL" : e.toUpperCase().replace(".", "__")));
        }
        WebhookEndpoint created = t.secret.v1().webhookEndpoints().create(params.build());
        endpoints.add(created.getId());
        return created;
    }

    private static Event verified(WebhookReceiver.Delivery d, String secret) throws SignatureVerificationException {
        return Webhook.constructEvent(d.body(), d.signature(), secret);
    }

    private static long pendingWebhooks(String eventId) throws Exception {
        return t.secret.v1().events().retrieve(eventId).getPendingWebhooks();
    }

    private static void awaitPending(String eventId, long expected) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (pendingWebhooks(eventId) != expected) {
            assertThat(System.nanoTime()).as("pending_webhooks of " + eventId + " to reach " + expected)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void an_endpoint_shows_its_secret_once_and_is_read_updated_listed_and_deleted() throws Exception {
        WebhookEndpoint created = endpoint("https://shop.example/hooks", "charge.succeeded", "charge.refunded");

        assertThat(created.getId()).startsWith("we_").hasSize(27);
        assertThat(created.getSecret()).startsWith("whsec_").hasSize(38);
        assertThat(created.getStatus()).isEqualTo("enabled");
        assertThat(created.getEnabledEvents()).containsExactly("charge.succeeded", "charge.refunded");
        WebhookEndpoint read = t.secret.v1().webhookEndpoints().retrieve(created.getId());
        assertThat(read.getSecret()).as("the secret is shown only at creation").isNull();
        assertThat(read.getUrl()).isEqualTo("https://shop.example/hooks");

        WebhookEndpoint updated = t.secret.v1().webhookEndpoints().update(created.getId(),
                WebhookEndpointUpdateParams.builder().setDisabled(true).setDescription("paused").build());
        assertThat(updated.getStatus()).isEqualTo("disabled");
        assertThat(updated.getDescription()).isEqualTo("paused");
        assertThat(t.secret.v1().webhookEndpoints().list().getData()).extracting(WebhookEndpoint::getId)
                .contains(created.getId());

        WebhookEndpoint deleted = t.secret.v1().webhookEndpoints().delete(created.getId());
        endpoints.remove(created.getId());
        assertThat(deleted.getDeleted()).isTrue();
        var gone = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().webhookEndpoints().retrieve(created.getId()));
        assertThat(gone.getStatusCode()).isEqualTo(404);
        assertThat(gone.getCode()).isEqualTo("resource_missing");
    }

    @Test
    void a_bad_endpoint_is_refused_with_the_field_named() {
        HttpResponse<String> ftp = t.post("/v1/webhook_endpoints", "url=ftp://x.example/h&enabled_events[]=*");
        assertThat(ftp.statusCode()).isEqualTo(400);
        assertThat(TestSandbox.error(ftp).get("param").getAsString()).isEqualTo("url");
        assertThat(TestSandbox.error(ftp).get("code").getAsString()).isEqualTo("url_invalid");

        HttpResponse<String> noEvents = t.post("/v1/webhook_endpoints", "url=https://x.example/h");
        assertThat(noEvents.statusCode()).isEqualTo(400);
        assertThat(TestSandbox.error(noEvents).get("param").getAsString()).isEqualTo("enabled_events");

        HttpResponse<String> unknown = t.post("/v1/webhook_endpoints",
                "url=https://x.example/h&enabled_events[]=charge.exploded");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(TestSandbox.error(unknown).get("message").getAsString()).contains("charge.exploded");

        HttpResponse<String> version = t.post("/v1/webhook_endpoints/we_123", "api_version=2026-07-29.dahlia");
        assertThat(version.statusCode()).as("api_version cannot be updated").isEqualTo(400);
    }

    @Test
    void a_charge_is_delivered_signed_so_that_stripe_java_verifies_it_and_a_forged_body_fails() throws Exception {
        var receiver = receiver();
        WebhookEndpoint ep = endpoint(receiver.url(), "charge.succeeded");

        Charge c = t.charge("tok_visa", 4200);

        WebhookReceiver.Delivery d = receiver.await(1, WITHIN).getFirst();
        Event e = verified(d, ep.getSecret());
        assertThat(e.getType()).isEqualTo("charge.succeeded");
        assertThat(((Charge) e.getDataObjectDeserializer().getObject().orElseThrow()).getId()).isEqualTo(c.getId());
        assertThat(d.userAgent()).startsWith("Stripe/1.0");
        assertThat(d.contentType()).startsWith("application/json");
        assertThat(d.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThatThrownBy(() -> Webhook.constructEvent(d.body().replace("4200", "4201"), d.signature(),
                ep.getSecret())).isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(() -> verified(d, "whsec_someoneElse")).isInstanceOf(SignatureVerificationException.class);
        awaitPending(e.getId(), 0);
    }

    @Test
    void only_subscribed_enabled_endpoints_get_an_event() throws Exception {
        var refundsOnly = receiver();
        var disabled = receiver();
        endpoint(refundsOnly.url(), "refund.created");
        WebhookEndpoint off = endpoint(disabled.url(), "*");
        t.secret.v1().webhookEndpoints().update(off.getId(), WebhookEndpointUpdateParams.builder().setDisabled(true)
                .build());

        Charge c = t.charge("tok_visa", 1000);
        t.secret.v1().refunds().create(RefundCreateParams.builder().setCharge(c.getId()).build());

        WebhookReceiver.Delivery d = refundsOnly.await(1, WITHIN).getFirst();
        assertThat(JsonParser.parseString(d.body()).getAsJsonObject().get("type").getAsString())
                .isEqualTo("refund.created");
        Thread.sleep(500);
        // one event; delivered at least once (on a loaded host an answer can miss the 1 s timeout and be sent again)
        assertThat(refundsOnly.received().stream().map(r -> JsonParser.parseString(r.body()).getAsJsonObject()
                .get("id").getAsString()).distinct()).containsExactly(
                JsonParser.parseString(d.body()).getAsJsonObject().get("id").getAsString());
        assertThat(disabled.received()).isEmpty();
    }

    @Test
    void a_failed_delivery_is_retried_with_a_valid_signature_until_a_2xx() throws Exception {
        var receiver = receiver().answering(n -> n < 3 ? 500 : 200);
        WebhookEndpoint ep = endpoint(receiver.url(), "charge.succeeded");

        t.charge("tok_visa", 1500);

        List<WebhookReceiver.Delivery> three = receiver.await(3, WITHIN);
        List<String> ids = new ArrayList<>();
        for (WebhookReceiver.Delivery d : three) {
            ids.add(verified(d, ep.getSecret()).getId());
        }
        assertThat(ids).as("one event, delivered three times").containsOnly(ids.getFirst());
        awaitPending(ids.getFirst(), 0);
    }

    @Test
    void an_endpoint_that_always_fails_is_tried_a_bounded_number_of_times_and_its_event_stays_pending()
            throws Exception {
        var receiver = receiver().answering(n -> 500);
        WebhookEndpoint ep = endpoint(receiver.url(), "charge.succeeded");

        t.charge("tok_visa", 1600);

        List<WebhookReceiver.Delivery> attempts = receiver.await(3, WITHIN);
        String eventId = verified(attempts.getFirst(), ep.getSecret()).getId();
        Thread.sleep(1000); // two retry delays: no fourth attempt comes
        assertThat(receiver.received()).as("one attempt and two retries").hasSize(3);
        assertThat(pendingWebhooks(eventId)).isEqualTo(1);
        var undelivered = t.secret.v1().events().list(EventListParams.builder().setDeliverySuccess(false).build());
        assertThat(undelivered.getData()).extracting(Event::getId).contains(eventId);
    }

    @Test
    void a_slow_endpoint_does_not_slow_the_api() throws Exception {
        var receiver = receiver().slowBy(Duration.ofSeconds(3));
        endpoint(receiver.url(), "*");

        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            t.charge("tok_visa", 700);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("five charges while every delivery hangs for 3 s").isLessThan(Duration.ofSeconds(2));
        receiver.await(1, WITHIN);
    }

    @Test
    void forwarding_sends_every_event_signed_with_the_configured_secret() throws Exception {
        var receiver = receiver();
        try (Sandbox forwarding = Sandbox.start(Map.of("sandbox.forward-to", receiver.url(),
                "sandbox.webhook-secret", "whsec_forwardedInTests"))) {
            var s = new TestSandbox(forwarding);

            Charge c = s.charge("tok_visa", 2500);

            Event e = verified(receiver.await(1, WITHIN).getFirst(), "whsec_forwardedInTests");
            assertThat(e.getType()).isEqualTo("charge.succeeded");
            assertThat(((Charge) e.getDataObjectDeserializer().getObject().orElseThrow()).getId())
                    .isEqualTo(c.getId());
            assertThat(s.secret.v1().webhookEndpoints().list().getData()).singleElement()
                    .satisfies(ep -> assertThat(ep.getUrl()).isEqualTo(receiver.url()));
        }
    }

    @Test
    void deliveries_start_no_faster_than_the_rate_and_beyond_the_pending_bound_are_dropped_not_kept()
            throws Exception {
        var receiver = receiver();
        try (Sandbox limited = Sandbox.start(Map.of("sandbox.forward-to", receiver.url(),
                "sandbox.webhook.max-rate", "5", "sandbox.webhook.max-pending", "10"))) {
            var s = new TestSandbox(limited);
            long started = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                s.charge("tok_visa", 100 + i);
            }
            Duration charging = Duration.ofNanos(System.nanoTime() - started);
            int soFar = receiver.received().size();
            // a second's burst (5), then 5 per second; the API did not wait for any of it
            assertThat(soFar).isLessThanOrEqualTo(5 + 5 * (int) (charging.toMillis() / 1000 + 1));

            // at most 10 waited at once: all of those arrive, the rest were dropped and stay pending at the provider
            Thread.sleep(3_000);
            int all = receiver.received().size();
            assertThat(all).isGreaterThanOrEqualTo(10).isLessThan(100);
            List<Event> undelivered = new ArrayList<>();
            s.secret.v1().events().list(com.stripe.param.EventListParams.builder().setDeliverySuccess(false)
                    .setLimit(100L).build()).autoPagingIterable().forEach(undelivered::add);
            assertThat(undelivered).hasSize(100 - all)
                    .allSatisfy(e -> assertThat(e.getPendingWebhooks()).isEqualTo(1));
        }
    }

    @Test
    void a_queued_delivery_whose_event_was_evicted_takes_no_slot_of_the_rate() throws Exception {
        var receiver = receiver();
        // 1 attempt per second, 5 events kept: of 30 charges' events the first 25 are evicted while queued. Counted
        // against the rate, their no-op attempts would hold the 5 kept ones back for about 25 s
        try (Sandbox limited = Sandbox.start(Map.of("sandbox.forward-to", receiver.url(),
                "sandbox.webhook.max-rate", "1", "sandbox.max-events", "5"))) {
            var s = new TestSandbox(limited);
            for (int i = 0; i < 30; i++) {
                s.charge("tok_visa", 100 + i);
            }
            List<String> kept = new ArrayList<>();
            s.secret.v1().events().list(EventListParams.builder().setLimit(5L).build()).getData()
                    .forEach(e -> kept.add(e.getId()));
            assertThat(kept).hasSize(5);

            // at most a second's burst went to early events before they were evicted; the 5 kept ones follow
            // at 1 per second
            long deadline = System.nanoTime() + Duration.ofSeconds(12).toNanos();
            List<String> got = List.of();
            while (System.nanoTime() < deadline) {
                got = receiver.received().stream()
                        .map(d -> JsonParser.parseString(d.body()).getAsJsonObject().get("id").getAsString()).toList();
                if (got.containsAll(kept)) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(got).containsAll(kept);
        }
    }
}
