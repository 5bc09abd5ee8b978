package dev.checkout.sandbox.sdk;

import com.stripe.exception.AuthenticationException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeCollection;
import com.stripe.param.DisputeListParams;
import com.stripe.param.DisputeRetrieveParams;
import com.stripe.param.DisputeUpdateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import dev.checkout.sandbox.Sandbox;
import dev.checkout.sandbox.TestSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The dispute lifecycle after opening (PaymentIntents spec 4.2, 6, 9): list and retrieve, evidence staged or
 * submitted, the test keywords that settle a dispute, closing, the refusals, the refund of a charged-back charge, and
 * the {@code charge.dispute.*} events with their objects, all through stripe-java.
 */
class DisputeLifecycleTest {
    private static TestSandbox t;

    @BeforeAll
    static void start() {
        t = new TestSandbox(Sandbox.start(Map.of("sandbox.dispute-delay", "150ms")));
    }

    @AfterAll
    static void stop() {
        t.sandbox.close();
    }

    /** The dispute the sandbox opens on {@code chargeId}, polled through {@code GET /v1/disputes?charge=}. */
    private static Dispute disputeOf(String chargeId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            List<Dispute> found = t.secret.v1().disputes().list(DisputeListParams.builder().setCharge(chargeId)
                    .build()).getData();
            if (!found.isEmpty()) {
                assertThat(found).hasSize(1);
                return found.getFirst();
            }
            Thread.sleep(30);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no dispute on " + chargeId);
    }

    private static Dispute opened(String source, long amount) throws Exception {
        Charge charge = t.charge(source, amount);
        return disputeOf(charge.getId());
    }

    /** Re-reads the dispute until {@code until} holds (the settlements come {@code dispute-delay} later). */
    private static Dispute awaitDispute(String id, Predicate<Dispute> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Dispute d;
        do {
            d = t.secret.v1().disputes().retrieve(id);
            if (until.test(d)) {
                return d;
            }
            Thread.sleep(30);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("dispute " + id + " stayed " + d.getStatus());
    }

    /** The {@code charge.dispute.*} events about dispute {@code id}, oldest first. */
    private static List<Event> eventsOf(String id) throws Exception {
        List<Event> out = new ArrayList<>();
        for (Event e : t.secret.v1().events().list(EventListParams.builder().setType("charge.dispute.*")
                .setLimit(100L).build()).getData()) {
            Dispute d = (Dispute) e.getDataObjectDeserializer().getObject().orElseThrow();
            if (d.getId().equals(id)) {
                out.add(e);
            }
        }
        Collections.reverse(out);
        return out;
    }

    private static List<String> typesOf(List<Event> events) {
        return events.stream().map(Event::getType).toList();
    }

    private static Dispute objectOf(Event e) {
        return (Dispute) e.getDataObjectDeserializer().getObject().orElseThrow();
    }

    private static DisputeUpdateParams evidence(String text, Boolean submit) {
        DisputeUpdateParams.Builder b = DisputeUpdateParams.builder().setEvidence(DisputeUpdateParams.Evidence
                .builder().setUncategorizedText(text).build());
        if (submit != null) {
            b.setSubmit(submit);
        }
        return b.build();
    }

    @Test
    void a_chargeback_is_listed_and_retrieved_with_its_withdrawal_and_its_events() throws Exception {
        Charge charge = t.charge("tok_createDispute", 30_00);
        Dispute listed = disputeOf(charge.getId());
        Dispute d = t.secret.v1().disputes().retrieve(listed.getId());

        assertThat(d.getId()).startsWith("dp_");
        assertThat(d.getCharge()).isEqualTo(charge.getId());
        assertThat(d.getPaymentIntent()).as("a Charges-API charge has no intent").isNull();
        assertThat(d.getStatus()).isEqualTo("needs_response");
        assertThat(d.getAmount()).isEqualTo(30_00);
        assertThat(d.getIsChargeRefundable()).isFalse();
        assertThat(d.getEvidence().getUncategorizedText()).isNull();
        assertThat(d.getEvidenceDetails().getHasEvidence()).isFalse();
        assertThat(d.getEvidenceDetails().getSubmissionCount()).isZero();
        assertThat(d.getEvidenceDetails().getDueBy()).isGreaterThan(d.getCreated());
        assertThat(d.getPaymentMethodDetails().getCard().getCaseType()).isEqualTo("chargeback");
        assertThat(d.getBalanceTransactions()).hasSize(1);
        BalanceTransaction withdrawal = d.getBalanceTransactions().getFirst();
        assertThat(withdrawal.getAmount()).isEqualTo(-30_00);
        assertThat(withdrawal.getFee()).isEqualTo(15_00);
        assertThat(withdrawal.getNet()).isEqualTo(-45_00);
        assertThat(withdrawal.getSource()).isEqualTo(d.getId());

        List<Event> events = eventsOf(d.getId());
        assertThat(typesOf(events)).containsExactly("charge.dispute.created", "charge.dispute.funds_withdrawn");
        assertThat(objectOf(events.get(1)).getBalanceTransactions()).hasSize(1);
        assertThat(events.get(1).getRequest().getId()).as("the provider acted on its own").isNull();

        Dispute expanded = t.secret.v1().disputes().retrieve(d.getId(),
                DisputeRetrieveParams.builder().addExpand("charge").build());
        assertThat(expanded.getChargeObject().getDisputed()).isTrue();
    }

    @Test
    void disputes_list_by_charge_payment_intent_created_and_pages() throws Exception {
        Dispute first = opened("tok_createDispute", 10_00);
        Dispute second = opened("tok_createDisputeProductNotReceived", 11_00);
        PaymentIntent pi = t.secret.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(12_00L)
                .setCurrency("usd").setConfirm(true).setPaymentMethod("pm_card_createDispute")
                .addAllowedPaymentMethodType(PaymentIntentCreateParams.AllowedPaymentMethodType.CARD).build());
        assertThat(pi.getStatus()).isEqualTo("succeeded");
        Dispute third = disputeOf(pi.getLatestCharge());

        assertThat(third.getPaymentIntent()).isEqualTo(pi.getId());
        List<Dispute> byIntent = t.secret.v1().disputes().list(DisputeListParams.builder()
                .setPaymentIntent(pi.getId()).build()).getData();
        assertThat(byIntent).extracting(Dispute::getId).containsExactly(third.getId());

        // newest first, one a page, cursors both ways
        StripeCollection<Dispute> page = t.secret.v1().disputes().list(DisputeListParams.builder().setLimit(1L)
                .setStartingAfter(third.getId()).build());
        assertThat(page.getData()).extracting(Dispute::getId).containsExactly(second.getId());
        assertThat(page.getHasMore()).isTrue();
        page = t.secret.v1().disputes().list(DisputeListParams.builder().setLimit(1L)
                .setEndingBefore(first.getId()).build());
        assertThat(page.getData()).extracting(Dispute::getId).containsExactly(second.getId());

        List<Dispute> later = t.secret.v1().disputes().list(DisputeListParams.builder().setLimit(100L)
                .setCreated(DisputeListParams.Created.builder().setGte(first.getCreated()).build()).build()).getData();
        assertThat(later).extracting(Dispute::getId).contains(first.getId(), second.getId(), third.getId());
        List<Dispute> none = t.secret.v1().disputes().list(DisputeListParams.builder()
                .setCreated(DisputeListParams.Created.builder().setLt(first.getCreated() - 3600).build()).build())
                .getData();
        assertThat(none).isEmpty();
    }

    @Test
    void staged_evidence_keeps_the_status_and_submitting_moves_it_under_review_once() throws Exception {
        Dispute d = opened("tok_createDispute", 20_00);

        Dispute staged = t.secret.v1().disputes().update(d.getId(), DisputeUpdateParams.builder()
                .setEvidence(DisputeUpdateParams.Evidence.builder().setCustomerName("Ada Lovelace")
                        .setProductDescription("A book").build())
                .setSubmit(false).build());
        assertThat(staged.getStatus()).isEqualTo("needs_response");
        assertThat(staged.getEvidence().getCustomerName()).isEqualTo("Ada Lovelace");
        assertThat(staged.getEvidenceDetails().getHasEvidence()).isTrue();
        assertThat(staged.getEvidenceDetails().getSubmissionCount()).isZero();

        Dispute submitted = t.secret.v1().disputes().update(d.getId(), evidence("Delivered on time.", null));
        assertThat(submitted.getStatus()).isEqualTo("under_review");
        assertThat(submitted.getEvidenceDetails().getSubmissionCount()).isEqualTo(1);
        assertThat(submitted.getEvidence().getCustomerName()).as("merged with the staged fields").isEqualTo("Ada Lovelace");
        assertThat(submitted.getEvidence().getUncategorizedText()).isEqualTo("Delivered on time.");

        List<Event> events = eventsOf(d.getId());
        assertThat(typesOf(events)).containsExactly("charge.dispute.created", "charge.dispute.funds_withdrawn",
                "charge.dispute.updated", "charge.dispute.updated");
        Event staging = events.get(2);
        assertThat(objectOf(staging).getStatus()).isEqualTo("needs_response");
        assertThat(staging.getRequest().getId()).isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> oldDetails = (Map<String, Object>) staging.getData().getPreviousAttributes()
                .get("evidence_details");
        assertThat(oldDetails.get("has_evidence")).isEqualTo(false);
        assertThat(staging.getData().getPreviousAttributes()).doesNotContainKey("status");
        Event submitting = events.get(3);
        assertThat(objectOf(submitting).getStatus()).isEqualTo("under_review");
        assertThat(submitting.getData().getPreviousAttributes().get("status")).isEqualTo("needs_response");

        // once under review the evidence is final; metadata may still change
        var again = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().disputes().update(d.getId(), evidence("More.", null)));
        assertThat(again.getStatusCode()).isEqualTo(400);
        assertThat(again.getParam()).isEqualTo("evidence");
        assertThat(again.getMessage()).contains("under_review");
        Dispute tagged = t.secret.v1().disputes().update(d.getId(), DisputeUpdateParams.builder()
                .putMetadata("case", "42").build());
        assertThat(tagged.getMetadata()).containsEntry("case", "42");
        assertThat(tagged.getEvidenceDetails().getSubmissionCount()).isEqualTo(1);
        assertThat(tagged.getEvidence().getUncategorizedText()).isEqualTo("Delivered on time.");
        Event metadataEvent = eventsOf(d.getId()).getLast();
        assertThat(metadataEvent.getType()).isEqualTo("charge.dispute.updated");
        assertThat(metadataEvent.getData().getPreviousAttributes()).containsOnlyKeys("metadata");

        // no keyword: it stays under review
        Thread.sleep(400);
        assertThat(t.secret.v1().disputes().retrieve(d.getId()).getStatus()).isEqualTo("under_review");
    }

    @Test
    void winning_evidence_wins_the_chargeback_and_reinstates_the_funds() throws Exception {
        Dispute d = opened("tok_createDispute", 40_00);

        Dispute submitted = t.secret.v1().disputes().update(d.getId(), evidence("winning_evidence", null));
        assertThat(submitted.getStatus()).isEqualTo("under_review");
        Dispute won = awaitDispute(d.getId(), x -> !x.getStatus().equals("under_review"));

        assertThat(won.getStatus()).isEqualTo("won");
        assertThat(won.getBalanceTransactions()).hasSize(2);
        BalanceTransaction reinstated = won.getBalanceTransactions().get(1);
        assertThat(reinstated.getAmount()).isEqualTo(40_00);
        assertThat(reinstated.getFee()).isEqualTo(-15_00);
        assertThat(reinstated.getNet()).isEqualTo(55_00);
        List<Event> events = eventsOf(d.getId());
        assertThat(typesOf(events)).containsExactly("charge.dispute.created", "charge.dispute.funds_withdrawn",
                "charge.dispute.updated", "charge.dispute.funds_reinstated", "charge.dispute.closed");
        assertThat(objectOf(events.getLast()).getStatus()).isEqualTo("won");
        assertThat(objectOf(events.get(3)).getBalanceTransactions()).hasSize(2);

        var closed = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().disputes().update(d.getId(), DisputeUpdateParams.builder()
                        .putMetadata("late", "yes").build()));
        assertThat(closed.getStatusCode()).isEqualTo(400);
        assertThat(closed.getMessage()).contains("already closed").contains("won");
        // the merchant has its money back: the charge can be refunded again
        assertThat(t.secret.v1().refunds().create(RefundCreateParams.builder().setCharge(d.getCharge()).build())
                .getStatus()).isEqualTo("succeeded");
    }

    @Test
    void losing_evidence_loses_the_chargeback() throws Exception {
        Dispute d = opened("tok_createDisputeProductNotReceived", 15_00);

        t.secret.v1().disputes().update(d.getId(), evidence("losing_evidence", true));
        Dispute lost = awaitDispute(d.getId(), x -> !x.getStatus().equals("under_review"));

        assertThat(lost.getStatus()).isEqualTo("lost");
        assertThat(lost.getBalanceTransactions()).hasSize(1);
        assertThat(typesOf(eventsOf(d.getId()))).containsExactly("charge.dispute.created",
                "charge.dispute.funds_withdrawn", "charge.dispute.updated", "charge.dispute.closed");
    }

    @Test
    void closing_a_chargeback_loses_it_and_a_closed_dispute_refuses_changes() throws Exception {
        Dispute d = opened("tok_createDispute", 25_00);

        Dispute closed = t.secret.v1().disputes().close(d.getId());
        assertThat(closed.getStatus()).isEqualTo("lost");
        List<Event> events = eventsOf(d.getId());
        assertThat(events.getLast().getType()).isEqualTo("charge.dispute.closed");
        assertThat(objectOf(events.getLast()).getStatus()).isEqualTo("lost");
        assertThat(events.getLast().getRequest().getId()).as("the close request caused it").isNotNull();

        var update = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().disputes().update(d.getId(), evidence("winning_evidence", null)));
        var again = catchThrowableOfType(InvalidRequestException.class, () -> t.secret.v1().disputes().close(d.getId()));
        for (InvalidRequestException refused : List.of(update, again)) {
            assertThat(refused.getStatusCode()).isEqualTo(400);
            assertThat(refused.getMessage()).contains(d.getId()).contains("already closed");
        }
        Dispute after = t.secret.v1().disputes().retrieve(d.getId());
        assertThat(after.getStatus()).isEqualTo("lost");
        assertThat(after.getEvidence().getUncategorizedText()).isNull();
        assertThat(eventsOf(d.getId())).hasSameSizeAs(events);
    }

    @Test
    void an_inquiry_closes_as_a_warning_or_escalates_to_a_chargeback() throws Exception {
        Dispute closing = opened("tok_createDisputeInquiry", 10_00);
        Dispute winning = opened("tok_createDisputeInquiry", 11_00);
        Dispute escalating = opened("tok_createDisputeInquiry", 12_00);
        assertThat(closing.getBalanceTransactions()).as("no money moves for an inquiry").isEmpty();
        assertThat(typesOf(eventsOf(closing.getId()))).containsExactly("charge.dispute.created");

        assertThat(t.secret.v1().disputes().close(closing.getId()).getStatus()).isEqualTo("warning_closed");

        assertThat(t.secret.v1().disputes().update(winning.getId(), evidence("winning_evidence", null)).getStatus())
                .isEqualTo("warning_under_review");
        assertThat(awaitDispute(winning.getId(), x -> !x.getStatus().equals("warning_under_review")).getStatus())
                .isEqualTo("warning_closed");
        assertThat(typesOf(eventsOf(winning.getId()))).containsExactly("charge.dispute.created",
                "charge.dispute.updated", "charge.dispute.closed");

        t.secret.v1().disputes().update(escalating.getId(), evidence("escalate_inquiry_evidence", null));
        Dispute chargeback = awaitDispute(escalating.getId(), x -> !x.getStatus().equals("warning_under_review"));
        assertThat(chargeback.getStatus()).isEqualTo("needs_response");
        assertThat(chargeback.getPaymentMethodDetails().getCard().getCaseType()).isEqualTo("chargeback");
        assertThat(chargeback.getIsChargeRefundable()).isFalse();
        assertThat(chargeback.getBalanceTransactions()).hasSize(1);
        assertThat(chargeback.getBalanceTransactions().getFirst().getAmount()).isEqualTo(-12_00);
        assertThat(chargeback.getEvidenceDetails().getDueBy()).isGreaterThan(chargeback.getCreated());
        assertThat(typesOf(eventsOf(escalating.getId()))).containsExactly("charge.dispute.created",
                "charge.dispute.updated", "charge.dispute.funds_withdrawn");
        // a chargeback now: evidence may be submitted again, and closing loses it
        assertThat(t.secret.v1().disputes().close(escalating.getId()).getStatus()).isEqualTo("lost");
    }

    @Test
    void a_charged_back_charge_refuses_refunds_an_inquiry_does_not() throws Exception {
        Dispute chargeback = opened("tok_createDispute", 9_00);
        Dispute inquiry = opened("tok_createDisputeInquiry", 8_00);

        var refused = catchThrowableOfType(InvalidRequestException.class, () -> t.secret.v1().refunds().create(
                RefundCreateParams.builder().setCharge(chargeback.getCharge()).build()));
        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getCode()).isEqualTo("charge_disputed");
        assertThat(refused.getParam()).isEqualTo("charge");
        assertThat(refused.getMessage()).contains(chargeback.getCharge()).contains("charged back");
        assertThat(t.secret.v1().charges().retrieve(chargeback.getCharge()).getAmountRefunded()).isZero();

        assertThat(t.secret.v1().refunds().create(RefundCreateParams.builder().setCharge(inquiry.getCharge())
                .build()).getAmount()).isEqualTo(8_00);
    }

    @Test
    void bad_ids_too_much_evidence_and_unknown_fields_are_refused_naming_the_field() throws Exception {
        var missing = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().disputes().retrieve("dp_doesNotExist"));
        var missingUpdate = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().disputes().update("dp_doesNotExist", evidence("x", null)));
        var missingClose = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().disputes().close("dp_doesNotExist"));
        for (InvalidRequestException e : List.of(missing, missingUpdate, missingClose)) {
            assertThat(e.getStatusCode()).isEqualTo(404);
            assertThat(e.getCode()).isEqualTo("resource_missing");
            assertThat(e.getMessage()).contains("No such dispute: 'dp_doesNotExist'");
        }

        Dispute d = opened("tok_createDispute", 7_00);
        var tooLong = catchThrowableOfType(InvalidRequestException.class, () -> t.secret.v1().disputes().update(
                d.getId(), DisputeUpdateParams.builder().setEvidence(DisputeUpdateParams.Evidence.builder()
                        .setUncategorizedText("a".repeat(100_000)).setProductDescription("b".repeat(50_001)).build())
                        .build()));
        assertThat(tooLong.getStatusCode()).isEqualTo(400);
        assertThat(tooLong.getParam()).isEqualTo("evidence");
        assertThat(tooLong.getMessage()).contains("150000").contains("150001");

        var unknown = catchThrowableOfType(InvalidRequestException.class, () -> t.secret.v1().disputes().update(
                d.getId(), DisputeUpdateParams.builder().setEvidence(DisputeUpdateParams.Evidence.builder()
                        .putExtraParam("favourite_colour", "green").build()).build()));
        assertThat(unknown.getStatusCode()).isEqualTo(400);
        assertThat(unknown.getParam()).isEqualTo("evidence[favourite_colour]");

        var badSubmit = catchThrowableOfType(InvalidRequestException.class, () -> t.secret.v1().disputes().update(
                d.getId(), DisputeUpdateParams.builder().putExtraParam("submit", "maybe").build()));
        assertThat(badSubmit.getParam()).isEqualTo("submit");

        Dispute unchanged = t.secret.v1().disputes().retrieve(d.getId());
        assertThat(unchanged.getStatus()).isEqualTo("needs_response");
        assertThat(unchanged.getEvidenceDetails().getHasEvidence()).isFalse();
        assertThat(typesOf(eventsOf(d.getId()))).containsExactly("charge.dispute.created",
                "charge.dispute.funds_withdrawn");

        // exactly at the limit is fine
        Dispute full = t.secret.v1().disputes().update(d.getId(), DisputeUpdateParams.builder().setEvidence(
                DisputeUpdateParams.Evidence.builder().setUncategorizedText("a".repeat(100_000))
                        .setProductDescription("b".repeat(50_000)).build()).setSubmit(false).build());
        assertThat(full.getEvidence().getProductDescription()).hasSize(50_000);

        var publishable = catchThrowableOfType(AuthenticationException.class,
                () -> t.publishable.v1().disputes().retrieve(d.getId()));
        assertThat(publishable.getStatusCode()).isEqualTo(401);

        HttpResponse<String> wrongMethod = t.raw("DELETE", "/v1/disputes/" + d.getId(), null,
                "Authorization", "Bearer " + t.sandbox.secretKey());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
    }
}
