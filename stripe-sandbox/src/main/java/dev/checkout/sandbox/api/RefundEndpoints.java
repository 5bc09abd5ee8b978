package dev.checkout.sandbox.api;

import dev.checkout.sandbox.api.Endpoints.Prepared;
import dev.checkout.sandbox.api.Requests.Paging;
import dev.checkout.sandbox.store.Charge;
import dev.checkout.sandbox.store.Dispute;
import dev.checkout.sandbox.store.PaymentIntent;
import dev.checkout.sandbox.store.Refund;
import dev.checkout.sandbox.store.Stored;
import dev.checkout.sandbox.store.Table;

import java.util.Map;
import java.util.Set;

import static dev.checkout.sandbox.api.Ledger.REFUND_EXPANDABLE;
import static dev.checkout.sandbox.api.Requests.append;
import static dev.checkout.sandbox.api.Requests.checkExpand;
import static dev.checkout.sandbox.api.Requests.createdRange;
import static dev.checkout.sandbox.api.Requests.listExpand;
import static dev.checkout.sandbox.api.Requests.metadata;
import static dev.checkout.sandbox.api.Requests.paging;

/**
 * {@code /v1/refunds} (spec 5): refunding a charge, or a PaymentIntent's successful charge (PaymentIntents spec 2.15),
 * in full or in part; retrieving, updating and listing refunds.
 */
final class RefundEndpoints {
    private final Ledger ledger;
    private final Table<Charge> charges;
    private final Table<Refund> refunds;
    private final Renderer renderer;

    RefundEndpoints(Ledger ledger) {
        this.ledger = ledger;
        this.charges = ledger.charges;
        this.refunds = ledger.refunds;
        this.renderer = ledger.renderer;
    }

    Prepared create(SandboxApi.Call call) {
        Params p = call.params();
        Set<String> expand = checkExpand(p, REFUND_EXPANDABLE);
        String intentId = p.string("payment_intent");
        String givenCharge = p.string("charge");
        if (givenCharge == null && intentId == null) {
            throw ApiError.invalid("parameter_missing", "charge", "Must provide charge or payment_intent.");
        }
        Long amount = p.positiveLong("amount");
        String reason = p.string("reason");
        if (reason != null && !Set.of("duplicate", "fraudulent", "requested_by_customer").contains(reason)) {
            throw ApiError.invalid(null, "reason", "Invalid reason: must be one of duplicate, fraudulent, or "
                    + "requested_by_customer");
        }
        for (String unsupported : new String[] {"refund_application_fee", "reverse_transfer", "customer",
                "origin"}) {
            if (p.has(unsupported)) {
                throw ApiError.invalid(null, unsupported, "The parameter " + unsupported
                        + " is not supported by the sandbox.");
            }
        }
        Map<String, String> metadata = metadata(p, Map.of());
        Prepared making = () -> {
            String chargeId = intentId == null ? givenCharge : chargeOf(call, intentId, givenCharge);
            Refund[] made = new Refund[1];
            long nowSeconds = ledger.now();
            Table.Row<Charge> after = charges.update(call.account().id(), chargeId, c -> {
                if (c.failed()) {
                    throw ApiError.invalid("charge_not_refundable", "charge", "Charge " + c.id()
                            + " has failed; there is nothing to refund.");
                }
                if (chargedBack(c)) {
                    throw ApiError.invalid("charge_disputed", "charge", "Charge " + c.id() + " has been charged "
                            + "back; cannot issue a refund.");
                }
                if (c.refunded()) {
                    throw ApiError.invalid("charge_already_refunded", "charge", "Charge " + c.id()
                            + " has already been refunded.");
                }
                long remaining = c.amount() - c.amountRefunded();
                long take = amount == null ? remaining : amount;
                if (!c.captured() && take != remaining) {
                    throw ApiError.invalid(null, "amount", "You cannot partially refund an uncaptured charge. "
                            + "Instead, capture the charge for an amount less than the original amount");
                }
                if (take > remaining) {
                    throw ApiError.invalid("amount_too_large", "amount", "Refund amount ("
                            + Currencies.format(take, c.currency()) + ") is greater than unrefunded amount on charge ("
                            + Currencies.format(remaining, c.currency()) + ")");
                }
                long s = ledger.nextSeq();
                made[0] = new Refund(refunds.newId(), c.accountId(), c.livemode(), Stored.sortKey(nowSeconds, s),
                        nowSeconds, take, c.id(), c.currency(), c.card().id(), reason, metadata,
                        c.captured(), c.captured() ? "refund" : "reversal", c.paymentIntent());
                return c.withRefund(take, append(c.refundIds(), made[0].id()));
            });
            if (after == null) {
                throw Ledger.noSuchCharge(chargeId, 404, "charge");
            }
            byte[] refund = refunds.insert(made[0]);
            ledger.event(call, "charge.refunded", after.record(), after.previous());
            ledger.event(call, "refund.created", refund, null);
            return ledger.refundReply(refund, expand);
        };
        return new Prepared() {
            @Override
            public Reply execute() {
                return making.execute();
            }

            @Override
            public boolean refundDelayed() {
                return true;
            }
        };
    }

    /**
     * Whether the charge's funds went back to the cardholder through a chargeback (stripe-api.md 5.3): open
     * ({@code needs_response}, {@code under_review}) or lost. An inquiry, or a chargeback the merchant won, leaves the
     * charge refundable.
     */
    private boolean chargedBack(Charge c) {
        if (!c.disputed()) {
            return false;
        }
        Dispute d = ledger.disputeById(c.disputeId());
        return d != null && !d.inquiry() && !d.status().equals("won");
    }

    /** The successful charge of a PaymentIntent, which a refund by {@code payment_intent} refunds (spec 2.15). */
    private String chargeOf(SandboxApi.Call call, String intentId, String givenCharge) {
        PaymentIntent pi = ledger.paymentIntents.get(call.account().id(), intentId);
        if (pi == null) {
            throw PaymentIntentEndpoints.noSuchIntent(intentId, 404);
        }
        if (pi.status().equals(PaymentIntentEndpoints.REQUIRES_CAPTURE)) {
            throw ApiError.invalid(null, "payment_intent", "PaymentIntent " + pi.id() + " is not captured yet: "
                    + "cancel it (POST /v1/payment_intents/" + pi.id() + "/cancel) to release the authorization "
                    + "instead of refunding it.");
        }
        if (!pi.status().equals(PaymentIntentEndpoints.SUCCEEDED) || pi.latestCharge() == null) {
            throw ApiError.invalid(null, "payment_intent", "This PaymentIntent does not have a successful charge "
                    + "to refund (its status is " + pi.status() + ").");
        }
        if (givenCharge != null && !givenCharge.equals(pi.latestCharge())) {
            throw ApiError.invalid(null, "charge", "Charge " + givenCharge + " does not belong to PaymentIntent "
                    + pi.id() + "; send only one of charge and payment_intent.");
        }
        return pi.latestCharge();
    }

    Prepared get(SandboxApi.Call call) {
        Set<String> expand = checkExpand(call.params(), REFUND_EXPANDABLE);
        return () -> {
            Refund r = refunds.get(call.account().id(), call.pathId());
            if (r == null) {
                throw ApiError.notFound("id", "No such refund: '" + call.pathId() + "'");
            }
            return new Reply(200, w -> renderer.refund(w, r, expand, ledger::chargeById));
        };
    }

    Prepared update(SandboxApi.Call call) {
        Params p = call.params();
        Set<String> expand = checkExpand(p, REFUND_EXPANDABLE);
        return () -> {
            Table.Row<Refund> r = refunds.update(call.account().id(), call.pathId(),
                    cur -> p.present("metadata") ? cur.withMetadata(metadata(p, cur.metadata())) : cur);
            if (r == null) {
                throw ApiError.notFound("id", "No such refund: '" + call.pathId() + "'");
            }
            if (r.changed()) {
                ledger.event(call, "refund.updated", r.record(), r.previous());
            }
            return ledger.refundReply(r.record(), expand);
        };
    }

    Prepared list(SandboxApi.Call call) {
        Params p = call.params();
        Paging paging = paging(p);
        int limit = paging.limit();
        Set<String> expand = listExpand(p, REFUND_EXPANDABLE);
        long[] range = createdRange(p);
        String after = paging.after();
        String before = paging.before();
        String chargeId = p.string("charge");
        String intent = p.string("payment_intent");
        String account = call.account().id();
        return () -> {
            Table.Page<Refund> page;
            if (chargeId != null) {
                Charge c = charges.get(account, chargeId);
                page = c == null ? Table.Page.empty() : ledger.refundsOfCharge(c, after, before, limit);
                if (c != null && (range[0] != Long.MIN_VALUE || range[1] != Long.MAX_VALUE)) {
                    page = new Table.Page<>(page.data().stream()
                            .filter(r -> r.sortKey() >= range[0] && r.sortKey() < range[1]).toList(), page.hasMore());
                }
            } else {
                page = refunds.page(account, range[0], range[1], ledger.refundCursor(account, after, "starting_after"),
                        ledger.refundCursor(account, before, "ending_before"), limit,
                        r -> intent == null || intent.equals(r.paymentIntent()));
            }
            return new Reply(200, Requests.list("/v1/refunds", page,
                    (w, r) -> renderer.refund(w, r, expand, ledger::chargeById)));
        };
    }
}
