package dev.checkout.sandbox.api;

import dev.checkout.sandbox.api.Endpoints.Prepared;
import dev.checkout.sandbox.api.Requests.Paging;
import dev.checkout.sandbox.store.Dispute;
import dev.checkout.sandbox.store.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.checkout.sandbox.api.Requests.checkExpand;
import static dev.checkout.sandbox.api.Requests.createdRange;
import static dev.checkout.sandbox.api.Requests.listExpand;
import static dev.checkout.sandbox.api.Requests.metadata;
import static dev.checkout.sandbox.api.Requests.paging;

/**
 * {@code /v1/disputes} (PaymentIntents spec 6): the disputes the dispute cards open, listed, retrieved, answered with
 * evidence (staged with {@code submit=false}, else submitted) and closed. Submitted evidence whose
 * {@code uncategorized_text} is one of the test keywords (spec 4.2) settles the dispute {@code dispute-delay} later:
 * {@code winning_evidence} wins a chargeback, {@code losing_evidence} loses it, both close an inquiry, and
 * {@code escalate_inquiry_evidence} turns an inquiry into a chargeback.
 */
final class DisputeEndpoints {
    /** The evidence fields of a dispute (spec 6.1), in the order they are rendered. */
    static final List<String> EVIDENCE = List.of("access_activity_log", "billing_address", "cancellation_policy",
            "cancellation_policy_disclosure", "cancellation_rebuttal", "customer_communication",
            "customer_email_address", "customer_name", "customer_purchase_ip", "customer_signature",
            "duplicate_charge_documentation", "duplicate_charge_explanation", "duplicate_charge_id",
            "product_description", "receipt", "refund_policy", "refund_policy_disclosure",
            "refund_refusal_explanation", "service_date", "service_documentation", "shipping_address",
            "shipping_carrier", "shipping_date", "shipping_documentation", "shipping_tracking_number",
            "uncategorized_file", "uncategorized_text");
    /** The combined length of all evidence fields may not exceed this (spec 6.3). */
    static final int MAX_EVIDENCE_CHARS = 150_000;
    static final Set<String> EXPANDABLE = Set.of("charge", "payment_intent");

    private final Ledger ledger;
    private final Table<Dispute> disputes;
    private final Renderer renderer;

    DisputeEndpoints(Ledger ledger) {
        this.ledger = ledger;
        this.disputes = ledger.disputes;
        this.renderer = ledger.renderer;
    }

    Prepared get(SandboxApi.Call call) {
        Set<String> expand = checkExpand(call.params(), EXPANDABLE);
        return () -> {
            Dispute d = find(call);
            return new Reply(200, w -> renderer.dispute(w, d, expand, ledger));
        };
    }

    Prepared list(SandboxApi.Call call) {
        Params p = call.params();
        Paging paging = paging(p);
        Set<String> expand = listExpand(p, EXPANDABLE);
        long[] range = createdRange(p);
        String charge = p.string("charge");
        String intent = p.string("payment_intent");
        String account = call.account().id();
        return () -> {
            Long afterKey = Ledger.cursor(disputes, account, paging.after(), "starting_after", "dispute");
            Long beforeKey = Ledger.cursor(disputes, account, paging.before(), "ending_before", "dispute");
            Table.Page<Dispute> page = disputes.page(account, range[0], range[1], afterKey, beforeKey,
                    paging.limit(), d -> (charge == null || charge.equals(d.chargeId()))
                            && (intent == null || intent.equals(d.paymentIntent())));
            return new Reply(200, Requests.list("/v1/disputes", page,
                    (w, d) -> renderer.dispute(w, d, expand, ledger)));
        };
    }

    /**
     * Evidence and metadata (spec 6.3). Evidence is merged field by field ({@code evidence[x]=} clears one);
     * it is submitted unless {@code submit=false}, which stages it. A request with neither evidence nor
     * {@code submit} (metadata only) submits nothing. Submitting moves {@code *needs_response} to
     * {@code *under_review}, once: later evidence is refused, as is any update of a closed dispute.
     */
    Prepared update(SandboxApi.Call call) {
        Params p = call.params();
        Set<String> expand = checkExpand(p, EXPANDABLE);
        Params given = p.hash("evidence");
        if (given != null && given.raw().containsKey("enhanced_evidence")) {
            throw ApiError.invalid(null, "evidence[enhanced_evidence]", "The sandbox does not offer enhanced "
                    + "evidence (Visa Compelling Evidence 3.0, compliance); send the plain evidence fields.");
        }
        Map<String, Object> evidence = given == null ? Map.of() : given.raw();
        Boolean submitParam = p.bool("submit");
        boolean submitting = !Boolean.FALSE.equals(submitParam) && (!evidence.isEmpty() || submitParam != null);
        boolean answering = !evidence.isEmpty() || Boolean.TRUE.equals(submitParam);
        return () -> {
            Settle[] settle = new Settle[1];
            Table.Row<Dispute> row = disputes.update(call.account().id(), call.pathId(), d -> {
                refuseClosed(d, "updated");
                if (answering && !d.awaitingResponse()) {
                    throw ApiError.invalid(null, evidence.isEmpty() ? "submit" : "evidence", "Dispute " + d.id()
                            + " is " + d.status() + ": its evidence was submitted already and can no longer be "
                            + "changed.");
                }
                Map<String, String> merged = merge(d.evidence(), evidence);
                Map<String, String> meta = metadata(p, d.metadata());
                String status = d.status();
                int submissions = d.submissionCount();
                if (submitting) {
                    status = d.inquiry() ? "warning_under_review" : "under_review";
                    submissions++;
                    settle[0] = Settle.of(merged.get("uncategorized_text"), d.inquiry());
                }
                Dispute next = d.withResponse(merged, meta, status, submissions);
                return next.equals(d) ? d : next;
            });
            if (row == null) {
                throw noSuchDispute(call.pathId());
            }
            if (row.changed()) {
                ledger.event(call, "charge.dispute.updated", row.record(), row.previous());
            }
            if (settle[0] != null) {
                ledger.settleLater(call.account().id(), row.value().id(), settle[0].settlement);
            }
            return new Reply(200, w -> renderer.dispute(w, disputes.decode(row.record()), expand, ledger));
        };
    }

    /** Accepting the loss (spec 6.3): a chargeback becomes {@code lost}, an inquiry {@code warning_closed}. */
    Prepared close(SandboxApi.Call call) {
        Set<String> expand = checkExpand(call.params(), EXPANDABLE);
        return () -> {
            Table.Row<Dispute> row = disputes.update(call.account().id(), call.pathId(), d -> {
                refuseClosed(d, "closed");
                return d.withStatus(d.inquiry() ? "warning_closed" : "lost");
            });
            if (row == null) {
                throw noSuchDispute(call.pathId());
            }
            ledger.event(call, "charge.dispute.closed", row.record(), null);
            return new Reply(200, w -> renderer.dispute(w, disputes.decode(row.record()), expand, ledger));
        };
    }

    private Dispute find(SandboxApi.Call call) {
        Dispute d = disputes.get(call.account().id(), call.pathId());
        if (d == null) {
            throw noSuchDispute(call.pathId());
        }
        return d;
    }

    private static ApiError noSuchDispute(String id) {
        return ApiError.notFound("id", "No such dispute: '" + id + "'");
    }

    private static void refuseClosed(Dispute d, String what) {
        if (d.closed()) {
            throw ApiError.invalid(null, null, "Dispute " + d.id() + " is already closed (status " + d.status()
                    + ") and cannot be " + what + ".");
        }
    }

    /** The evidence after an update: given fields replace, empty ones clear; the combined length is bounded. */
    private static Map<String, String> merge(Map<String, String> current, Map<String, Object> given) {
        if (given.isEmpty()) {
            return current;
        }
        Map<String, String> out = new LinkedHashMap<>(current);
        for (Map.Entry<String, Object> e : given.entrySet()) {
            String v = (String) e.getValue();
            if (v.isEmpty()) {
                out.remove(e.getKey());
            } else {
                out.put(e.getKey(), v);
            }
        }
        long total = 0;
        for (String v : out.values()) {
            total += v.length();
        }
        if (total > MAX_EVIDENCE_CHARS) {
            throw ApiError.invalid(null, "evidence", "The evidence fields together may have at most "
                    + MAX_EVIDENCE_CHARS + " characters; this update would leave " + total + ".");
        }
        // in the rendering order, so that equal evidence is an equal map whatever the order it came in
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String field : EVIDENCE) {
            String v = out.get(field);
            if (v != null) {
                ordered.put(field, v);
            }
        }
        return ordered.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(ordered);
    }

    /** The test keyword a submission carried, if any. */
    private record Settle(Ledger.Settlement settlement) {
        static Settle of(String text, boolean inquiry) {
            if (text == null) {
                return null;
            }
            return switch (text.trim()) {
                case "winning_evidence" -> new Settle(Ledger.Settlement.WIN);
                case "losing_evidence" -> new Settle(Ledger.Settlement.LOSE);
                case "escalate_inquiry_evidence" -> inquiry ? new Settle(Ledger.Settlement.ESCALATE) : null;
                default -> null;
            };
        }
    }
}
