package dev.checkout.sandbox.api;

import dev.checkout.sandbox.api.Endpoints.Prepared;
import dev.checkout.sandbox.api.Requests.Paging;
import dev.checkout.sandbox.card.Behaviour;
import dev.checkout.sandbox.card.Fingerprinter;
import dev.checkout.sandbox.card.TestCards;
import dev.checkout.sandbox.store.Card;
import dev.checkout.sandbox.store.Charge;
import dev.checkout.sandbox.store.Outcome;
import dev.checkout.sandbox.store.Refund;
import dev.checkout.sandbox.store.Stored;
import dev.checkout.sandbox.store.Table;
import dev.checkout.sandbox.store.Token;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static dev.checkout.sandbox.api.Ledger.CHARGE_EXPANDABLE;
import static dev.checkout.sandbox.api.Ledger.REFUND_EXPANDABLE;
import static dev.checkout.sandbox.api.Requests.append;
import static dev.checkout.sandbox.api.Requests.checkExpand;
import static dev.checkout.sandbox.api.Requests.createdRange;
import static dev.checkout.sandbox.api.Requests.descriptor;
import static dev.checkout.sandbox.api.Requests.listExpand;
import static dev.checkout.sandbox.api.Requests.metadata;
import static dev.checkout.sandbox.api.Requests.paging;

/**
 * {@code /v1/charges} (spec 4): charging a token or a pre-made test token, with the test cards' behaviours
 * (spec 8.2), and retrieving, updating, capturing and listing charges.
 */
final class ChargeEndpoints {
    static final long AUTHORIZATION_VALIDITY_SECONDS = 7L * 24 * 3600;

    private final Ledger ledger;
    private final Table<Token> tokens;
    private final Table<Charge> charges;
    private final Table<Refund> refunds;
    private final Renderer renderer;
    private final SandboxSettings settings;
    private final Clock clock;
    private final Fingerprinter fingerprinter;
    // pre-made tokens are charged over and over: one fingerprint per account and token, computed once
    private final ConcurrentHashMap<String, String> premadeFingerprints = new ConcurrentHashMap<>();

    ChargeEndpoints(Ledger ledger, SandboxSettings settings, Clock clock, Fingerprinter fingerprinter) {
        this.ledger = ledger;
        this.tokens = ledger.tokens;
        this.charges = ledger.charges;
        this.refunds = ledger.refunds;
        this.renderer = ledger.renderer;
        this.settings = settings;
        this.clock = clock;
        this.fingerprinter = fingerprinter;
    }

    record ChargeRequest(long amount, String currency, String source, boolean capture, String description,
            Map<String, String> metadata, String receiptEmail, String statementDescriptor, String suffix,
            Map<String, Object> shipping, String transferGroup, Set<String> expand) {
    }

    Prepared create(SandboxApi.Call call) {
        Params p = call.params();
        Long amount = p.positiveLong("amount");
        if (amount == null) {
            throw ApiError.missing("amount");
        }
        String currency = Currencies.normalize(p.required("currency"));
        Currencies.checkChargeAmount(amount, currency);
        for (String connect : new String[] {"on_behalf_of", "application_fee_amount", "transfer_data", "destination"}) {
            if (p.has(connect)) {
                throw ApiError.invalid(null, connect, "Connect parameters such as " + connect
                        + " are not supported by the sandbox.");
            }
        }
        if (p.has("customer")) {
            throw ApiError.invalid("resource_missing", "customer", "No such customer: '" + p.string("customer") + "'");
        }
        String source = p.string("source");
        if (source == null) {
            throw ApiError.invalid("parameter_missing", null, "Must provide source or customer.");
        }
        Boolean capture = p.bool("capture");
        ChargeRequest req = new ChargeRequest(amount, currency, source, capture == null || capture,
                p.string("description"), metadata(p, Map.of()), p.string("receipt_email"),
                descriptor(p, "statement_descriptor"), descriptor(p, "statement_descriptor_suffix"), shipping(p),
                p.string("transfer_group"), checkExpand(p, CHARGE_EXPANDABLE));
        return new Prepared() {
            @Override
            public Reply execute() {
                return charge(call, req);
            }

            @Override
            public boolean delayed() {
                return true;
            }
        };
    }

    static Map<String, Object> shipping(Params p) {
        Params s = p.hash("shipping");
        if (s == null) {
            return null;
        }
        if (s.string("name") == null) {
            throw ApiError.missing("shipping[name]");
        }
        Params a = s.hash("address");
        if (a == null || a.string("line1") == null) {
            throw ApiError.missing("shipping[address][line1]");
        }
        Map<String, Object> address = new LinkedHashMap<>();
        for (String f : new String[] {"city", "country", "line1", "line2", "postal_code", "state"}) {
            address.put(f, a.string(f));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("address", address);
        out.put("carrier", s.string("carrier"));
        out.put("name", s.string("name"));
        out.put("phone", s.string("phone"));
        out.put("tracking_number", s.string("tracking_number"));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** Consumes the source, decides the outcome from the card's behaviour and persists the charge, failed or not. */
    private Reply charge(SandboxApi.Call call, ChargeRequest req) {
        Card card = consumeSource(call, req.source());
        Attempt a = attempt(call, req, card, card.behaviour(), null, false);
        if (a.decline() != null) {
            throw a.decline().error(a.charge().id(), null);
        }
        return ledger.chargeReply(a.record(), req.expand());
    }

    /** A stored charge and, if it failed, why. */
    record Attempt(Charge charge, byte[] record, Decline decline) {
    }

    /** The parameters of a charge a PaymentIntent makes (PaymentIntents spec 2.14). */
    static ChargeRequest intentCharge(long amount, String currency, boolean capture, String description,
            Map<String, String> metadata, String receiptEmail, String suffix, Map<String, Object> shipping) {
        return new ChargeRequest(amount, currency, null, capture, description, metadata, receiptEmail, null, suffix,
                shipping, null, Set.of());
    }

    /**
     * Authorizes {@code card} as if its behaviour were {@code behaviour} (a PaymentIntent maps the 3-D Secure cards
     * to what happens after authentication), stores the charge, failed or not, and records {@code charge.succeeded}
     * or {@code charge.failed}.
     */
    Attempt attempt(SandboxApi.Call call, ChargeRequest req, Card card, Behaviour behaviour, String paymentIntent,
            boolean threeDSecure) {
        Decline decline = decline(card, behaviour);
        long created = ledger.now();
        long s = ledger.nextSeq();
        String id = charges.newId();
        Card checked = card.withChecks(check(card.cvcCheck(), cvcFails(card.behaviour())),
                check(card.addressLine1Check(), line1Check(card.behaviour())),
                check(card.addressZipCheck(), zipCheck(card.behaviour())));
        Charge charge;
        if (decline == null) {
            boolean capture = req.capture();
            charge = new Charge(id, call.account().id(), call.account().livemode(), Stored.sortKey(created, s),
                    created, req.amount(), capture ? req.amount() : 0, 0, req.currency(), capture, "succeeded", true,
                    capture, req.description(), req.metadata(), req.receiptEmail(),
                    req.statementDescriptor(), req.suffix(), req.shipping(), req.transferGroup(), null, checked,
                    successOutcome(card.behaviour()), null, null, List.of(), paymentIntent, threeDSecure, null);
        } else {
            charge = new Charge(id, call.account().id(), call.account().livemode(), Stored.sortKey(created, s),
                    created, req.amount(), 0, 0, req.currency(), false, "failed", false, false, req.description(),
                    req.metadata(), req.receiptEmail(), req.statementDescriptor(), req.suffix(), req.shipping(),
                    req.transferGroup(), null, checked, decline.outcome(), decline.code(), decline.message(),
                    List.of(), paymentIntent, threeDSecure, null);
        }
        byte[] record = charges.insert(charge);
        ledger.event(call, decline == null ? "charge.succeeded" : "charge.failed", record, null);
        if (decline == null) {
            ledger.disputeLater(charge, card.behaviour()); // the dispute cards: a dispute some time after the charge
        }
        return new Attempt(charge, record, decline);
    }

    /** Single use for real tokens (even when the charge is then declined); pre-made test tokens mint a fresh card. */
    private Card consumeSource(SandboxApi.Call call, String source) {
        if (TestCards.byToken(source) == null && !source.startsWith("tok_")) {
            throw ApiError.invalid("resource_missing", "source", "No such source: '" + source + "'");
        }
        return consumeToken(call, source, "source");
    }

    /** Marks a token used and returns its card; a pre-made test token (reusable) gives a fresh card each time. */
    Card consumeToken(SandboxApi.Call call, String tokenId, String param) {
        TestCards.TestCard premade = TestCards.byToken(tokenId);
        if (premade != null) {
            return premadeCard(call, tokenId, premade, Ids.object("card_"));
        }
        boolean[] wasUsed = new boolean[1];
        Table.Row<Token> t = tokens.update(call.account().id(), tokenId, cur -> {
            wasUsed[0] = cur.used();
            return cur.used() ? cur : cur.markUsed();
        });
        if (t == null) {
            throw ApiError.invalid("resource_missing", param, "No such token: '" + tokenId + "'");
        }
        if (wasUsed[0]) {
            throw ApiError.invalid("token_already_used", param,
                    "You cannot use a Stripe token more than once: " + tokenId + ".");
        }
        return t.value().card();
    }

    /** A fresh card for a pre-made test token or PaymentMethod: next year's December, checks as tokenized. */
    Card premadeCard(SandboxApi.Call call, String alias, TestCards.TestCard premade, String id) {
        Behaviour b = premade.behaviour();
        boolean avs = b == Behaviour.AVS_FAIL || b == Behaviour.AVS_LINE1_FAIL || b == Behaviour.AVS_ZIP_FAIL
                || b == Behaviour.AVS_UNAVAILABLE;
        return new Card(id, premade.brand(), premade.funding(), premade.last4(), 12,
                YearMonth.now(clock.withZone(ZoneOffset.UTC)).getYear() + 1,
                premadeFingerprints.computeIfAbsent(call.account().id() + '/' + premade.number(),
                        k -> fingerprinter.fingerprint(call.account().id(), premade.number())), "US", null, null,
                null, null, null, null, null, "unchecked", avs ? "unchecked" : null, avs ? "unchecked" : null, b);
    }

    private static String check(String current, String verdict) {
        // a check exists only if the field was supplied ("unchecked" at tokenization)
        return current == null ? null : verdict;
    }

    private static String cvcFails(Behaviour b) {
        return b == Behaviour.CVC_CHECK_FAIL || b == Behaviour.DECLINE_INCORRECT_CVC ? "fail" : "pass";
    }

    private static String line1Check(Behaviour b) {
        if (b == Behaviour.AVS_FAIL || b == Behaviour.AVS_LINE1_FAIL) {
            return "fail";
        }
        return b == Behaviour.AVS_UNAVAILABLE ? "unavailable" : "pass";
    }

    private static String zipCheck(Behaviour b) {
        if (b == Behaviour.AVS_FAIL || b == Behaviour.AVS_ZIP_FAIL) {
            return "fail";
        }
        return b == Behaviour.AVS_UNAVAILABLE ? "unavailable" : "pass";
    }

    /** Why an authorization failed: the 402's fields and the charge's outcome. */
    record Decline(String code, String declineCode, String param, String message, Outcome outcome) {
        /** The 402 card error; {@code extra} adds the embedded objects of a PaymentIntent decline, or is null. */
        ApiError error(String chargeId, ApiError.Extra extra) {
            return new ApiError(402, ApiError.CARD_ERROR, code, param, message, declineCode, chargeId, extra);
        }
    }

    private static Outcome issuerDeclined(String reason, String seller) {
        return new Outcome("issuer_declined", "declined_by_network", reason, "normal", 20, seller, null);
    }

    private static String bankCode(String code) {
        return "The bank returned the decline code `" + code + "`.";
    }

    /** Spec 4.6 and 8.2: what each test card does when charged as if it behaved as {@code b}; null means approved. */
    Decline decline(Card card, Behaviour b) {
        if (b == null) {
            if (settings.allowNonTestCards()) {
                return null;
            }
            return new Decline("card_declined", "testmode_decline", null, "Your card was declined. Your request was "
                    + "in test mode, but used a non test (live) card. For a list of valid test cards, visit: "
                    + "https://stripe.com/docs/testing.", issuerDeclined("testmode_decline",
                    bankCode("testmode_decline")));
        }
        String declined = "Your card was declined.";
        return switch (b) {
            case DECLINE_GENERIC, CUSTOMER_CHARGE_FAIL -> new Decline("card_declined", "generic_decline", null, declined,
                    issuerDeclined("generic_decline", "The bank did not return any further details with this decline."));
            case DECLINE_INSUFFICIENT_FUNDS -> new Decline("card_declined", "insufficient_funds", null,
                    "Your card has insufficient funds.",
                    issuerDeclined("insufficient_funds", bankCode("insufficient_funds")));
            case DECLINE_LOST_CARD -> new Decline("card_declined", "lost_card", null, declined,
                    issuerDeclined("lost_card", bankCode("lost_card")));
            case DECLINE_STOLEN_CARD -> new Decline("card_declined", "stolen_card", null, declined,
                    issuerDeclined("stolen_card", bankCode("stolen_card")));
            case DECLINE_VELOCITY -> new Decline("card_declined", "card_velocity_exceeded", null,
                    "Your card was declined for making repeated attempts too frequently or exceeding its amount limit.",
                    issuerDeclined("card_velocity_exceeded", bankCode("card_velocity_exceeded")));
            case BLOCK_FRAUDULENT, RISK_HIGHEST -> new Decline("card_declined", "fraudulent", null, declined,
                    new Outcome("blocked", "not_sent_to_network", "highest_risk_level", "highest", 95,
                            "Stripe blocked this payment as too risky.", null));
            case DECLINE_EXPIRED_CARD -> new Decline("expired_card", null, "exp_month", "Your card has expired.",
                    issuerDeclined("expired_card", bankCode("expired_card")));
            case DECLINE_INCORRECT_CVC -> new Decline("incorrect_cvc", null, "cvc",
                    "Your card's security code is incorrect.", issuerDeclined("incorrect_cvc",
                    bankCode("incorrect_cvc")));
            case CVC_CHECK_FAIL -> card.cvcCheck() == null ? null : new Decline("incorrect_cvc", null, "cvc",
                    "Your card's security code is incorrect.", issuerDeclined("incorrect_cvc",
                    bankCode("incorrect_cvc")));
            case DECLINE_PROCESSING_ERROR, THREE_DS_PROCESSING_ERROR -> new Decline("processing_error", null, null,
                    "An error occurred while processing your card. Try again in a little bit.",
                    issuerDeclined("processing_error", bankCode("processing_error")));
            case AUTHENTICATION_REQUIRED, THREE_DS_SETUP_FOR_OFF_SESSION, THREE_DS_THEN_INSUFFICIENT_FUNDS,
                    THREE_DS_THEN_DECLINE -> new Decline("card_declined", "authentication_required", null,
                    "Your card was declined. This transaction requires authentication.",
                    issuerDeclined("authentication_required", bankCode("authentication_required")));
            default -> null;
        };
    }

    // shared by every approved charge: a million charges need not carry a million equal outcomes
    private static final Outcome APPROVED = new Outcome("authorized", "approved_by_network", null, "normal", 20,
            "Payment complete.", null);
    private static final Outcome APPROVED_ELEVATED = new Outcome("authorized", "approved_by_network", null,
            "elevated", 70, "Payment complete.", null);

    private static Outcome successOutcome(Behaviour b) {
        return b == Behaviour.RISK_ELEVATED ? APPROVED_ELEVATED : APPROVED;
    }

    Prepared get(SandboxApi.Call call) {
        Set<String> expand = checkExpand(call.params(), CHARGE_EXPANDABLE);
        return () -> {
            Charge c = charges.get(call.account().id(), call.pathId());
            if (c == null) {
                throw Ledger.noSuchCharge(call.pathId(), 404, "id");
            }
            return new Reply(200, w -> renderer.charge(w, c, expand, ledger::refundById));
        };
    }

    Prepared update(SandboxApi.Call call) {
        Params p = call.params();
        Set<String> expand = checkExpand(p, CHARGE_EXPANDABLE);
        if (p.has("customer")) {
            throw ApiError.invalid("resource_missing", "customer", "No such customer: '" + p.string("customer") + "'");
        }
        String report = null;
        Params fraud = p.hash("fraud_details");
        if (fraud != null) {
            report = fraud.string("user_report");
            if (report != null && !report.equals("safe") && !report.equals("fraudulent")) {
                throw ApiError.invalid(null, "fraud_details[user_report]", "Invalid fraud_details[user_report]: must "
                        + "be one of safe or fraudulent");
            }
        }
        Map<String, Object> shipping = p.present("shipping") ? shipping(p) : null;
        metadata(p, Map.of());
        String fraudReport = report;
        return () -> {
            Table.Row<Charge> updated = charges.update(call.account().id(), call.pathId(), c -> {
                if (p.has("transfer_group") && c.transferGroup() != null
                        && !c.transferGroup().equals(p.string("transfer_group"))) {
                    throw ApiError.invalid(null, "transfer_group", "The transfer_group of charge " + c.id()
                            + " is already set and cannot be changed.");
                }
                return c.withUpdate(p.present("description") ? p.string("description") : c.description(),
                        p.present("metadata") ? metadata(p, c.metadata()) : c.metadata(),
                        p.present("receipt_email") ? p.string("receipt_email") : c.receiptEmail(),
                        p.present("shipping") ? shipping : c.shipping(),
                        p.has("transfer_group") ? p.string("transfer_group") : c.transferGroup(),
                        fraudReport != null ? fraudReport : c.fraudUserReport());
            });
            if (updated == null) {
                throw Ledger.noSuchCharge(call.pathId(), 404, "id");
            }
            if (updated.changed()) {
                ledger.event(call, "charge.updated", updated.record(), updated.previous());
            }
            return ledger.chargeReply(updated.record(), expand);
        };
    }

    Prepared capture(SandboxApi.Call call) {
        Params p = call.params();
        Set<String> expand = checkExpand(p, CHARGE_EXPANDABLE);
        Long amount = p.positiveLong("amount");
        String receiptEmail = p.string("receipt_email");
        String descriptor = descriptor(p, "statement_descriptor");
        String suffix = descriptor(p, "statement_descriptor_suffix");
        for (String connect : new String[] {"application_fee_amount", "transfer_data"}) {
            if (p.has(connect)) {
                throw ApiError.invalid(null, connect, "Connect parameters such as " + connect
                        + " are not supported by the sandbox.");
            }
        }
        return () -> {
            Table.Row<Charge> captured = captureCharge(call, call.pathId(), amount, "amount", receiptEmail,
                    descriptor, suffix, null);
            if (captured == null) {
                throw Ledger.noSuchCharge(call.pathId(), 404, "id");
            }
            return ledger.chargeReply(captured.record(), expand);
        };
    }

    /**
     * Captures {@code amount} of the charge (all of it when null), releasing the rest as a refund (spec 4.7), and
     * records {@code charge.captured}; null when there is no such charge. {@code amountParam} names the amount in
     * errors; {@code paymentIntent} goes on the released remainder's refund.
     */
    Table.Row<Charge> captureCharge(SandboxApi.Call call, String chargeId, Long amount, String amountParam,
            String receiptEmail, String descriptor, String suffix, String paymentIntent) {
        Refund[] released = new Refund[1];
        long nowSeconds = ledger.now();
        Table.Row<Charge> captured = charges.update(call.account().id(), chargeId, c -> {
            if (c.failed()) {
                throw ApiError.invalid(null, null, "Charge " + c.id() + " has failed; a failed charge cannot be "
                        + "captured.");
            }
            if (c.captured()) {
                throw ApiError.invalid("charge_already_captured", null, "Charge " + c.id()
                        + " has already been captured.");
            }
            if (c.refunded()) {
                throw ApiError.invalid("charge_already_refunded", null, "Charge " + c.id() + " has been refunded "
                        + "(its authorization was released) and cannot be captured.");
            }
            if (nowSeconds - c.created() > AUTHORIZATION_VALIDITY_SECONDS) {
                throw ApiError.invalid("charge_expired_for_capture", null, "Charge " + c.id()
                        + " cannot be captured: its authorization expired 7 days after it was created.");
            }
            long take = amount == null ? c.amount() : amount;
            if (take > c.amount()) {
                throw ApiError.invalid("amount_too_large", amountParam, "You cannot capture more than the "
                        + "authorized amount: " + Currencies.format(take, c.currency()) + " is more than "
                        + Currencies.format(c.amount(), c.currency()) + ".");
            }
            long min = Currencies.minimum(c.currency());
            if (take < min) {
                throw ApiError.invalid("amount_too_small", amountParam, "Amount must be at least "
                        + Currencies.format(min, c.currency()) + " " + c.currency());
            }
            long rest = c.amount() - take;
            List<String> ids = c.refundIds();
            if (rest > 0) {
                // the uncaptured remainder is released and shows up as a refund (spec 4.7)
                long s = ledger.nextSeq();
                released[0] = new Refund(refunds.newId(), c.accountId(), c.livemode(),
                        Stored.sortKey(nowSeconds, s), nowSeconds, rest, c.id(), c.currency(), c.card().id(), null,
                        Map.of(), false, "reversal", paymentIntent);
                ids = append(ids, released[0].id());
            }
            return c.withCapture(take, rest,
                    receiptEmail != null ? receiptEmail : c.receiptEmail(),
                    descriptor != null ? descriptor : c.statementDescriptor(),
                    suffix != null ? suffix : c.statementDescriptorSuffix(), ids);
        });
        if (captured == null) {
            return null;
        }
        if (released[0] != null) {
            refunds.insert(released[0]);
        }
        ledger.event(call, "charge.captured", captured.record(), captured.previous());
        return captured;
    }

    /**
     * Releases the whole authorization of an uncaptured charge (a PaymentIntent canceled in
     * {@code requires_capture}, PaymentIntents spec 2.8): a reversal refund for the amount and {@code charge.refunded}.
     */
    void releaseAuthorization(SandboxApi.Call call, String chargeId, String paymentIntent, String reason) {
        Refund[] made = new Refund[1];
        long nowSeconds = ledger.now();
        Table.Row<Charge> after = charges.update(call.account().id(), chargeId, c -> {
            if (c.failed() || c.captured() || c.refunded()) {
                return c;
            }
            made[0] = new Refund(refunds.newId(), c.accountId(), c.livemode(),
                    Stored.sortKey(nowSeconds, ledger.nextSeq()), nowSeconds, c.amount() - c.amountRefunded(),
                    c.id(), c.currency(), c.card().id(), reason, Map.of(), false, "reversal", paymentIntent);
            return c.withRefund(made[0].amount(), append(c.refundIds(), made[0].id()));
        });
        if (after != null && made[0] != null) {
            refunds.insert(made[0]);
            ledger.event(call, "charge.refunded", after.record(), after.previous());
        }
    }

    Prepared list(SandboxApi.Call call) {
        Params p = call.params();
        Paging paging = paging(p);
        int limit = paging.limit();
        Set<String> expand = listExpand(p, CHARGE_EXPANDABLE);
        long[] range = createdRange(p);
        String after = paging.after();
        String before = paging.before();
        boolean none = p.has("customer");
        String intent = p.string("payment_intent");
        String group = p.string("transfer_group");
        String account = call.account().id();
        return () -> {
            Long afterKey = Ledger.cursor(charges, account, after, "starting_after", "charge");
            Long beforeKey = Ledger.cursor(charges, account, before, "ending_before", "charge");
            // the sandbox has no customers, so filtering by one finds nothing
            Table.Page<Charge> page = none ? Table.Page.empty()
                    : charges.page(account, range[0], range[1], afterKey, beforeKey, limit,
                            c -> (group == null || group.equals(c.transferGroup()))
                                    && (intent == null || intent.equals(c.paymentIntent())));
            return new Reply(200, Requests.list("/v1/charges", page,
                    (w, c) -> renderer.charge(w, c, expand, ledger::refundById)));
        };
    }

    Prepared listRefunds(SandboxApi.Call call) {
        Params p = call.params();
        Paging paging = paging(p);
        int limit = paging.limit();
        Set<String> expand = listExpand(p, REFUND_EXPANDABLE);
        String after = paging.after();
        String before = paging.before();
        return () -> {
            Charge c = charges.get(call.account().id(), call.pathId());
            if (c == null) {
                throw Ledger.noSuchCharge(call.pathId(), 404, "id");
            }
            Table.Page<Refund> page = ledger.refundsOfCharge(c, after, before, limit);
            return new Reply(200, Requests.list("/v1/charges/" + c.id() + "/refunds", page,
                    (w, r) -> renderer.refund(w, r, expand, ledger::chargeById)));
        };
    }
}
