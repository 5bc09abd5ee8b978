package dev.checkout.sandbox.sdk;

import com.google.gson.JsonObject;
import com.stripe.exception.CardException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.Refund;
import com.stripe.param.ChargeCaptureParams;
import com.stripe.param.ChargeCreateParams;
import com.stripe.param.ChargeUpdateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundUpdateParams;
import dev.checkout.sandbox.Sandbox;
import dev.checkout.sandbox.TestSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Events through stripe-java (spec 13.1, 13.2): which changes record which event, the object as it was right after
 * the change, {@code previous_attributes}, the request that caused it, and {@code /v1/events}' filters and paging.
 * A sandbox of its own, so that the newest events are this test's.
 */
class EventTest {
    private static TestSandbox t;

    @BeforeAll
    static void start() {
        t = new TestSandbox(Sandbox.start());
    }

    @AfterAll
    static void stop() {
        t.sandbox.close();
    }

    private static List<Event> newest(int n, String type) throws Exception {
        EventListParams.Builder params = EventListParams.builder().setLimit((long) n);
        if (type != null) {
            params.setType(type);
        }
        return t.secret.v1().events().list(params.build()).getData();
    }

    private static Charge chargeOf(Event e) {
        return (Charge) e.getDataObjectDeserializer().getObject().orElseThrow(
                () -> new AssertionError("stripe-java could not deserialize the event's object (api_version "
                        + e.getApiVersion() + ")"));
    }

    @Test
    synchronized void a_charge_records_charge_succeeded_with_the_charge_and_the_request_that_made_it()
            throws Exception {
        HttpResponse<String> made = t.post("/v1/charges", "amount=1234&currency=eur&source=tok_visa",
                "Idempotency-Key", "evt-test-key-1");
        assertThat(made.statusCode()).isEqualTo(200);
        String chargeId = TestSandbox.json(made).get("id").getAsString();

        Event e = newest(1, "charge.succeeded").getFirst();

        assertThat(e.getId()).startsWith("evt_");
        assertThat(e.getObject()).isEqualTo("event");
        assertThat(e.getApiVersion()).isEqualTo("2026-07-29.dahlia");
        assertThat(e.getLivemode()).isFalse();
        assertThat(e.getPendingWebhooks()).isZero();
        assertThat(e.getRequest().getId()).isEqualTo(made.headers().firstValue("Request-Id").orElseThrow());
        assertThat(e.getRequest().getIdempotencyKey()).isEqualTo("evt-test-key-1");
        Charge c = chargeOf(e);
        assertThat(c.getId()).isEqualTo(chargeId);
        assertThat(c.getAmount()).isEqualTo(1234L);
        assertThat(c.getCurrency()).isEqualTo("eur");
        assertThat(c.getPaid()).isTrue();
        Event retrieved = t.secret.v1().events().retrieve(e.getId());
        assertThat(retrieved.getType()).isEqualTo("charge.succeeded");
        assertThat(chargeOf(retrieved).getId()).isEqualTo(chargeId);

        // the same key again replays the answer and records nothing
        HttpResponse<String> replay = t.post("/v1/charges", "amount=1234&currency=eur&source=tok_visa",
                "Idempotency-Key", "evt-test-key-1");
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(newest(1, "charge.succeeded").getFirst().getId()).isEqualTo(e.getId());
    }

    @Test
    synchronized void a_declined_charge_records_charge_failed_though_the_api_answered_402() throws Exception {
        // raw, without an Idempotency-Key (stripe-java adds one of its own to every POST)
        HttpResponse<String> declined = t.post("/v1/charges",
                "amount=500&currency=usd&source=tok_chargeDeclinedInsufficientFunds");
        assertThat(declined.statusCode()).isEqualTo(402);

        Event e = newest(1, "charge.failed").getFirst();

        Charge c = chargeOf(e);
        assertThat(c.getId()).isEqualTo(TestSandbox.error(declined).get("charge").getAsString());
        assertThat(c.getStatus()).isEqualTo("failed");
        assertThat(c.getFailureCode()).isEqualTo("card_declined");
        assertThat(e.getRequest().getId()).isEqualTo(declined.headers().firstValue("Request-Id").orElseThrow());
        assertThat(e.getRequest().getIdempotencyKey()).isNull();

        var throughSdk = catchThrowableOfType(CardException.class, () -> t.charge("tok_chargeDeclined", 500));
        Event viaSdk = newest(1, "charge.failed").getFirst();
        assertThat(chargeOf(viaSdk).getId()).isEqualTo(throughSdk.getCharge());
        assertThat(viaSdk.getRequest().getIdempotencyKey()).as("the key stripe-java sent").isNotBlank();
    }

    @Test
    synchronized void a_partial_refund_records_charge_refunded_with_the_old_amounts_then_refund_created()
            throws Exception {
        Charge c = t.charge("tok_visa", 3000);

        Refund r = t.secret.v1().refunds().create(RefundCreateParams.builder().setCharge(c.getId()).setAmount(1000L)
                .build());

        List<Event> two = newest(2, null);
        assertThat(two).extracting(Event::getType).containsExactly("refund.created", "charge.refunded");
        Refund inEvent = (Refund) two.get(0).getDataObjectDeserializer().getObject().orElseThrow();
        assertThat(inEvent.getId()).isEqualTo(r.getId());
        assertThat(inEvent.getAmount()).isEqualTo(1000L);
        Event refunded = two.get(1);
        assertThat(chargeOf(refunded).getAmountRefunded()).isEqualTo(1000L);
        JsonObject previous = previousAttributes(refunded);
        assertThat(previous.get("amount_refunded").getAsLong()).isZero();
        assertThat(previous.has("refunded")).as("still not fully refunded: unchanged").isFalse();
        assertThat(previous.has("amount")).as("unchanged fields are not listed").isFalse();
    }

    @Test
    synchronized void updates_record_charge_updated_and_refund_updated_with_what_changed_and_a_no_op_records_nothing()
            throws Exception {
        Charge c = t.charge("tok_visa", 700);
        t.secret.v1().charges().update(c.getId(), ChargeUpdateParams.builder().setDescription("gift")
                .putMetadata("order", "42").build());

        Event updated = newest(1, null).getFirst();
        assertThat(updated.getType()).isEqualTo("charge.updated");
        assertThat(chargeOf(updated).getDescription()).isEqualTo("gift");
        JsonObject previous = previousAttributes(updated);
        assertThat(previous.get("description").isJsonNull()).isTrue();
        assertThat(previous.getAsJsonObject("metadata").size()).isZero();
        assertThat(previous.keySet()).containsExactlyInAnyOrder("description", "metadata");

        t.secret.v1().charges().update(c.getId(), ChargeUpdateParams.builder().setDescription("gift").build());
        assertThat(newest(1, null).getFirst().getId()).as("nothing changed, nothing recorded")
                .isEqualTo(updated.getId());

        Refund r = t.secret.v1().refunds().create(RefundCreateParams.builder().setCharge(c.getId()).build());
        t.secret.v1().refunds().update(r.getId(), RefundUpdateParams.builder().putMetadata("ticket", "7").build());
        Event refundUpdated = newest(1, null).getFirst();
        assertThat(refundUpdated.getType()).isEqualTo("refund.updated");
        assertThat(previousAttributes(refundUpdated).getAsJsonObject("metadata").size()).isZero();
    }

    @Test
    synchronized void a_capture_records_charge_captured_with_what_it_was_before() throws Exception {
        Charge c = t.secret.v1().charges().create(ChargeCreateParams.builder().setAmount(2000L).setCurrency("usd")
                .setSource("tok_visa").setCapture(false).build());

        t.secret.v1().charges().capture(c.getId(), ChargeCaptureParams.builder().setAmount(1500L).build());

        Event e = newest(1, "charge.captured").getFirst();
        assertThat(chargeOf(e).getAmountCaptured()).isEqualTo(1500L);
        JsonObject previous = previousAttributes(e);
        assertThat(previous.get("captured").getAsBoolean()).isFalse();
        assertThat(previous.get("amount_captured").getAsLong()).isZero();
        assertThat(previous.get("amount_refunded").getAsLong()).isZero();
    }

    @Test
    synchronized void lists_filter_by_type_with_a_wildcard_or_by_types_and_page_newest_first() throws Exception {
        Charge c = t.charge("tok_visa", 900);
        t.secret.v1().refunds().create(RefundCreateParams.builder().setCharge(c.getId()).build());

        assertThat(newest(3, "charge.*")).extracting(Event::getType).doesNotContain("refund.created")
                .startsWith("charge.refunded", "charge.succeeded");
        var byTypes = t.secret.v1().events().list(EventListParams.builder().setLimit(2L)
                .addType("refund.created").addType("charge.succeeded").build()).getData();
        assertThat(byTypes).extracting(Event::getType).containsExactly("refund.created", "charge.succeeded");

        List<Event> firstPage = newest(2, null);
        var next = t.secret.v1().events().list(EventListParams.builder().setLimit(2L)
                .setStartingAfter(firstPage.getLast().getId()).build());
        assertThat(next.getData()).extracting(Event::getId).doesNotContainAnyElementsOf(
                firstPage.stream().map(Event::getId).toList());
        assertThat(next.getData().getFirst().getCreated()).isLessThanOrEqualTo(firstPage.getLast().getCreated());

        long future = firstPage.getFirst().getCreated() + 1;
        assertThat(t.secret.v1().events().list(EventListParams.builder()
                .setCreated(EventListParams.Created.builder().setGte(future).build()).build()).getData()).isEmpty();
    }

    @Test
    void bad_requests_are_named_and_events_need_the_secret_key() {
        HttpResponse<String> both = t.get("/v1/events?type=charge.succeeded&types[]=refund.created");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(TestSandbox.error(both).get("param").getAsString()).isEqualTo("types");

        HttpResponse<String> missing = t.get("/v1/events/evt_doesnotexist");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(TestSandbox.error(missing).get("code").getAsString()).isEqualTo("resource_missing");

        HttpResponse<String> publishable = t.raw("GET", "/v1/events", null, "Authorization",
                "Bearer " + t.sandbox.publishableKey());
        assertThat(publishable.statusCode()).isEqualTo(401);
    }

    /** The event's {@code previous_attributes} as sent (retrieved again: list items carry no raw JSON). */
    private static JsonObject previousAttributes(Event e) throws Exception {
        JsonObject data = t.secret.v1().events().retrieve(e.getId()).getRawJsonObject().getAsJsonObject("data");
        assertThat(data.has("previous_attributes")).as(e.getType() + " has previous_attributes").isTrue();
        return data.getAsJsonObject("previous_attributes");
    }
}
