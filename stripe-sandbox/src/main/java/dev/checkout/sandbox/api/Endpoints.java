package dev.checkout.sandbox.api;

import dev.checkout.sandbox.card.Behaviour;
import dev.checkout.sandbox.card.CardValidator;
import dev.checkout.sandbox.card.Fingerprinter;
import dev.checkout.sandbox.card.TestCards;
import dev.checkout.sandbox.json.JsonBody;
import dev.checkout.sandbox.store.Card;
import dev.checkout.sandbox.store.Charge;
import dev.checkout.sandbox.store.Codecs;
import dev.checkout.sandbox.store.Outcome;
import dev.checkout.sandbox.store.Refund;
import dev.checkout.sandbox.store.Stored;
import dev.checkout.sandbox.store.Table;
import dev.checkout.sandbox.store.Token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The business of tokens, charges and refunds. Each call is split in two: {@code prepare} checks the parameters
 * (its errors are never stored under an idempotency key, spec 7) and returns a {@link Prepared} whose
 * {@code execute} has the effects (its answer, success or business error, is stored and replayed).
 */
final class Endpoints {
    /** A checked call, ready to run. */
    interface Prepared {
        Reply execute();

        /** Whether the configured charge delay applies. */
        default boolean delayed() {
            return false;
        }

        /** Whether the configured refund delay applies. */
        default boolean refundDelayed() {
            return false;
        }
    }

    private static final long AUTHORIZATION_VALIDITY_SECONDS = 7L * 24 * 3600;
    private static final Set<String> CHARGE_EXPANDABLE = Set.of("balance_transaction", "refunds", "source",
            "customer", "review", "payment_intent", "application_fee", "on_behalf_of", "transfer",
            "failure_balance_transaction", "source_transfer", "dispute", "destination");
    private static final Set<String> REFUND_EXPANDABLE = Set.of("charge", "balance_transaction", "payment_intent",
            "failure_balance_transaction", "source_transfer_reversal", "transfer_reversal");

    final Table<Token> tokens;
    final Table<Charge> charges;
    final Table<Refund> refunds;
    private final SandboxSettings settings;
    private final Clock clock;
    private final Fingerprinter fingerprinter;
    private final Renderer renderer;
    private final AtomicLong seq = new AtomicLong();
    // pre-made tokens are charged over and over: one fingerprint per account and token, computed once
    private final java.util.concurrent.ConcurrentHashMap<String, String> premadeFingerprints =
            new java.util.concurrent.ConcurrentHashMap<>();

    Endpoints(SandboxSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.tokens = new Table<>("tok_", settings.maxTokens(), false, Codecs.TOKEN);
        this.charges = new Table<>("ch_", settings.maxCharges(), true, Codecs.CHARGE);
        this.refunds = new Table<>("re_", settings.maxRefunds(), true, Codecs.REFUND);
        byte[] secret = settings.fingerprintSecret();
        if (secret == null || secret.length == 0) {
            // a fresh key per process: fingerprints are stable for the life of the sandbox and reveal nothing
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
        }
        this.fingerprinter = new Fingerprinter(secret);
        this.renderer = new Renderer(settings.receiptBaseUrl(), settings.statementDescriptor());
    }

    private long now() {
        return clock.millis() / 1000;
    }

    Prepared prepare(Route.Op op, SandboxApi.Call call) {
        return switch (op) {
            case CREATE_TOKEN -> createToken(call);
            case GET_TOKEN -> getToken(call);
            case CREATE_CHARGE -> createCharge(call);
            case GET_CHARGE -> getCharge(call);
            case UPDATE_CHARGE -> updateCharge(call);
            case CAPTURE_CHARGE -> captureCharge(call);
            case LIST_CHARGES -> listCharges(call);
            case LIST_CHARGE_REFUNDS -> listChargeRefunds(call);
            case CREATE_REFUND -> createRefund(call);
            case GET_REFUND -> getRefund(call);
            case UPDATE_REFUND -> updateRefund(call);
            case LIST_REFUNDS -> listRefunds(call);
        };
    }

    // ---------------------------------------------------------------- tokens

    private Prepared createToken(SandboxApi.Call call) {
        Params p = call.params();
        for (String other : new String[] {"bank_account", "pii", "account", "person", "cvc_update"}) {
            if (p.present(other)) {
                throw ApiError.invalid(null, other, "The sandbox creates card tokens only; " + other
                        + " tokens are not supported.");
            }
        }
        if (p.has("customer")) {
            throw ApiError.invalid(null, "customer", "Creating a token from a customer's card (Connect) is not "
                    + "supported by the sandbox.");
        }
        checkExpand(p, Set.of());
        Params card = p.hash("card");
        if (card == null) {
            if (p.has("card")) {
                throw ApiError.invalid(null, "card", "Creating a token from a card id (Connect) is not supported by "
                        + "the sandbox; send card[number], card[exp_month], card[exp_year] and card[cvc].");
            }
            throw ApiError.invalid("parameter_missing", "card", "You must supply either a card, customer, PII data, "
                    + "bank account, or account legal entity to create a token.");
        }
        if (call.secretKey() && !settings.allowRawCardDataWithSecretKey()) {
            throw ApiError.invalid(null, "card", "Sending credit card numbers directly to the Stripe API is generally "
                    + "unsafe. Tokenize cards with the publishable key from the browser instead.");
        }
        // the number and CVC are read here and never leave this method: only derived facts are kept
        CardValidator.CheckedNumber number = CardValidator.number(card.string("number"));
        int[] exp = CardValidator.expiry(card.string("exp_month"), card.string("exp_year"),
                YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        String cvc = card.string("cvc");
        CardValidator.cvc(cvc, number.brand());
        TestCards.TestCard test = TestCards.byNumber(number.digits());
        String digits = number.digits();
        String line1 = card.string("address_line1");
        String zip = card.string("address_zip");
        Card stored = new Card(Ids.object("card_"), number.brand(), test != null ? test.funding() : "credit",
                digits.substring(digits.length() - 4), exp[0], exp[1],
                fingerprinter.fingerprint(call.account().id(), digits), "US", card.string("name"), line1,
                card.string("address_line2"), card.string("address_city"), card.string("address_state"), zip,
                card.string("address_country"), cvc != null ? "unchecked" : null, line1 != null ? "unchecked" : null,
                zip != null ? "unchecked" : null, test != null ? test.behaviour() : null);
        return () -> {
            Token t = new Token(tokens.newId(), call.account().id(), call.account().livemode(), stored,
                    call.clientIp(), now(), false);
            return tokenReply(tokens.insert(t));
        };
    }

    private Prepared getToken(SandboxApi.Call call) {
        checkExpand(call.params(), Set.of());
        return () -> {
            Token t = tokens.get(call.account().id(), call.pathId());
            if (t == null) {
                throw ApiError.notFound("token", "No such token: '" + call.pathId() + "'");
            }
            return new Reply(200, w -> renderer.token(w, t));
        };
    }

    // ---------------------------------------------------------------- charges

    private record ChargeRequest(long amount, String currency, String source, boolean capture, String description,
            Map<String, String> metadata, String receiptEmail, String statementDescriptor, String suffix,
            Map<String, Object> shipping, String transferGroup, Set<String> expand) {
    }

    private Prepared createCharge(SandboxApi.Call call) {
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

    private static String descriptor(Params p, String name) {
        String s = p.string(name);
        if (s != null && s.length() > 22) {
            throw ApiError.invalid(null, name, "The " + name + " must be at most 22 characters (got " + s.length()
                    + ").");
        }
        return s;
    }

    private Map<String, Object> shipping(Params p) {
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
        Decline decline = decline(card);
        long created = now();
        long s = seq.incrementAndGet();
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
                    successOutcome(card.behaviour()), null, null, List.of());
        } else {
            charge = new Charge(id, call.account().id(), call.account().livemode(), Stored.sortKey(created, s),
                    created, req.amount(), 0, 0, req.currency(), false, "failed", false, false, req.description(),
                    req.metadata(), req.receiptEmail(), req.statementDescriptor(), req.suffix(), req.shipping(),
                    req.transferGroup(), null, checked, decline.outcome(), decline.code(), decline.message(),
                    List.of());
        }
        byte[] record = charges.insert(charge);
        if (decline != null) {
            throw new ApiError(402, ApiError.CARD_ERROR, decline.code(), decline.param(), decline.message(),
                    decline.declineCode(), id);
        }
        return chargeReply(record, req.expand());
    }

    /*
     * Replies that the idempotency store keeps close over the stored record (one byte[], shared with the table
     * until the object changes) rather than over the decoded object graph, so a million kept replies stay a
     * million small objects; a replay decodes the snapshot again.
     */
    private Reply tokenReply(byte[] record) {
        return new Reply(200, w -> renderer.token(w, tokens.decode(record)));
    }

    private Reply chargeReply(byte[] record, Set<String> expand) {
        return new Reply(200, w -> renderer.charge(w, charges.decode(record), expand, this::refundById));
    }

    private Reply refundReply(byte[] record, Set<String> expand) {
        return new Reply(200, w -> renderer.refund(w, refunds.decode(record), expand, this::chargeById));
    }

    private Refund refundById(String id) {
        return refunds.byId(id);
    }

    private Charge chargeById(String id) {
        return charges.byId(id);
    }

    /** Single use for real tokens (even when the charge is then declined); pre-made test tokens mint a fresh card. */
    private Card consumeSource(SandboxApi.Call call, String source) {
        TestCards.TestCard premade = TestCards.byToken(source);
        if (premade != null) {
            Behaviour b = premade.behaviour();
            boolean avs = b == Behaviour.AVS_FAIL || b == Behaviour.AVS_LINE1_FAIL || b == Behaviour.AVS_ZIP_FAIL
                    || b == Behaviour.AVS_UNAVAILABLE;
            return new Card(Ids.object("card_"), premade.brand(), premade.funding(), premade.last4(), 12,
                    YearMonth.now(clock.withZone(ZoneOffset.UTC)).getYear() + 1,
                    premadeFingerprints.computeIfAbsent(call.account().id() + '/' + source,
                            k -> fingerprinter.fingerprint(call.account().id(), premade.number())), "US", null, null,
                    null, null,
                    null, null, null, "unchecked", avs ? "unchecked" : null, avs ? "unchecked" : null, b);
        }
        if (!source.startsWith("tok_")) {
            throw ApiError.invalid("resource_missing", "source", "No such source: '" + source + "'");
        }
        boolean[] wasUsed = new boolean[1];
        Table.Row<Token> t = tokens.update(call.account().id(), source, cur -> {
            wasUsed[0] = cur.used();
            return cur.used() ? cur : cur.markUsed();
        });
        if (t == null) {
            throw ApiError.invalid("resource_missing", "source", "No such token: '" + source + "'");
        }
        if (wasUsed[0]) {
            throw ApiError.invalid("token_already_used", "source",
                    "You cannot use a Stripe token more than once: " + source + ".");
        }
        return t.value().card();
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

    private record Decline(String code, String declineCode, String param, String message, Outcome outcome) {
    }

    private static Outcome issuerDeclined(String reason, String seller) {
        return new Outcome("issuer_declined", "declined_by_network", reason, "normal", 20, seller, null);
    }

    private static String bankCode(String code) {
        return "The bank returned the decline code `" + code + "`.";
    }

    /** Spec 4.6 and 8.2: what each test card does when charged; null means approved. */
    private Decline decline(Card card) {
        Behaviour b = card.behaviour();
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
            case DECLINE_PROCESSING_ERROR -> new Decline("processing_error", null, null,
                    "An error occurred while processing your card. Try again in a little bit.",
                    issuerDeclined("processing_error", bankCode("processing_error")));
            case AUTHENTICATION_REQUIRED -> new Decline("card_declined", "authentication_required", null,
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

    private Prepared getCharge(SandboxApi.Call call) {
        Set<String> expand = checkExpand(call.params(), CHARGE_EXPANDABLE);
        return () -> {
            Charge c = charges.get(call.account().id(), call.pathId());
            if (c == null) {
                throw noSuchCharge(call.pathId(), 404, "id");
            }
            return new Reply(200, w -> renderer.charge(w, c, expand, this::refundById));
        };
    }

    private static ApiError noSuchCharge(String id, int status, String param) {
        return new ApiError(status, ApiError.INVALID_REQUEST, "resource_missing", param, "No such charge: '" + id + "'",
                null, null);
    }

    private Prepared updateCharge(SandboxApi.Call call) {
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
                throw noSuchCharge(call.pathId(), 404, "id");
            }
            return chargeReply(updated.record(), expand);
        };
    }

    private Prepared captureCharge(SandboxApi.Call call) {
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
            Refund[] released = new Refund[1];
            long nowSeconds = now();
            Table.Row<Charge> captured = charges.update(call.account().id(), call.pathId(), c -> {
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
                    throw ApiError.invalid("amount_too_large", "amount", "You cannot capture more than the "
                            + "authorized amount: " + Currencies.format(take, c.currency()) + " is more than "
                            + Currencies.format(c.amount(), c.currency()) + ".");
                }
                long min = Currencies.minimum(c.currency());
                if (take < min) {
                    throw ApiError.invalid("amount_too_small", "amount", "Amount must be at least "
                            + Currencies.format(min, c.currency()) + " " + c.currency());
                }
                long rest = c.amount() - take;
                List<String> ids = c.refundIds();
                if (rest > 0) {
                    // the uncaptured remainder is released and shows up as a refund (spec 4.7)
                    long s = seq.incrementAndGet();
                    released[0] = new Refund(refunds.newId(), c.accountId(), c.livemode(),
                            Stored.sortKey(nowSeconds, s), nowSeconds, rest, c.id(), c.currency(), c.card().id(), null,
                            Map.of(), false, "reversal");
                    ids = append(ids, released[0].id());
                }
                return c.withCapture(take, rest,
                        receiptEmail != null ? receiptEmail : c.receiptEmail(),
                        descriptor != null ? descriptor : c.statementDescriptor(),
                        suffix != null ? suffix : c.statementDescriptorSuffix(), ids);
            });
            if (captured == null) {
                throw noSuchCharge(call.pathId(), 404, "id");
            }
            if (released[0] != null) {
                refunds.insert(released[0]);
            }
            return chargeReply(captured.record(), expand);
        };
    }

    private Prepared listCharges(SandboxApi.Call call) {
        Params p = call.params();
        Paging paging = paging(p);
        int limit = paging.limit();
        Set<String> expand = listExpand(p, CHARGE_EXPANDABLE);
        long[] range = createdRange(p);
        String after = paging.after();
        String before = paging.before();
        boolean none = p.has("customer") || p.has("payment_intent");
        String group = p.string("transfer_group");
        String account = call.account().id();
        return () -> {
            Long afterKey = cursor(charges, account, after, "starting_after", "charge");
            Long beforeKey = cursor(charges, account, before, "ending_before", "charge");
            // the sandbox has no customers or payment intents, so filtering by one finds nothing
            Table.Page<Charge> page = none ? Table.Page.empty()
                    : charges.page(account, range[0], range[1], afterKey, beforeKey, limit,
                            c -> group == null || group.equals(c.transferGroup()));
            return new Reply(200, list("/v1/charges", page,
                    (w, c) -> renderer.charge(w, c, expand, this::refundById)));
        };
    }

    private Prepared listChargeRefunds(SandboxApi.Call call) {
        Params p = call.params();
        Paging paging = paging(p);
        int limit = paging.limit();
        Set<String> expand = listExpand(p, REFUND_EXPANDABLE);
        String after = paging.after();
        String before = paging.before();
        return () -> {
            Charge c = charges.get(call.account().id(), call.pathId());
            if (c == null) {
                throw noSuchCharge(call.pathId(), 404, "id");
            }
            Table.Page<Refund> page = refundsOfCharge(c, after, before, limit);
            return new Reply(200, list("/v1/charges/" + c.id() + "/refunds", page,
                    (w, r) -> renderer.refund(w, r, expand, this::chargeById)));
        };
    }

    private Table.Page<Refund> refundsOfCharge(Charge c, String after, String before, int limit) {
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

    private Long refundCursor(String account, String id, String param) {
        return cursor(refunds, account, id, param, "refund");
    }

    private static <T extends Stored> Long cursor(Table<T> table, String account, String id, String param,
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

    // ---------------------------------------------------------------- refunds

    private Prepared createRefund(SandboxApi.Call call) {
        Params p = call.params();
        Set<String> expand = checkExpand(p, REFUND_EXPANDABLE);
        if (p.has("payment_intent")) {
            throw ApiError.invalid(null, "payment_intent", "The sandbox serves the Charges API only; refund a charge "
                    + "with the charge parameter.");
        }
        String chargeId = p.string("charge");
        if (chargeId == null) {
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
        Prepared refund = () -> {
            Refund[] made = new Refund[1];
            long nowSeconds = now();
            Table.Row<Charge> after = charges.update(call.account().id(), chargeId, c -> {
                if (c.failed()) {
                    throw ApiError.invalid("charge_not_refundable", "charge", "Charge " + c.id()
                            + " has failed; there is nothing to refund.");
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
                long s = seq.incrementAndGet();
                made[0] = new Refund(refunds.newId(), c.accountId(), c.livemode(), Stored.sortKey(nowSeconds, s),
                        nowSeconds, take, c.id(), c.currency(), c.card().id(), reason, metadata,
                        c.captured(), c.captured() ? "refund" : "reversal");
                return c.withRefund(take, append(c.refundIds(), made[0].id()));
            });
            if (after == null) {
                throw noSuchCharge(chargeId, 404, "charge");
            }
            return refundReply(refunds.insert(made[0]), expand);
        };
        return new Prepared() {
            @Override
            public Reply execute() {
                return refund.execute();
            }

            @Override
            public boolean refundDelayed() {
                return true;
            }
        };
    }

    private Prepared getRefund(SandboxApi.Call call) {
        Set<String> expand = checkExpand(call.params(), REFUND_EXPANDABLE);
        return () -> {
            Refund r = refunds.get(call.account().id(), call.pathId());
            if (r == null) {
                throw ApiError.notFound("id", "No such refund: '" + call.pathId() + "'");
            }
            return new Reply(200, w -> renderer.refund(w, r, expand, this::chargeById));
        };
    }

    private Prepared updateRefund(SandboxApi.Call call) {
        Params p = call.params();
        Set<String> expand = checkExpand(p, REFUND_EXPANDABLE);
        return () -> {
            Table.Row<Refund> r = refunds.update(call.account().id(), call.pathId(),
                    cur -> p.present("metadata") ? cur.withMetadata(metadata(p, cur.metadata())) : cur);
            if (r == null) {
                throw ApiError.notFound("id", "No such refund: '" + call.pathId() + "'");
            }
            return refundReply(r.record(), expand);
        };
    }

    private Prepared listRefunds(SandboxApi.Call call) {
        Params p = call.params();
        Paging paging = paging(p);
        int limit = paging.limit();
        Set<String> expand = listExpand(p, REFUND_EXPANDABLE);
        long[] range = createdRange(p);
        String after = paging.after();
        String before = paging.before();
        String chargeId = p.string("charge");
        boolean none = p.has("payment_intent");
        String account = call.account().id();
        return () -> {
            Table.Page<Refund> page;
            if (none) {
                page = Table.Page.empty();
            } else if (chargeId != null) {
                Charge c = charges.get(account, chargeId);
                page = c == null ? Table.Page.empty() : refundsOfCharge(c, after, before, limit);
                if (c != null && (range[0] != Long.MIN_VALUE || range[1] != Long.MAX_VALUE)) {
                    page = new Table.Page<>(page.data().stream()
                            .filter(r -> r.sortKey() >= range[0] && r.sortKey() < range[1]).toList(), page.hasMore());
                }
            } else {
                page = refunds.page(account, range[0], range[1], refundCursor(account, after, "starting_after"),
                        refundCursor(account, before, "ending_before"), limit, r -> true);
            }
            return new Reply(200, list("/v1/refunds", page,
                    (w, r) -> renderer.refund(w, r, expand, this::chargeById)));
        };
    }

    // ---------------------------------------------------------------- shared

    /** A list's page size and cursors (spec 5): {@code starting_after} and {@code ending_before} exclude each other. */
    private record Paging(int limit, String after, String before) {
    }

    private static Paging paging(Params p) {
        int limit = limit(p);
        String after = p.string("starting_after");
        String before = p.string("ending_before");
        if (after != null && before != null) {
            throw ApiError.invalid("parameters_exclusive", "ending_before",
                    "You may only specify one of these parameters: starting_after, ending_before.");
        }
        return new Paging(limit, after, before);
    }

    private interface ItemWriter<T> {
        void write(dev.checkout.sandbox.json.JsonWriter w, T item);
    }

    private static <T> JsonBody list(String url, Table.Page<T> page, ItemWriter<T> item) {
        return w -> {
            w.beginObject().field("object", "list").name("data").beginArray();
            for (T t : page.data()) {
                item.write(w, t);
            }
            w.endArray().field("has_more", page.hasMore()).field("url", url).endObject();
        };
    }

    private static int limit(Params p) {
        Long l = p.longValue("limit");
        if (l == null) {
            return 10;
        }
        if (l < 1 || l > 100) {
            throw ApiError.invalid(null, "limit", "Invalid limit: " + l + ". The limit must be between 1 and 100.");
        }
        return l.intValue();
    }

    /** The {@code created} filter as a half-open sort-key range (spec 10.2). */
    private static long[] createdRange(Params p) {
        long from = Long.MIN_VALUE;
        long to = Long.MAX_VALUE;
        String exact = p.raw().get("created") instanceof String s && !s.isEmpty() ? s : null;
        if (exact != null) {
            long c = p.longValue("created");
            return new long[] {Stored.minKeyFor(c), Stored.minKeyFor(c + 1)};
        }
        Params h = p.hash("created");
        if (h != null) {
            Long gt = h.longValue("gt");
            Long gte = h.longValue("gte");
            Long lt = h.longValue("lt");
            Long lte = h.longValue("lte");
            if (gt != null) {
                from = Math.max(from, Stored.minKeyFor(gt + 1));
            }
            if (gte != null) {
                from = Math.max(from, Stored.minKeyFor(gte));
            }
            if (lt != null) {
                to = Math.min(to, Stored.minKeyFor(lt));
            }
            if (lte != null) {
                to = Math.min(to, Stored.minKeyFor(lte + 1));
            }
        }
        return new long[] {from, to};
    }

    private static Set<String> checkExpand(Params p, Set<String> allowed) {
        List<String> paths = p.strings("expand");
        if (paths.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        for (String path : paths) {
            if (!allowed.contains(path)) {
                throw ApiError.invalid(null, "expand", "This property cannot be expanded (" + path + ").");
            }
            out.add(path);
        }
        return out;
    }

    /** Lists expand {@code data.x}; the items then expand {@code x}. */
    private static Set<String> listExpand(Params p, Set<String> allowed) {
        List<String> paths = p.strings("expand");
        if (paths.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        for (String path : paths) {
            String inner = path.startsWith("data.") ? path.substring(5) : null;
            if (inner == null || !allowed.contains(inner)) {
                throw ApiError.invalid(null, "expand", "This property cannot be expanded (" + path + ").");
            }
            out.add(inner);
        }
        return out;
    }

    /**
     * Metadata per spec 4.9, merged into {@code base}: {@code metadata=} clears, {@code metadata[k]=} deletes a key;
     * at most 50 keys of at most 40 characters, values of at most 500.
     */
    private static Map<String, String> metadata(Params p, Map<String, String> base) {
        if (!p.present("metadata")) {
            return base;
        }
        Map<String, Object> raw = p.rawHash("metadata");
        if (raw == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>(base);
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            String k = e.getKey();
            String v = (String) e.getValue();
            if (k.length() > 40) {
                throw ApiError.invalid(null, "metadata[" + k + "]", "Metadata keys can have up to 40 characters; "
                        + "this one has " + k.length() + ".");
            }
            if (v.length() > 500) {
                throw ApiError.invalid(null, "metadata[" + k + "]", "Metadata values can have up to 500 characters; "
                        + "this one has " + v.length() + ".");
            }
            if (v.isEmpty()) {
                out.remove(k);
            } else {
                out.put(k, v);
            }
        }
        if (out.size() > 50) {
            throw ApiError.invalid(null, "metadata", "Metadata can have up to 50 keys; this request would leave "
                    + out.size() + ".");
        }
        // compact immutable maps: metadata is kept for every stored charge
        return switch (out.size()) {
            case 0 -> Map.of();
            case 1 -> {
                var e = out.entrySet().iterator().next();
                yield Map.of(e.getKey(), e.getValue());
            }
            default -> java.util.Collections.unmodifiableMap(out);
        };
    }

    private static List<String> append(List<String> list, String id) {
        List<String> out = new ArrayList<>(list.size() + 1);
        out.addAll(list);
        out.add(id);
        return List.copyOf(out);
    }
}
