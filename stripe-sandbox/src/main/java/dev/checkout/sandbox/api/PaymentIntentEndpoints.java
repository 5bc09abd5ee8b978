package dev.checkout.sandbox.api;

import dev.checkout.sandbox.api.ChargeEndpoints.Attempt;
import dev.checkout.sandbox.api.Endpoints.Prepared;
import dev.checkout.sandbox.api.Requests.Paging;
import dev.checkout.sandbox.card.Behaviour;
import dev.checkout.sandbox.store.Charge;
import dev.checkout.sandbox.store.PaymentIntent;
import dev.checkout.sandbox.store.PaymentMethod;
import dev.checkout.sandbox.store.Stored;
import dev.checkout.sandbox.store.Table;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.checkout.sandbox.api.Requests.checkExpand;
import static dev.checkout.sandbox.api.Requests.createdRange;
import static dev.checkout.sandbox.api.Requests.descriptor;
import static dev.checkout.sandbox.api.Requests.listExpand;
import static dev.checkout.sandbox.api.Requests.metadata;
import static dev.checkout.sandbox.api.Requests.paging;

/**
 * {@code /v1/payment_intents} (PaymentIntents spec 2): create, confirm, capture, cancel, retrieve, update and list,
 * with the state machine of spec 2.2, the 3-D Secure test cards of spec 4.1 and the challenge page's outcome
 * ({@link #authenticate}). Every change of one intent runs under that intent's lock, so two confirmations of the same
 * intent never both authorize.
 */
final class PaymentIntentEndpoints {
    static final Set<String> EXPANDABLE = Set.of("latest_charge", "payment_method");
    static final String REQUIRES_PAYMENT_METHOD = "requires_payment_method";
    static final String REQUIRES_CONFIRMATION = "requires_confirmation";
    static final String REQUIRES_ACTION = "requires_action";
    static final String REQUIRES_CAPTURE = "requires_capture";
    static final String SUCCEEDED = "succeeded";
    static final String CANCELED = "canceled";
    /** Stripe's "variable upper limit" on confirmations (spec 2.2, unconfirmed number). */
    static final int MAX_CONFIRMATIONS = 20;
    private static final String UNEXPECTED = "payment_intent_unexpected_state";
    /** Spec 1: the versions whose defaults or rules this endpoint tells apart. */
    static final String AUTOMATIC_METHODS_BY_DEFAULT = "2023-08-16";
    static final String AUTOMATIC_ASYNC_BY_DEFAULT = "2024-04-10";
    static final String ENDIVE = "2026-09-30";
    private static final Set<String> CAPTURE_METHODS = Set.of("automatic", "automatic_async", "manual");
    private static final Set<String> CANCEL_REASONS = Set.of("abandoned", "duplicate", "fraudulent",
            "requested_by_customer");
    private static final Set<String> CONFIRMABLE = Set.of(REQUIRES_PAYMENT_METHOD, REQUIRES_CONFIRMATION,
            REQUIRES_ACTION);
    private static final Set<String> CANCELABLE = Set.of(REQUIRES_PAYMENT_METHOD, REQUIRES_CAPTURE,
            REQUIRES_CONFIRMATION, REQUIRES_ACTION, "processing");

    private final Ledger ledger;
    private final Table<PaymentIntent> intents;
    private final Table<PaymentMethod> methods;
    private final ChargeEndpoints charges;
    private final PaymentMethodEndpoints paymentMethods;
    private final Object[] locks = new Object[64];

    PaymentIntentEndpoints(Ledger ledger, ChargeEndpoints charges, PaymentMethodEndpoints paymentMethods) {
        this.ledger = ledger;
        this.intents = ledger.paymentIntents;
        this.methods = ledger.paymentMethods;
        this.charges = charges;
        this.paymentMethods = paymentMethods;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    private Object lock(String intentId) {
        return locks[(intentId.hashCode() & 0x7fffffff) % locks.length];
    }

    // ---------------------------------------------------------------- parameters

    /**
     * The payment method a call names: {@code payment_method} (an id or a pre-made test id) or
     * {@code payment_method_data} (a token); both null when none.
     */
    record MethodChoice(String id, PaymentMethodEndpoints.Request data) {
        boolean any() {
            return id != null || data != null;
        }
    }

    /** What a confirmation carries besides the payment method (spec 2.4). */
    record ConfirmRequest(MethodChoice method, String returnUrl, boolean offSession, boolean errorOnRequiresAction,
            boolean useStripeSdk, String requestThreeDSecure, String captureMethod, String receiptEmail,
            Map<String, Object> shipping, Set<String> expand) {
    }

    private static MethodChoice methodChoice(Params p) {
        String id = p.string("payment_method");
        Params data = p.hash("payment_method_data");
        if (id != null && data != null) {
            throw ApiError.invalid(null, "payment_method_data", "You may pass either payment_method or "
                    + "payment_method_data, but not both.");
        }
        if (id != null) {
            if (id.startsWith("tok_")) {
                throw ApiError.invalid(null, "payment_method", "A token may not be passed in as a PaymentMethod. "
                        + "Instead, use payment_method_data with type=card and card[token]=" + id + ".");
            }
            if (!id.startsWith("pm_")) {
                throw ApiError.invalid("resource_missing", "payment_method", "No such PaymentMethod: '" + id + "'");
            }
            return new MethodChoice(id, null);
        }
        if (data != null) {
            return new MethodChoice(null, PaymentMethodEndpoints.request(data, "payment_method_data"));
        }
        if (p.present("payment_method_data")) {
            throw ApiError.missing("payment_method_data[type]");
        }
        return new MethodChoice(null, null);
    }

    private static ConfirmRequest confirmRequest(Params p, String version) {
        MethodChoice method = methodChoice(p);
        String returnUrl = p.string("return_url");
        if (returnUrl != null) {
            URI u;
            try {
                u = URI.create(returnUrl);
            } catch (IllegalArgumentException e) {
                u = null;
            }
            if (u == null || u.getHost() == null
                    || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                throw ApiError.invalid("url_invalid", "return_url", "Invalid URL: return_url must be an absolute "
                        + "http(s) URL, such as https://shop.example/checkout/3ds-return.");
            }
        }
        String off = p.string("off_session");
        boolean offSession = off != null && (off.equals("one_off") || off.equals("recurring")
                || Boolean.TRUE.equals(p.bool("off_session")));
        Boolean errorOnAction = p.bool("error_on_requires_action");
        Boolean useSdk = p.bool("use_stripe_sdk");
        String request3ds = null;
        String cardCapture = null;
        Params options = p.hash("payment_method_options");
        Params card = options == null ? null : options.hash("card");
        if (card != null) {
            request3ds = card.string("request_three_d_secure");
            if (request3ds != null && !Set.of("automatic", "any", "challenge").contains(request3ds)) {
                throw ApiError.invalid(null, "payment_method_options[card][request_three_d_secure]", "Invalid "
                        + "payment_method_options[card][request_three_d_secure]: must be one of automatic, any or "
                        + "challenge.");
            }
            cardCapture = card.string("capture_method");
            if (cardCapture != null && !cardCapture.equals("manual")) {
                throw ApiError.invalid(null, "payment_method_options[card][capture_method]", "Invalid "
                        + "payment_method_options[card][capture_method]: must be manual (or empty).");
            }
        }
        String capture = p.string("capture_method");
        if (capture != null && !CAPTURE_METHODS.contains(capture)) {
            throw ApiError.invalid(null, "capture_method", "Invalid capture_method: must be one of automatic, "
                    + "automatic_async or manual.");
        }
        if (p.has("payment_method_types") && version.compareTo(ENDIVE) >= 0) {
            throw ApiError.invalid("payment_method_types_no_longer_supported", "payment_method_types", "From API "
                    + "version " + ENDIVE + " on, payment_method_types can no longer be set; send "
                    + "allowed_payment_method_types[]=card (or automatic_payment_methods) instead.");
        }
        for (String type : p.strings("payment_method_types")) {
            if (!type.equals("card")) {
                throw ApiError.invalid(null, "payment_method_types", "The sandbox supports card payments only: "
                        + "payment_method_types may contain card, not " + type + ".");
            }
        }
        for (String unsupported : new String[] {"setup_future_usage", "mandate"}) {
            if (p.has(unsupported)) {
                throw ApiError.invalid(null, unsupported, "The parameter " + unsupported + " needs customers, "
                        + "which the sandbox does not have; leave it out.");
            }
        }
        return new ConfirmRequest(method, returnUrl, offSession, Boolean.TRUE.equals(errorOnAction),
                Boolean.TRUE.equals(useSdk), request3ds, cardCapture != null ? cardCapture : capture,
                p.string("receipt_email"), p.present("shipping") ? ChargeEndpoints.shipping(p) : null,
                checkExpand(p, EXPANDABLE));
    }

    /**
     * A call that may charge the card takes the configured charge delay ({@code sandbox.charge-delay}), as
     * {@code POST /v1/charges} does, so slow-provider tests hold both APIs alike. No thread waits meanwhile.
     */
    private static Prepared charging(Prepared work) {
        return new Prepared() {
            @Override
            public Reply execute() {
                return work.execute();
            }

            @Override
            public boolean delayed() {
                return true;
            }
        };
    }

    // ---------------------------------------------------------------- create

    Prepared create(SandboxApi.Call call) {
        Params p = call.params();
        Long amount = p.positiveLong("amount");
        if (amount == null) {
            throw ApiError.missing("amount");
        }
        String currency = Currencies.normalize(p.required("currency"));
        Currencies.checkChargeAmount(amount, currency);
        for (String connect : new String[] {"on_behalf_of", "application_fee_amount", "transfer_data",
                "transfer_group"}) {
            if (p.has(connect)) {
                throw ApiError.invalid(null, connect, "Connect parameters such as " + connect
                        + " are not supported by the sandbox.");
            }
        }
        if (p.has("customer")) {
            throw ApiError.invalid("resource_missing", "customer", "No such customer: '" + p.string("customer") + "'");
        }
        if (p.has("statement_descriptor")) {
            throw ApiError.invalid(null, "statement_descriptor", "The statement_descriptor parameter is not supported "
                    + "for the card payment method type; use statement_descriptor_suffix instead.");
        }
        boolean confirm = Boolean.TRUE.equals(p.bool("confirm"));
        if (!confirm) {
            for (String confirmOnly : new String[] {"return_url", "off_session", "error_on_requires_action",
                    "use_stripe_sdk"}) {
                if (p.has(confirmOnly)) {
                    throw ApiError.invalid(null, confirmOnly, "You can only pass " + confirmOnly + " when confirming: "
                            + "add confirm=true, or send it with POST /v1/payment_intents/{id}/confirm.");
                }
            }
        }
        String confirmation = p.string("confirmation_method");
        if (confirmation != null && !confirmation.equals("automatic") && !confirmation.equals("manual")) {
            throw ApiError.invalid(null, "confirmation_method", "Invalid confirmation_method: must be automatic or "
                    + "manual.");
        }
        ConfirmRequest r = confirmRequest(p, call.version());
        // which payment method types are in effect (spec 1: automatic payment methods by default since 2023-08-16)
        String automatic;
        List<String> allowed = p.strings("allowed_payment_method_types");
        List<String> types = p.strings("payment_method_types");
        Params apm = p.hash("automatic_payment_methods");
        if (!types.isEmpty() && apm != null) {
            throw ApiError.invalid(null, "automatic_payment_methods", "You may pass either payment_method_types or "
                    + "automatic_payment_methods, but not both.");
        }
        for (String type : allowed) {
            if (!type.equals("card")) {
                throw ApiError.invalid(null, "allowed_payment_method_types", "The sandbox supports card payments "
                        + "only: allowed_payment_method_types may contain card, not " + type + ".");
            }
        }
        if (apm != null) {
            Boolean enabled = apm.bool("enabled");
            if (enabled == null) {
                throw ApiError.missing("automatic_payment_methods[enabled]");
            }
            String redirects = apm.string("allow_redirects");
            if (redirects != null && !redirects.equals("always") && !redirects.equals("never")) {
                throw ApiError.invalid(null, "automatic_payment_methods[allow_redirects]", "Invalid "
                        + "automatic_payment_methods[allow_redirects]: must be always or never.");
            }
            automatic = enabled ? (redirects == null ? "always" : redirects) : null;
        } else {
            // before 2023-08-16 an intent without payment_method_types was card-only
            automatic = types.isEmpty() && allowed.isEmpty() && call.atLeast(AUTOMATIC_METHODS_BY_DEFAULT) ? "always"
                    : null;
        }
        if (r.errorOnRequiresAction() && automatic != null) {
            throw ApiError.invalid(null, "error_on_requires_action", "error_on_requires_action can only be used with "
                    + "explicit payment_method_types (not with automatic payment methods).");
        }
        if (confirm) {
            checkReturnUrl(automatic, r);
        }
        String description = p.string("description");
        Map<String, String> metadata = metadata(p, Map.of());
        String suffix = descriptor(p, "statement_descriptor_suffix");
        List<String> allowedTypes = allowed.isEmpty() ? null : List.copyOf(allowed);
        Prepared work = () -> {
            byte[] method = resolve(call, r.method(), null);
            PaymentMethod pm = method == null ? null : methods.decode(method);
            long created = ledger.now();
            String id = intents.newId();
            PaymentIntent pi = new PaymentIntent(id, call.account().id(), call.account().livemode(),
                    Stored.sortKey(created, ledger.nextSeq()), created, amount, currency,
                    pm == null ? REQUIRES_PAYMENT_METHOD : REQUIRES_CONFIRMATION,
                    r.captureMethod() != null ? r.captureMethod()
                    : call.atLeast(AUTOMATIC_ASYNC_BY_DEFAULT) ? "automatic_async" : "automatic",
                    confirmation != null ? confirmation : "automatic", Ids.secret(id + "_secret_", 25), description,
                    metadata, r.receiptEmail(), suffix, r.shipping(), pm == null ? null : pm.id(), null, 0, 0, 0,
                    null, null, null, null, false, r.requestThreeDSecure() != null ? r.requestThreeDSecure()
                    : "automatic", automatic, allowedTypes, List.of("card"), 0, false);
            byte[] record;
            synchronized (lock(id)) {
                record = intents.insert(pi);
                ledger.event(call, "payment_intent.created", record, null);
                if (confirm) {
                    record = confirm(call, pi, pm, r);
                }
            }
            return ledger.intentReply(record, r.expand(), !call.secretKey());
        };
        return confirm ? charging(work) : work;
    }

    /**
     * The PaymentMethod a call chose, stored (a token or a pre-made test id mints a new one); null when it chose
     * none. A method used with another intent is refused (spec 3.4).
     */
    private byte[] resolve(SandboxApi.Call call, MethodChoice choice, String intentId) {
        if (choice.data() != null) {
            return paymentMethods.insert(call, choice.data());
        }
        if (choice.id() == null) {
            return null;
        }
        byte[] premade = paymentMethods.premade(call, choice.id());
        if (premade != null) {
            return premade;
        }
        Table.Row<PaymentMethod> row = methods.update(call.account().id(), choice.id(), cur -> {
            if (cur.usedBy() != null && !cur.usedBy().equals(intentId)) {
                throw ApiError.invalid(null, "payment_method", "The provided PaymentMethod was previously used with "
                        + "a PaymentIntent without Customer attachment, shared with a connected account without "
                        + "Customer attachment, or was detached from a Customer. It may not be used again. To use a "
                        + "PaymentMethod multiple times, you must attach it to a Customer first.");
            }
            return cur;
        });
        if (row == null) {
            throw ApiError.invalid("resource_missing", "payment_method", "No such PaymentMethod: '" + choice.id()
                    + "'");
        }
        return row.record();
    }

    // ---------------------------------------------------------------- confirm

    Prepared confirm(SandboxApi.Call call) {
        ConfirmRequest r = confirmRequest(call.params(), call.version());
        checkClientSecret(call);
        Prepared work = () -> {
            synchronized (lock(call.pathId())) {
                PaymentIntent pi = current(call);
                if (!call.secretKey() && pi.confirmationMethod().equals("manual")) {
                    throw ApiError.invalid(null, null, "This PaymentIntent has confirmation_method=manual: confirm it "
                            + "from your server with your secret key, not with a publishable key.");
                }
                if (r.errorOnRequiresAction() && pi.automaticMethods() != null) {
                    throw ApiError.invalid(null, "error_on_requires_action", "error_on_requires_action can only be "
                            + "used with explicit payment_method_types (not with automatic payment methods).");
                }
                checkConfirmable(pi, !call.secretKey());
                checkReturnUrl(pi.automaticMethods(), r);
                byte[] method = resolve(call, r.method(), pi.id());
                PaymentMethod pm = method != null ? methods.decode(method) : null;
                return ledger.intentReply(confirm(call, pi, pm, r), r.expand(), !call.secretKey());
            }
        };
        return charging(work);
    }

    private void checkConfirmable(PaymentIntent pi, boolean clientSafe) {
        if (CONFIRMABLE.contains(pi.status())) {
            return;
        }
        String message = pi.status().equals(SUCCEEDED)
                ? "You cannot confirm this PaymentIntent because it has already succeeded after being previously "
                + "confirmed."
                : "You cannot confirm this PaymentIntent because it has a status of " + pi.status() + ". Only a "
                + "PaymentIntent with one of the following statuses may be confirmed: requires_payment_method, "
                + "requires_confirmation, requires_action.";
        throw unexpected(pi, message, null, clientSafe);
    }

    /**
     * Confirms {@code pi} (status already checked) with {@code chosen} or, when null, its attached method: 3-D
     * Secure when the card demands it (spec 4.1), else an authorization. Returns the intent's new record; a decline
     * throws the 402 of spec 2.6 after storing the intent back in {@code requires_payment_method}.
     */
    private byte[] confirm(SandboxApi.Call call, PaymentIntent pi, PaymentMethod chosen, ConfirmRequest r) {
        PaymentMethod pm = chosen;
        if (pm == null && pi.paymentMethod() != null) {
            pm = methods.get(pi.accountId(), pi.paymentMethod());
        }
        if (pm == null) {
            throw unexpected(pi, "You cannot confirm this PaymentIntent because it's missing a payment method. You "
                    + "can either update the PaymentIntent with a payment method and then confirm it again, or "
                    + "confirm it again directly with a payment method.", null, !call.secretKey());
        }
        String intentId = pi.id();
        methods.update(pm.accountId(), pm.id(), cur -> cur.usedBy() == null ? cur.usedWith(intentId) : cur);
        PaymentIntent.Draft d = pi.draft();
        d.paymentMethod = pm.id();
        d.lastError = null;
        d.noAction();
        d.authenticated = false;
        d.confirmations = pi.confirmations() + 1;
        if (r.captureMethod() != null) {
            d.captureMethod = r.captureMethod();
        }
        if (r.requestThreeDSecure() != null) {
            d.requestThreeDSecure = r.requestThreeDSecure();
        }
        if (r.receiptEmail() != null) {
            d.receiptEmail = r.receiptEmail();
        }
        if (r.shipping() != null) {
            d.shipping = r.shipping();
        }
        if (d.confirmations > MAX_CONFIRMATIONS) {
            d.status = CANCELED;
            d.canceledAt = ledger.now();
            d.cancellationReason = "automatic";
            byte[] record = store(pi, d);
            ledger.event(call, "payment_intent.canceled", record, null);
            PaymentIntent canceled = intents.decode(record);
            throw unexpected(canceled, "This PaymentIntent was confirmed more than " + MAX_CONFIRMATIONS + " times "
                    + "and has been canceled; create a new PaymentIntent.", null, !call.secretKey());
        }
        Behaviour b = pm.card().behaviour();
        boolean requested = "any".equals(d.requestThreeDSecure) || "challenge".equals(d.requestThreeDSecure);
        if (pi.authenticated() && pm.id().equals(pi.paymentMethod())) {
            // manual confirmation after the buyer authenticated (spec 2.2): authorize now
            return authorize(call, pi, d, pm, afterAuthentication(b), true);
        }
        if (b == Behaviour.THREE_DS_PROCESSING_ERROR
                || (b == Behaviour.THREE_DS_OPTIONAL_PROCESSING_ERROR && requested)) {
            return authorize(call, pi, d, pm, Behaviour.DECLINE_PROCESSING_ERROR, false);
        }
        if (b != null && b.needsAuthentication(requested)) {
            if (r.offSession()) {
                Behaviour offSession = switch (b) {
                    case THREE_DS_SETUP_FOR_OFF_SESSION, THREE_DS_OPTIONAL -> Behaviour.SUCCEED;
                    case THREE_DS_THEN_INSUFFICIENT_FUNDS -> Behaviour.DECLINE_INSUFFICIENT_FUNDS;
                    case THREE_DS_THEN_DECLINE -> Behaviour.DECLINE_GENERIC;
                    default -> Behaviour.AUTHENTICATION_REQUIRED;
                };
                return authorize(call, pi, d, pm, offSession, false);
            }
            if (r.errorOnRequiresAction()) {
                return authorize(call, pi, d, pm, Behaviour.AUTHENTICATION_REQUIRED, false);
            }
            d.status = REQUIRES_ACTION;
            d.actionUrl = call.origin() + "/3ds/challenge/" + pi.id() + "/" + Ids.secret("src_", 24);
            d.returnUrl = r.returnUrl();
            d.actionRedirect = r.returnUrl() != null && !r.useStripeSdk();
            byte[] record = store(pi, d);
            ledger.event(call, "payment_intent.requires_action", record, null);
            return record;
        }
        return authorize(call, pi, d, pm, b, false);
    }

    /**
     * Spec 1: with automatic payment methods that allow redirects, a confirmation needs a {@code return_url}
     * (unless off-session). Checked before anything is stored or a token consumed.
     */
    private static void checkReturnUrl(String automaticMethods, ConfirmRequest r) {
        if ("always".equals(automaticMethods) && r.returnUrl() == null && !r.offSession()) {
            throw ApiError.invalid(null, "return_url", "This PaymentIntent is configured to accept payment methods "
                    + "enabled in your Dashboard, because some of these payment methods might redirect your customer "
                    + "off of your page, you must provide a `return_url`. If you don't want to accept "
                    + "redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and "
                    + "`automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and "
                    + "Payment Intents.");
        }
    }

    /** What a 3-D Secure card does once the buyer completed the challenge (spec 4.1). */
    private static Behaviour afterAuthentication(Behaviour b) {
        if (b == null) {
            return null;
        }
        return switch (b) {
            case THREE_DS_THEN_INSUFFICIENT_FUNDS -> Behaviour.DECLINE_INSUFFICIENT_FUNDS;
            case THREE_DS_THEN_DECLINE -> Behaviour.DECLINE_GENERIC;
            case AUTHENTICATION_REQUIRED, THREE_DS_SETUP_FOR_OFF_SESSION, THREE_DS_OPTIONAL -> Behaviour.SUCCEED;
            default -> b;
        };
    }

    /** Authorizes as {@code behaviour}; the intent then succeeds, waits for capture, or fails with a 402. */
    private byte[] authorize(SandboxApi.Call call, PaymentIntent pi, PaymentIntent.Draft d, PaymentMethod pm,
            Behaviour behaviour, boolean threeDSecure) {
        Attempt a = charges.attempt(call, ChargeEndpoints.intentCharge(d.amount, d.currency,
                !"manual".equals(d.captureMethod), d.description, d.metadata, d.receiptEmail,
                d.statementDescriptorSuffix, d.shipping), pm.card(), behaviour, pi.id(), threeDSecure);
        d.latestCharge = a.charge().id();
        d.noAction();
        d.authenticated = false;
        if (a.decline() != null) {
            ChargeEndpoints.Decline decline = a.decline();
            d.status = REQUIRES_PAYMENT_METHOD;
            d.paymentMethod = null;
            d.lastError = new PaymentIntent.PaymentError(ApiError.CARD_ERROR, decline.code(), decline.declineCode(),
                    decline.message(), decline.param(), a.charge().id(), pm.id(), null);
            byte[] record = store(pi, d);
            ledger.event(call, "payment_intent.payment_failed", record, null);
            throw decline.error(a.charge().id(), embedded(intents.decode(record), pm, !call.secretKey()));
        }
        String event;
        if ("manual".equals(d.captureMethod)) {
            d.status = REQUIRES_CAPTURE;
            d.amountCapturable = d.amount;
            event = "payment_intent.amount_capturable_updated";
        } else {
            d.status = SUCCEEDED;
            d.amountReceived = d.amount;
            event = "payment_intent.succeeded";
        }
        byte[] record = store(pi, d);
        ledger.event(call, event, record, null);
        return record;
    }

    /** Writes the next version of {@code pi}; 404 when it was evicted meanwhile. */
    private byte[] store(PaymentIntent pi, PaymentIntent.Draft d) {
        PaymentIntent next = d.build();
        Table.Row<PaymentIntent> row = intents.update(pi.accountId(), pi.id(), cur -> next);
        if (row == null) {
            throw noSuchIntent(pi.id(), 404);
        }
        return row.record();
    }

    /** The error's {@code payment_intent} and {@code payment_method} members: full objects (spec 2.6, trap 4). */
    private ApiError.Extra embedded(PaymentIntent pi, PaymentMethod pm, boolean clientSafe) {
        return w -> {
            w.name("payment_intent");
            ledger.renderer.paymentIntent(w, pi, Set.of(), clientSafe, ledger);
            if (pm != null) {
                w.name("payment_method");
                ledger.renderer.paymentMethod(w, pm);
            }
        };
    }

    /** 400 {@code payment_intent_unexpected_state} with the intent embedded (spec 2.12). */
    private ApiError unexpected(PaymentIntent pi, String message, String param) {
        return unexpected(pi, message, param, false);
    }

    /** As above; {@code clientSafe} for a publishable-key caller, who sees the client-safe intent only. */
    private ApiError unexpected(PaymentIntent pi, String message, String param, boolean clientSafe) {
        return new ApiError(400, ApiError.INVALID_REQUEST, UNEXPECTED, param, message, null, null,
                embedded(pi, null, clientSafe));
    }

    private PaymentIntent find(SandboxApi.Call call) {
        PaymentIntent pi = intents.get(call.account().id(), call.pathId());
        if (pi == null) {
            throw noSuchIntent(call.pathId(), 404);
        }
        return pi;
    }

    /** {@link #find}, after the authorization expiry of spec 2.17 has run; only under the intent's lock. */
    private PaymentIntent current(SandboxApi.Call call) {
        return expireIfDue(call, find(call));
    }

    /**
     * Spec 2.17: an intent left in {@code requires_capture} for 7 days after its authorization is canceled
     * ({@code cancellation_reason: automatic}) and its authorization released (a refund with reason
     * {@code expired_uncaptured_charge}). Checked when the intent is next touched, so the events carry no request.
     */
    private PaymentIntent expireIfDue(SandboxApi.Call call, PaymentIntent pi) {
        if (!REQUIRES_CAPTURE.equals(pi.status()) || pi.latestCharge() == null) {
            return pi;
        }
        Charge charge = ledger.chargeById(pi.latestCharge());
        if (charge == null || ledger.now() - charge.created() <= ChargeEndpoints.AUTHORIZATION_VALIDITY_SECONDS) {
            return pi;
        }
        SandboxApi.Call system = new SandboxApi.Call(call.account(), true, new Params(Map.of()), pi.id(), null, null,
                null, call.origin(), call.version());
        charges.releaseAuthorization(system, charge.id(), pi.id(), "expired_uncaptured_charge");
        PaymentIntent.Draft d = pi.draft();
        d.status = CANCELED;
        d.canceledAt = ledger.now();
        d.cancellationReason = "automatic";
        d.amountCapturable = 0;
        byte[] record = store(pi, d);
        ledger.event(system, "payment_intent.canceled", record, null);
        return intents.decode(record);
    }

    static ApiError noSuchIntent(String id, int status) {
        return new ApiError(status, ApiError.INVALID_REQUEST, "resource_missing", "intent",
                "No such payment_intent: '" + id + "'", null, null);
    }

    /**
     * A publishable key reaches an intent only with its client secret (spec 2.4, 2.9); compared in constant time.
     * Secret keys may send it too, and then it must match as well.
     */
    private void checkClientSecret(SandboxApi.Call call) {
        String given = call.params().string("client_secret");
        if (given == null) {
            if (!call.secretKey()) {
                throw ApiError.missing("client_secret");
            }
            return;
        }
        PaymentIntent pi = find(call);
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                pi.clientSecret().getBytes(StandardCharsets.UTF_8))) {
            throw ApiError.invalid(null, "client_secret", "The client_secret provided does not match the "
                    + "client_secret associated with the PaymentIntent.");
        }
    }

    // ---------------------------------------------------------------- retrieve, list

    Prepared get(SandboxApi.Call call) {
        Set<String> expand = checkExpand(call.params(), call.secretKey() ? EXPANDABLE : Set.of());
        checkClientSecret(call);
        return () -> {
            PaymentIntent pi;
            synchronized (lock(call.pathId())) {
                pi = current(call);
            }
            boolean clientSafe = !call.secretKey();
            return new Reply(200, w -> ledger.renderer.paymentIntent(w, pi, expand, clientSafe, ledger));
        };
    }

    Prepared list(SandboxApi.Call call) {
        Params p = call.params();
        Paging paging = paging(p);
        Set<String> expand = listExpand(p, EXPANDABLE);
        long[] range = createdRange(p);
        boolean none = p.has("customer"); // no customers in the sandbox
        String account = call.account().id();
        return () -> {
            Long afterKey = Ledger.cursor(intents, account, paging.after(), "starting_after", "payment_intent");
            Long beforeKey = Ledger.cursor(intents, account, paging.before(), "ending_before", "payment_intent");
            Table.Page<PaymentIntent> page = none ? Table.Page.empty()
                    : intents.page(account, range[0], range[1], afterKey, beforeKey, paging.limit(), pi -> true);
            return new Reply(200, Requests.list("/v1/payment_intents", page,
                    (w, pi) -> ledger.renderer.paymentIntent(w, pi, expand, false, ledger)));
        };
    }

    // ---------------------------------------------------------------- update, capture, cancel

    Prepared update(SandboxApi.Call call) {
        Params p = call.params();
        Set<String> expand = checkExpand(p, EXPANDABLE);
        Long amount = p.positiveLong("amount");
        String currency = p.string("currency") == null ? null : Currencies.normalize(p.string("currency"));
        if (p.has("customer")) {
            throw ApiError.invalid("resource_missing", "customer", "No such customer: '" + p.string("customer") + "'");
        }
        if (p.has("statement_descriptor")) {
            throw ApiError.invalid(null, "statement_descriptor", "The statement_descriptor parameter is not supported "
                    + "for the card payment method type; use statement_descriptor_suffix instead.");
        }
        ConfirmRequest r = confirmRequest(p, call.version());
        String suffix = descriptor(p, "statement_descriptor_suffix");
        metadata(p, Map.of());
        // the fields that belong to the payment itself change only before it is authorized (spec 2.10)
        String paymentParam = p.has("payment_method") ? "payment_method"
                : p.has("payment_method_data") ? "payment_method_data" : p.has("amount") ? "amount"
                : p.has("currency") ? "currency" : p.has("capture_method") ? "capture_method" : null;
        return () -> {
            synchronized (lock(call.pathId())) {
                PaymentIntent pi = current(call);
                if (paymentParam != null && !CONFIRMABLE.contains(pi.status())) {
                    throw unexpected(pi, "This PaymentIntent's " + paymentParam + " could not be updated because it "
                            + "has a status of " + pi.status() + ". You may only update the " + paymentParam
                            + " of a PaymentIntent with one of the following statuses: requires_payment_method, "
                            + "requires_confirmation, requires_action.", paymentParam);
                }
                PaymentIntent.Draft d = pi.draft();
                if (amount != null || currency != null) {
                    d.amount = amount != null ? amount : pi.amount();
                    d.currency = currency != null ? currency : pi.currency();
                    Currencies.checkChargeAmount(d.amount, d.currency);
                }
                if (p.present("description")) {
                    d.description = p.string("description");
                }
                if (p.present("metadata")) {
                    d.metadata = metadata(p, pi.metadata());
                }
                if (p.present("receipt_email")) {
                    d.receiptEmail = p.string("receipt_email");
                }
                if (p.present("shipping")) {
                    d.shipping = r.shipping();
                }
                if (suffix != null) {
                    d.statementDescriptorSuffix = suffix;
                }
                if (r.captureMethod() != null) {
                    d.captureMethod = r.captureMethod();
                }
                if (r.requestThreeDSecure() != null) {
                    d.requestThreeDSecure = r.requestThreeDSecure();
                }
                d.lastError = null;
                byte[] method = resolve(call, r.method(), pi.id());
                if (method != null) {
                    d.paymentMethod = methods.decode(method).id();
                    d.authenticated = false;
                }
                if (paymentParam != null && (d.paymentMethod != null)) {
                    // a changed payment needs a new confirmation (and a new authentication)
                    d.status = REQUIRES_CONFIRMATION;
                    d.noAction();
                    if (method != null || amount != null || currency != null) {
                        d.authenticated = false;
                    }
                }
                return ledger.intentReply(store(pi, d), expand, false);
            }
        };
    }

    Prepared capture(SandboxApi.Call call) {
        Params p = call.params();
        Set<String> expand = checkExpand(p, EXPANDABLE);
        Long amount = p.positiveLong("amount_to_capture");
        if (p.has("statement_descriptor")) {
            throw ApiError.invalid(null, "statement_descriptor", "The statement_descriptor parameter is not supported "
                    + "for the card payment method type; use statement_descriptor_suffix instead.");
        }
        for (String connect : new String[] {"application_fee_amount", "transfer_data"}) {
            if (p.has(connect)) {
                throw ApiError.invalid(null, connect, "Connect parameters such as " + connect
                        + " are not supported by the sandbox.");
            }
        }
        if (Boolean.FALSE.equals(p.bool("final_capture"))) {
            throw ApiError.invalid(null, "final_capture", "final_capture=false needs multicapture, which the sandbox "
                    + "does not offer; capture once (leave final_capture out).");
        }
        String suffix = descriptor(p, "statement_descriptor_suffix");
        metadata(p, Map.of());
        return () -> {
            synchronized (lock(call.pathId())) {
                PaymentIntent pi = current(call);
                if (!pi.status().equals(REQUIRES_CAPTURE)) {
                    throw unexpected(pi, "This PaymentIntent could not be captured because it has a status of "
                            + pi.status() + ". Only a PaymentIntent with one of the following statuses may be "
                            + "captured: requires_capture.", null);
                }
                if (amount != null && amount > pi.amountCapturable()) {
                    throw ApiError.invalid("amount_too_large", "amount_to_capture", "The amount_to_capture ("
                            + Currencies.format(amount, pi.currency()) + ") is greater than the amount_capturable ("
                            + Currencies.format(pi.amountCapturable(), pi.currency()) + ").");
                }
                Table.Row<Charge> captured = charges.captureCharge(call, pi.latestCharge(), amount,
                        "amount_to_capture", null, null, suffix, pi.id());
                if (captured == null) {
                    throw Ledger.noSuchCharge(pi.latestCharge(), 404, "latest_charge");
                }
                PaymentIntent.Draft d = pi.draft();
                d.status = SUCCEEDED;
                d.amountReceived = captured.value().amountCaptured();
                d.amountCapturable = 0;
                if (p.present("metadata")) {
                    d.metadata = metadata(p, pi.metadata());
                }
                if (suffix != null) {
                    d.statementDescriptorSuffix = suffix;
                }
                byte[] record = store(pi, d);
                ledger.event(call, "payment_intent.succeeded", record, null);
                return ledger.intentReply(record, expand, false);
            }
        };
    }

    Prepared cancel(SandboxApi.Call call) {
        Params p = call.params();
        Set<String> expand = checkExpand(p, EXPANDABLE);
        String reason = p.string("cancellation_reason");
        if (reason != null && !CANCEL_REASONS.contains(reason)) {
            throw ApiError.invalid(null, "cancellation_reason", "Invalid cancellation_reason: must be one of "
                    + "abandoned, duplicate, fraudulent or requested_by_customer.");
        }
        return () -> {
            synchronized (lock(call.pathId())) {
                PaymentIntent pi = current(call);
                return ledger.intentReply(cancel(call, pi, reason), expand, false);
            }
        };
    }

    /** Cancels {@code pi} (under its lock), releasing a held authorization (spec 2.8). */
    private byte[] cancel(SandboxApi.Call call, PaymentIntent pi, String reason) {
        if (!CANCELABLE.contains(pi.status())) {
            throw unexpected(pi, "You cannot cancel this PaymentIntent because it has a status of " + pi.status()
                    + ". Only a PaymentIntent with one of the following statuses may be canceled: "
                    + "requires_payment_method, requires_capture, requires_confirmation, requires_action, "
                    + "processing.", null);
        }
        if (pi.status().equals(REQUIRES_CAPTURE) && pi.latestCharge() != null) {
            charges.releaseAuthorization(call, pi.latestCharge(), pi.id(), null);
        }
        PaymentIntent.Draft d = pi.draft();
        d.status = CANCELED;
        d.canceledAt = ledger.now();
        d.cancellationReason = reason;
        d.amountCapturable = 0;
        d.noAction();
        byte[] record = store(pi, d);
        ledger.event(call, "payment_intent.canceled", record, null);
        return record;
    }

    // ---------------------------------------------------------------- the 3-D Secure challenge (spec 5.4)

    /** The intent behind a challenge page, if {@code source} is its pending attempt; else null. */
    PaymentIntent pendingChallenge(String intentId, String source) {
        PaymentIntent pi = intents.byId(intentId);
        if (pi == null || !REQUIRES_ACTION.equals(pi.status()) || pi.actionUrl() == null) {
            return null;
        }
        String pending = pi.actionUrl().substring(pi.actionUrl().lastIndexOf('/') + 1);
        return MessageDigest.isEqual(pending.getBytes(StandardCharsets.UTF_8),
                source.getBytes(StandardCharsets.UTF_8)) ? pi : null;
    }

    /** The card the pending challenge is about, for the page. */
    PaymentMethod methodOf(PaymentIntent pi) {
        return pi.paymentMethod() == null ? null : methods.byId(pi.paymentMethod());
    }

    /**
     * The buyer pressed "Complete" ({@code complete}) or "Fail" on the challenge page of attempt {@code source}:
     * automatic confirmation authorizes now, manual confirmation waits in {@code requires_confirmation} (no event),
     * a failure returns the intent to {@code requires_payment_method} with
     * {@code payment_intent_authentication_failure} and no charge. Events carry no request id and the idempotency
     * key {@code <pi>-<src>} (spec 5.4 item 5). Returns the intent afterwards, or null when the attempt is not (or no
     * longer) pending.
     */
    PaymentIntent authenticate(Accounts.Account account, String intentId, String source, boolean complete) {
        synchronized (lock(intentId)) {
            PaymentIntent pi = pendingChallenge(intentId, source);
            if (pi == null || !pi.accountId().equals(account.id())) {
                return null;
            }
            SandboxApi.Call call = new SandboxApi.Call(account, true, new Params(Map.of()), intentId, null, null,
                    intentId + "-" + source, null, SandboxApi.DEFAULT_VERSION);
            PaymentMethod pm = methodOf(pi);
            PaymentIntent.Draft d = pi.draft();
            d.noAction();
            if (!complete || pm == null) {
                d.status = REQUIRES_PAYMENT_METHOD;
                d.paymentMethod = null;
                d.authenticated = false;
                d.lastError = new PaymentIntent.PaymentError(ApiError.INVALID_REQUEST,
                        "payment_intent_authentication_failure", null, "The provided PaymentMethod has failed "
                        + "authentication. You can provide payment_method_data or a new PaymentMethod to attempt to "
                        + "fulfill this PaymentIntent again.", null, null, pm == null ? null : pm.id(), null);
                byte[] record = store(pi, d);
                ledger.event(call, "payment_intent.payment_failed", record, null);
                return intents.decode(record);
            }
            if (pi.confirmationMethod().equals("manual")) {
                d.status = REQUIRES_CONFIRMATION;
                d.authenticated = true;
                return intents.decode(store(pi, d));
            }
            try {
                return intents.decode(authorize(call, pi, d, pm, afterAuthentication(pm.card().behaviour()), true));
            } catch (ApiError declined) {
                return intents.get(account.id(), intentId);
            }
        }
    }
}
