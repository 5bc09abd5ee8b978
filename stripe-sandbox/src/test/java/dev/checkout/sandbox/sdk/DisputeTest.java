package dev.checkout.sandbox.sdk;

import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.param.EventListParams;
import dev.checkout.sandbox.Sandbox;
import dev.checkout.sandbox.TestSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispute cards (PaymentIntents spec 4.2, 6.1): {@code sandbox.dispute-delay} after the charge succeeded, a
 * dispute is opened, the charge reads {@code disputed}, and {@code charge.dispute.created} carries the dispute, all
 * read through stripe-java. Other cards are never disputed.
 */
class DisputeTest {
    private static TestSandbox t;

    @BeforeAll
    static void start() {
        t = new TestSandbox(Sandbox.start(Map.of("sandbox.dispute-delay", "200ms")));
    }

    @AfterAll
    static void stop() {
        t.sandbox.close();
    }

    /** The charge.dispute.created event about {@code chargeId}, waiting up to {@code within}; empty if none came. */
    private static Optional<Event> disputeCreated(String chargeId, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        do {
            for (Event e : t.secret.v1().events().list(EventListParams.builder().setType("charge.dispute.created")
                    .setLimit(100L).build()).getData()) {
                Dispute d = (Dispute) e.getDataObjectDeserializer().getObject().orElseThrow();
                if (chargeId.equals(d.getCharge())) {
                    return Optional.of(e);
                }
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    @Test
    void the_fraudulent_dispute_card_is_disputed_after_the_delay_with_its_event() throws Exception {
        Charge charge = t.charge("tok_createDispute", 42_00);
        assertThat(charge.getStatus()).isEqualTo("succeeded");
        assertThat(charge.getDisputed()).as("not at once: the dispute comes later").isFalse();

        Event event = disputeCreated(charge.getId(), Duration.ofSeconds(5)).orElseThrow(
                () -> new AssertionError("no charge.dispute.created for " + charge.getId()));

        Dispute dispute = (Dispute) event.getDataObjectDeserializer().getObject().orElseThrow();
        assertThat(dispute.getId()).startsWith("dp_");
        assertThat(dispute.getObject()).isEqualTo("dispute");
        assertThat(dispute.getAmount()).isEqualTo(42_00);
        assertThat(dispute.getCurrency()).isEqualTo("usd");
        assertThat(dispute.getReason()).isEqualTo("fraudulent");
        assertThat(dispute.getStatus()).isEqualTo("needs_response");
        assertThat(dispute.getIsChargeRefundable()).isFalse();
        assertThat(event.getRequest().getId()).as("no API request caused it").isNull();
        assertThat(t.secret.v1().charges().retrieve(charge.getId()).getDisputed()).isTrue();
    }

    @Test
    void the_product_not_received_and_inquiry_cards_give_their_reasons() throws Exception {
        Charge notReceived = t.charge("tok_createDisputeProductNotReceived", 10_00);
        Charge inquiry = t.charge("tok_createDisputeInquiry", 11_00);

        Dispute a = (Dispute) disputeCreated(notReceived.getId(), Duration.ofSeconds(5)).orElseThrow()
                .getDataObjectDeserializer().getObject().orElseThrow();
        Dispute b = (Dispute) disputeCreated(inquiry.getId(), Duration.ofSeconds(5)).orElseThrow()
                .getDataObjectDeserializer().getObject().orElseThrow();

        assertThat(a.getReason()).isEqualTo("product_not_received");
        assertThat(a.getStatus()).isEqualTo("needs_response");
        assertThat(b.getStatus()).isEqualTo("warning_needs_response");
        assertThat(b.getIsChargeRefundable()).isTrue();
        assertThat(b.getPaymentMethodDetails().getCard().getCaseType()).isEqualTo("inquiry");
    }

    @Test
    void an_ordinary_card_is_never_disputed() throws Exception {
        Charge charge = t.charge("tok_visa", 5_00);

        assertThat(disputeCreated(charge.getId(), Duration.ofMillis(800))).isEmpty();
        assertThat(t.secret.v1().charges().retrieve(charge.getId()).getDisputed()).isFalse();
    }
}
