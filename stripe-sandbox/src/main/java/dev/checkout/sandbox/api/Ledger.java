package dev.checkout.sandbox.api;

import dev.checkout.sandbox.card.Behaviour;
import dev.checkout.sandbox.store.Charge;
import dev.checkout.sandbox.store.Codecs;
import dev.checkout.sandbox.store.Dispute;
import dev.checkout.sandbox.store.Event;
import dev.checkout.sandbox.store.PaymentIntent;
import dev.checkout.sandbox.store.PaymentMethod;
import dev.checkout.sandbox.store.Refund;
import dev.checkout.sandbox.store.Stored;
import dev.checkout.sandbox.store.Table;
import dev.checkout.sandbox.store.Token;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every resource shares: the tables of tokens, charges, refunds, events and disputes, the clock, the sequence that orders objects
 * created in the same second, and the one way a stored object becomes a reply ({@link Renderer}). Each resource
 * ({@link TokenEndpoints}, {@link ChargeEndpoints}, {@link RefundEndpoints}) parses with {@link Requests}, works on
 * these tables and answers through these replies; authentication and idempotency happen before, in
 * {@link SandboxApi}.
 */
final class Ledger {
    static final Set<String> CHARGE_EXPANDABLE = Set.of("balance_transaction", "refunds", "source",
            "customer", "review", "payment_intent", "application_fee", "on_behalf_of", "transfer",
            "failure_balance_transaction", "source_transfer", "dispute", "destination");
    static final Set<String> REFUND_EXPANDABLE = Set.of("charge", "balance_transaction", "payment_intent",
            "failure_balance_transaction", "source_transfer_reversal", "transfer_reversal");

    final Table<Token> tokens;
    final Table<Charge> charges;
    final Table<Refund> refunds;
    final Table<Event> events;
    final Table<PaymentMethod> paymentMethods;
    final Table<PaymentIntent> paymentIntents;
    final Table<Dispute> disputes;
    final Renderer renderer;
    private final Duration disputeDelay;
    /** Opens the dispute cards' disputes after {@code disputeDelay}; one daemon thread, stopped by {@link #close}. */
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sandbox-disputes").daemon().factory());
    private final Clock clock;
    private final AtomicLong seq = new AtomicLong();
    // set once at start (they need the ledger themselves); until then no event has a subscriber
    private volatile Webhooks webhooks;
    private volatile Deliveries deliveries;

    Ledger(SandboxSettings settings, Clock clock) {
        this.clock = clock;
        this.tokens = new Table<>("tok_", settings.maxTokens(), false, Codecs.TOKEN);
        this.charges = new Table<>("ch_", settings.maxCharges(), true, Codecs.CHARGE);
        this.refunds = new Table<>("re_", settings.maxRefunds(), true, Codecs.REFUND);
        this.events = new Table<>("evt_", settings.maxEvents(), true, Codecs.EVENT);
        // as many as tokens and charges: each PaymentMethod comes from a token, each intent makes charges
        this.paymentMethods = new Table<>("pm_", settings.maxTokens(), false, Codecs.PAYMENT_METHOD);
        this.paymentIntents = new Table<>("pi_", settings.maxCharges(), true, Codecs.PAYMENT_INTENT);
        // at most one dispute per charge: the charges' bound holds them all
        this.disputes = new Table<>("dp_", settings.maxCharges(), true, Codecs.DISPUTE);
        this.disputeDelay = settings.disputeDelay();
        this.renderer = new Renderer(settings.receiptBaseUrl(), settings.statementDescriptor());
    }

    /** The current time in Unix seconds. */
    long now() {
        return clock.millis() / 1000;
    }

    /** The next number of the sequence that orders objects created in the same second. */
    long nextSeq() {
        return seq.incrementAndGet();
    }

    /**
     * Records that {@code type} happened, caused by {@code call} (spec 13): {@code record} is the charge's,
     * refund's or PaymentIntent's record right after the change, {@code previous} the one right before it for the types that report
     * {@code previous_attributes} (else null). Events are recorded in the order of the changes, inside the call's
     * execution, so an idempotent replay (which does not execute again) records nothing.
     */
    Event event(SandboxApi.Call call, String type, byte[] record, byte[] previous) {
        return event(call.account().id(), call.account().livemode(), call.requestId(), call.idempotencyKey(), type,
                record, previous);
    }

    /** An event no API request caused (the provider acting on its own, as with a dispute): no request id or key. */
    private Event event(String accountId, boolean livemode, String requestId, String idempotencyKey, String type,
            byte[] record, byte[] previous) {
        long created = now();
        Webhooks hooks = webhooks;
        List<WebhookEndpoint> to = hooks == null ? List.of() : hooks.subscribedTo(accountId, type);
        Event e = new Event(events.newId(), accountId, livemode, Stored.sortKey(created, nextSeq()), created, type,
                record, previous, requestId, idempotencyKey, to.size());
        events.insert(e);
        if (!to.isEmpty()) {
            deliveries.submit(e, to); // queued: delivery never runs on the request path
        }
        return e;
    }

    /**
     * The dispute cards (PaymentIntents spec 4.2): {@code disputeDelay} after {@code charge} succeeded, a dispute is
     * opened on it, the charge becomes {@code disputed}, and {@code charge.dispute.created} is recorded. Off the
     * request path; any other card does nothing here.
     */
    void disputeLater(Charge charge, Behaviour behaviour) {
        String reason;
        boolean inquiry = false;
        switch (behaviour) {
            case DISPUTE_FRAUDULENT -> reason = "fraudulent";
            case DISPUTE_PRODUCT_NOT_RECEIVED -> reason = "product_not_received";
            case DISPUTE_INQUIRY -> {
                reason = "general";
                inquiry = true;
            }
            default -> {
                return;
            }
        }
        boolean isInquiry = inquiry;
        Runnable open = () -> openDispute(charge.accountId(), charge.id(), reason, isInquiry);
        try {
            later.schedule(open, disputeDelay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // the sandbox is stopping: no dispute will be opened
        }
    }

    /** How long a chargeback's evidence may take, from its opening (unconfirmed: 7 days). */
    static final long RESPONSE_WINDOW_SECONDS = 7L * 24 * 3600;

    private void openDispute(String accountId, String chargeId, String reason, boolean inquiry) {
        String id = disputes.newId();
        Table.Row<Charge> row = charges.update(accountId, chargeId, c -> c.disputed() ? c : c.withDispute(id));
        if (row == null || !row.changed()) {
            return; // evicted meanwhile, or disputed already
        }
        Charge c = row.value();
        long created = now();
        // a chargeback takes the funds at once (and the fee); an inquiry moves no money and expects no deadline
        var dispute = new Dispute(id, accountId, c.livemode(), Stored.sortKey(created, nextSeq()), created, chargeId,
                c.paymentIntent(), c.amount(), c.currency(), inquiry ? "warning_needs_response" : "needs_response",
                reason, inquiry, inquiry ? 0 : created + RESPONSE_WINDOW_SECONDS, Map.of(), Map.of(), 0,
                inquiry ? 0 : created, 0);
        byte[] record = disputes.insert(dispute);
        event(accountId, c.livemode(), null, null, "charge.dispute.created", record, null);
        if (!inquiry) {
            event(accountId, c.livemode(), null, null, "charge.dispute.funds_withdrawn", record, null);
        }
    }

    /** What submitted evidence makes of a test dispute (PaymentIntents spec 4.2, 6.4). */
    enum Settlement { WIN, LOSE, ESCALATE }

    /**
     * {@code disputeDelay} after evidence was submitted, the bank decides as the evidence keyword asked: a chargeback
     * is won (funds reinstated) or lost, an inquiry closes ({@code warning_closed}) or becomes a chargeback (funds
     * withdrawn). Off the request path, with no request id, like the dispute's opening; nothing happens if the
     * dispute was closed or evicted meanwhile.
     */
    void settleLater(String accountId, String disputeId, Settlement settlement) {
        try {
            later.schedule(() -> settle(accountId, disputeId, settlement), disputeDelay.toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // the sandbox is stopping: the dispute stays under review
        }
    }

    private void settle(String accountId, String disputeId, Settlement settlement) {
        long at = now();
        Table.Row<Dispute> row = disputes.update(accountId, disputeId, d -> {
            if (d.closed() || d.awaitingResponse()) {
                return d; // closed by the merchant meanwhile
            }
            if (d.inquiry()) {
                return settlement == Settlement.ESCALATE ? d.escalated(at, at + RESPONSE_WINDOW_SECONDS)
                        : d.withStatus("warning_closed");
            }
            return switch (settlement) {
                case WIN -> d.won(at);
                case LOSE -> d.withStatus("lost");
                case ESCALATE -> d; // only an inquiry can be escalated: the chargeback stays under review
            };
        });
        if (row == null || !row.changed()) {
            return;
        }
        Dispute d = row.value();
        if (d.status().equals("needs_response")) {
            event(accountId, d.livemode(), null, null, "charge.dispute.funds_withdrawn", row.record(), null);
            return;
        }
        if (d.status().equals("won")) {
            event(accountId, d.livemode(), null, null, "charge.dispute.funds_reinstated", row.record(), null);
        }
        event(accountId, d.livemode(), null, null, "charge.dispute.closed", row.record(), null);
    }

    /** Reply with a dispute as its record holds it. */
    Reply disputeReply(byte[] record) {
        return new Reply(200, w -> renderer.dispute(w, disputes.decode(record)));
    }

    Dispute disputeById(String id) {
        return id == null ? null : disputes.byId(id);
    }

    /** Stops opening disputes. */
    void close() {
        later.shutdownNow();
    }

    /** Where events go from now on. */
    void deliverThrough(Webhooks hooks, Deliveries sender) {
        this.deliveries = sender;
        this.webhooks = hooks;
    }

    /*
     * Replies that the idempotency store keeps close over the stored record (one byte[], shared with the table
     * until the object changes) rather than over the decoded object graph, so a million kept replies stay a
     * million small objects; a replay decodes the snapshot again.
     */
    Reply tokenReply(byte[] record) {
        return new Reply(200, w -> renderer.token(w, tokens.decode(record)));
    }

    Reply chargeReply(byte[] record, Set<String> expand) {
        return new Reply(200, w -> renderer.charge(w, charges.decode(record), expand, this::refundById));
    }

    Reply refundReply(byte[] record, Set<String> expand) {
        return new Reply(200, w -> renderer.refund(w, refunds.decode(record), expand, this::chargeById));
    }

    Reply paymentMethodReply(byte[] record) {
        return new Reply(200, w -> renderer.paymentMethod(w, paymentMethods.decode(record)));
    }

    Reply intentReply(byte[] record, Set<String> expand, boolean clientSafe) {
        return new Reply(200, w -> renderer.paymentIntent(w, paymentIntents.decode(record), expand, clientSafe, this));
    }

    Refund refundById(String id) {
        return refunds.byId(id);
    }

    Charge chargeById(String id) {
        return charges.byId(id);
    }

    Table.Page<Refund> refundsOfCharge(Charge c, String after, String before, int limit) {
        List<Refund> found = new ArrayList<>(c.refundIds().size());
        for (String id : c.refundIds()) {
            Refund r = refunds.byId(id);
            if (r != null) {
                found.add(r);
            }
        }
        Long afterKey = refundCursor(c.accountId(), after, "starting_after");
        Long beforeKey = refundCursor(c.accountId(), before, "ending_before");
        return Table.pageOf(found, afterKey, beforeKey, limit);
    }

    Long refundCursor(String account, String id, String param) {
        return cursor(refunds, account, id, param, "refund");
    }

    static <T extends Stored> Long cursor(Table<T> table, String account, String id, String param,
            String kind) {
        if (id == null) {
            return null;
        }
        T t = table.get(account, id);
        if (t == null) {
            throw ApiError.invalid("resource_missing", param, "No such " + kind + ": '" + id + "'");
        }
        return t.sortKey();
    }

    static ApiError noSuchCharge(String id, int status, String param) {
        return new ApiError(status, ApiError.INVALID_REQUEST, "resource_missing", param, "No such charge: '" + id + "'",
                null, null);
    }
}
