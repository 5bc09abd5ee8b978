package dev.checkout.sandbox.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static dev.checkout.sandbox.api.Schema.FREE_HASH;
import static dev.checkout.sandbox.api.Schema.IGNORED;
import static dev.checkout.sandbox.api.Schema.LIST;
import static dev.checkout.sandbox.api.Schema.RANGE;
import static dev.checkout.sandbox.api.Schema.SCALAR;
import static dev.checkout.sandbox.api.Schema.hash;

/** The served paths (spec 0) and what each accepts; matching is a few string comparisons, no regex. */
record Route(Kind kind, Op op, String id, String allow) {
    enum Kind { MATCH, NOT_FOUND, WRONG_METHOD, PREFLIGHT }

    private static final Schema.Hash ADDRESS = hash("line1", SCALAR, "line2", SCALAR, "city", SCALAR, "state", SCALAR,
            "postal_code", SCALAR, "country", SCALAR);
    private static final Schema.Hash SHIPPING = hash("name", SCALAR, "address", ADDRESS, "carrier", SCALAR, "phone",
            SCALAR, "tracking_number", SCALAR);

    private static final Schema.Hash BILLING = hash("address", ADDRESS, "email", SCALAR, "name", SCALAR, "phone",
            SCALAR, "tax_id", SCALAR);
    /** A card PaymentMethod from a token; the raw fields are named only to be refused with a clear message. */
    private static final Schema.Hash PM_CARD = hash("token", SCALAR, "number", SCALAR, "exp_month", SCALAR,
            "exp_year", SCALAR, "cvc", SCALAR, "networks", IGNORED);
    /** Stripe.js bookkeeping inside payment_method_data and PaymentMethod creation (PaymentIntents spec 2.4). */
    private static final Object[] JS_BOOKKEEPING = {"guid", IGNORED, "muid", IGNORED, "sid", IGNORED,
            "payment_user_agent", IGNORED, "time_on_page", IGNORED, "referrer", IGNORED, "pasted_fields", IGNORED,
            "client_attribution_metadata", IGNORED, "radar_options", IGNORED};
    private static final Schema.Hash PM_DATA = hash(concat(new Object[] {"type", SCALAR, "card", PM_CARD,
            "billing_details", BILLING, "metadata", FREE_HASH, "allow_redisplay", SCALAR}, JS_BOOKKEEPING));
    private static final Schema.Hash PM_OPTIONS = hash("card", hash("request_three_d_secure", SCALAR,
            "capture_method", SCALAR, "cvc_token", IGNORED, "moto", IGNORED, "network", IGNORED, "installments",
            IGNORED, "mandate_options", IGNORED, "setup_future_usage", IGNORED));
    /** What create and confirm share (PaymentIntents spec 2.3, 2.4). */
    private static final Object[] CONFIRM_PARAMS = {"payment_method", SCALAR, "payment_method_data", PM_DATA,
            "payment_method_options", PM_OPTIONS, "payment_method_types", LIST, "allowed_payment_method_types", LIST,
            "excluded_payment_method_types", LIST, "capture_method", SCALAR, "return_url", SCALAR, "off_session",
            SCALAR, "error_on_requires_action", SCALAR, "use_stripe_sdk", SCALAR, "receipt_email", SCALAR,
            "shipping", SHIPPING, "setup_future_usage", SCALAR, "mandate", SCALAR, "mandate_data", IGNORED,
            "radar_options", IGNORED, "expand", LIST};

    /** {@code evidence[...]}: every field of PaymentIntents spec 6.1 as a string, plus {@code enhanced_evidence}. */
    private static Schema.Hash evidenceSchema() {
        Object[] pairs = new Object[2 * DisputeEndpoints.EVIDENCE.size() + 2];
        int i = 0;
        for (String field : DisputeEndpoints.EVIDENCE) {
            pairs[i++] = field;
            pairs[i++] = SCALAR;
        }
        pairs[i++] = "enhanced_evidence";
        pairs[i] = FREE_HASH;
        return hash(pairs);
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Each operation with its parameter schema. */
    enum Op {
        CREATE_TOKEN(hash("card", hash("number", SCALAR, "exp_month", SCALAR, "exp_year", SCALAR, "cvc", SCALAR,
                "name", SCALAR, "address_line1", SCALAR, "address_line2", SCALAR, "address_city", SCALAR,
                "address_state", SCALAR, "address_zip", SCALAR, "address_country", SCALAR, "currency", SCALAR,
                "networks", hash("preferred", SCALAR)),
                "customer", SCALAR, "bank_account", IGNORED, "pii", IGNORED, "account", IGNORED, "person", IGNORED,
                "cvc_update", IGNORED, "expand", LIST, "payment_user_agent", IGNORED, "time_on_page", IGNORED,
                "referrer", IGNORED, "guid", IGNORED, "muid", IGNORED, "sid", IGNORED, "pasted_fields", IGNORED,
                "radar_options", IGNORED)),
        GET_TOKEN(hash("expand", LIST)),
        CREATE_CHARGE(hash("amount", SCALAR, "currency", SCALAR, "source", SCALAR, "customer", SCALAR, "capture",
                SCALAR, "description", SCALAR, "metadata", FREE_HASH, "receipt_email", SCALAR, "statement_descriptor",
                SCALAR, "statement_descriptor_suffix", SCALAR, "shipping", SHIPPING, "transfer_group", SCALAR,
                "on_behalf_of", SCALAR, "application_fee_amount", SCALAR, "transfer_data",
                hash("destination", SCALAR, "amount", SCALAR), "destination", hash("account", SCALAR, "amount", SCALAR),
                "radar_options", hash("session", SCALAR), "expand", LIST)),
        GET_CHARGE(hash("expand", LIST)),
        UPDATE_CHARGE(hash("description", SCALAR, "metadata", FREE_HASH, "receipt_email", SCALAR, "shipping",
                SHIPPING, "fraud_details", hash("user_report", SCALAR), "customer", SCALAR, "transfer_group", SCALAR,
                "expand", LIST)),
        CAPTURE_CHARGE(hash("amount", SCALAR, "receipt_email", SCALAR, "statement_descriptor", SCALAR,
                "statement_descriptor_suffix", SCALAR, "application_fee_amount", SCALAR, "transfer_data",
                hash("amount", SCALAR), "transfer_group", SCALAR, "expand", LIST)),
        LIST_CHARGES(hash("limit", SCALAR, "starting_after", SCALAR, "ending_before", SCALAR, "created", RANGE,
                "customer", SCALAR, "payment_intent", SCALAR, "transfer_group", SCALAR, "expand", LIST)),
        LIST_CHARGE_REFUNDS(hash("limit", SCALAR, "starting_after", SCALAR, "ending_before", SCALAR, "expand", LIST)),
        CREATE_REFUND(hash("charge", SCALAR, "payment_intent", SCALAR, "amount", SCALAR, "reason", SCALAR,
                "metadata", FREE_HASH, "refund_application_fee", SCALAR, "reverse_transfer", SCALAR,
                "instructions_email", SCALAR, "origin", SCALAR, "currency", SCALAR, "customer", SCALAR, "expand",
                LIST)),
        GET_REFUND(hash("expand", LIST)),
        UPDATE_REFUND(hash("metadata", FREE_HASH, "expand", LIST)),
        LIST_REFUNDS(hash("charge", SCALAR, "payment_intent", SCALAR, "created", RANGE, "limit", SCALAR,
                "starting_after", SCALAR, "ending_before", SCALAR, "expand", LIST)),
        GET_EVENT(hash("expand", LIST)),
        LIST_EVENTS(hash("type", SCALAR, "types", LIST, "created", RANGE, "delivery_success", SCALAR, "limit",
                SCALAR, "starting_after", SCALAR, "ending_before", SCALAR, "expand", LIST)),
        CREATE_WEBHOOK_ENDPOINT(hash("url", SCALAR, "enabled_events", LIST, "api_version", SCALAR, "connect", SCALAR,
                "description", SCALAR, "metadata", FREE_HASH, "expand", LIST)),
        GET_WEBHOOK_ENDPOINT(hash("expand", LIST)),
        UPDATE_WEBHOOK_ENDPOINT(hash("url", SCALAR, "enabled_events", LIST, "description", SCALAR, "disabled",
                SCALAR, "metadata", FREE_HASH, "expand", LIST)),
        DELETE_WEBHOOK_ENDPOINT(hash()),
        LIST_WEBHOOK_ENDPOINTS(hash("limit", SCALAR, "starting_after", SCALAR, "ending_before", SCALAR, "expand",
                LIST)),
        CREATE_PAYMENT_METHOD(hash(concat(new Object[] {"type", SCALAR, "card", PM_CARD, "billing_details", BILLING,
                "metadata", FREE_HASH, "allow_redisplay", SCALAR, "customer", SCALAR, "payment_method", SCALAR,
                "expand", LIST}, JS_BOOKKEEPING))),
        GET_PAYMENT_METHOD(hash("expand", LIST)),
        CREATE_PAYMENT_INTENT(hash(concat(new Object[] {"amount", SCALAR, "currency", SCALAR, "confirm", SCALAR,
                "automatic_payment_methods", hash("enabled", SCALAR, "allow_redirects", SCALAR),
                "confirmation_method", SCALAR, "description", SCALAR, "metadata", FREE_HASH,
                "statement_descriptor", SCALAR, "statement_descriptor_suffix", SCALAR, "customer", SCALAR,
                "on_behalf_of", SCALAR, "application_fee_amount", SCALAR, "transfer_data",
                hash("destination", SCALAR, "amount", SCALAR), "transfer_group", SCALAR}, CONFIRM_PARAMS))),
        GET_PAYMENT_INTENT(hash("client_secret", SCALAR, "expand", LIST)),
        UPDATE_PAYMENT_INTENT(hash("amount", SCALAR, "currency", SCALAR, "description", SCALAR, "metadata",
                FREE_HASH, "receipt_email", SCALAR, "shipping", SHIPPING, "statement_descriptor", SCALAR,
                "statement_descriptor_suffix", SCALAR, "capture_method", SCALAR, "payment_method", SCALAR,
                "payment_method_data", PM_DATA, "payment_method_options", PM_OPTIONS, "payment_method_types", LIST,
                "setup_future_usage", SCALAR, "customer", SCALAR, "expand", LIST)),
        CONFIRM_PAYMENT_INTENT(hash(concat(new Object[] {"client_secret", SCALAR, "expected_payment_method_type",
                SCALAR}, CONFIRM_PARAMS))),
        CAPTURE_PAYMENT_INTENT(hash("amount_to_capture", SCALAR, "metadata", FREE_HASH, "statement_descriptor",
                SCALAR, "statement_descriptor_suffix", SCALAR, "final_capture", SCALAR, "application_fee_amount",
                SCALAR, "transfer_data", hash("amount", SCALAR), "expand", LIST)),
        CANCEL_PAYMENT_INTENT(hash("cancellation_reason", SCALAR, "expand", LIST)),
        /** increment_authorization and the other PaymentIntent actions the sandbox does not offer: a 400. */
        UNSUPPORTED_PAYMENT_INTENT_ACTION(hash("expand", LIST)),
        LIST_PAYMENT_INTENTS(hash("limit", SCALAR, "starting_after", SCALAR, "ending_before", SCALAR, "created", RANGE,
                "customer", SCALAR, "expand", LIST)),
        LIST_DISPUTES(hash("charge", SCALAR, "payment_intent", SCALAR, "created", RANGE, "limit", SCALAR,
                "starting_after", SCALAR, "ending_before", SCALAR, "expand", LIST)),
        GET_DISPUTE(hash("expand", LIST)),
        /** Evidence fields are the ones of PaymentIntents spec 6.1: any other is named as unknown. */
        UPDATE_DISPUTE(hash("evidence", evidenceSchema(), "metadata", FREE_HASH, "submit", SCALAR,
                "expand", LIST)),
        CLOSE_DISPUTE(hash("expand", LIST));

        final Schema.Hash schema;

        Op(Schema.Hash schema) {
            this.schema = schema;
        }
    }

    static Route match(String method, String path) {
        if (!path.startsWith("/v1/")) {
            return notFound();
        }
        String rest = path.substring(4);
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String[] seg = split(rest);
        if (seg == null) {
            return notFound();
        }
        boolean options = method.equals("OPTIONS");
        switch (seg.length) {
            case 1 -> {
                switch (seg[0]) {
                    case "tokens" -> {
                        return pick(method, options, Op.CREATE_TOKEN, null, null, "POST, OPTIONS");
                    }
                    case "charges" -> {
                        return pick(method, options, Op.CREATE_CHARGE, Op.LIST_CHARGES, null, "GET, POST, OPTIONS");
                    }
                    case "refunds" -> {
                        return pick(method, options, Op.CREATE_REFUND, Op.LIST_REFUNDS, null, "GET, POST, OPTIONS");
                    }
                    case "events" -> {
                        return pick(method, options, null, Op.LIST_EVENTS, null, "GET, OPTIONS");
                    }
                    case "payment_methods" -> {
                        return pick(method, options, Op.CREATE_PAYMENT_METHOD, null, null, "POST, OPTIONS");
                    }
                    case "payment_intents" -> {
                        return pick(method, options, Op.CREATE_PAYMENT_INTENT, Op.LIST_PAYMENT_INTENTS, null,
                                "GET, POST, OPTIONS");
                    }
                    case "webhook_endpoints" -> {
                        return pick(method, options, Op.CREATE_WEBHOOK_ENDPOINT, Op.LIST_WEBHOOK_ENDPOINTS, null,
                                "GET, POST, OPTIONS");
                    }
                    case "disputes" -> {
                        return pick(method, options, null, Op.LIST_DISPUTES, null, "GET, OPTIONS");
                    }
                    default -> {
                        return notFound();
                    }
                }
            }
            case 2 -> {
                String id = decode(seg[1]);
                if (id.isEmpty()) {
                    return notFound();
                }
                switch (seg[0]) {
                    case "tokens" -> {
                        return pick(method, options, null, Op.GET_TOKEN, id, "GET, OPTIONS");
                    }
                    case "charges" -> {
                        return pick(method, options, Op.UPDATE_CHARGE, Op.GET_CHARGE, id, "GET, POST, OPTIONS");
                    }
                    case "refunds" -> {
                        return pick(method, options, Op.UPDATE_REFUND, Op.GET_REFUND, id, "GET, POST, OPTIONS");
                    }
                    case "events" -> {
                        return pick(method, options, null, Op.GET_EVENT, id, "GET, OPTIONS");
                    }
                    case "payment_methods" -> {
                        return pick(method, options, null, Op.GET_PAYMENT_METHOD, id, "GET, OPTIONS");
                    }
                    case "payment_intents" -> {
                        return pick(method, options, Op.UPDATE_PAYMENT_INTENT, Op.GET_PAYMENT_INTENT, id,
                                "GET, POST, OPTIONS");
                    }
                    case "disputes" -> {
                        return pick(method, options, Op.UPDATE_DISPUTE, Op.GET_DISPUTE, id, "GET, POST, OPTIONS");
                    }
                    case "webhook_endpoints" -> {
                        if (method.equals("DELETE")) {
                            return new Route(Kind.MATCH, Op.DELETE_WEBHOOK_ENDPOINT, id, "GET, POST, DELETE, OPTIONS");
                        }
                        return pick(method, options, Op.UPDATE_WEBHOOK_ENDPOINT, Op.GET_WEBHOOK_ENDPOINT, id,
                                "GET, POST, DELETE, OPTIONS");
                    }
                    default -> {
                        return notFound();
                    }
                }
            }
            case 3 -> {
                String id = decode(seg[1]);
                if (id.isEmpty()) {
                    return notFound();
                }
                if (seg[0].equals("payment_intents")) {
                    return switch (seg[2]) {
                        case "confirm" -> pick(method, options, Op.CONFIRM_PAYMENT_INTENT, null, id, "POST, OPTIONS");
                        case "capture" -> pick(method, options, Op.CAPTURE_PAYMENT_INTENT, null, id, "POST, OPTIONS");
                        case "cancel" -> pick(method, options, Op.CANCEL_PAYMENT_INTENT, null, id, "POST, OPTIONS");
                        case "increment_authorization", "verify_microdeposits", "apply_customer_balance" ->
                                pick(method, options, Op.UNSUPPORTED_PAYMENT_INTENT_ACTION, null, seg[2],
                                        "POST, OPTIONS");
                        case "amount_details_line_items" -> pick(method, options, null,
                                Op.UNSUPPORTED_PAYMENT_INTENT_ACTION, seg[2], "GET, OPTIONS");
                        default -> notFound();
                    };
                }
                if (seg[0].equals("disputes")) {
                    return seg[2].equals("close") ? pick(method, options, Op.CLOSE_DISPUTE, null, id, "POST, OPTIONS")
                            : notFound();
                }
                if (!seg[0].equals("charges")) {
                    return notFound();
                }
                return switch (seg[2]) {
                    case "capture" -> pick(method, options, Op.CAPTURE_CHARGE, null, id, "POST, OPTIONS");
                    case "refunds" -> pick(method, options, null, Op.LIST_CHARGE_REFUNDS, id, "GET, OPTIONS");
                    default -> notFound();
                };
            }
            default -> {
                return notFound();
            }
        }
    }

    /** Up to three path segments without a regex; null for more. */
    private static String[] split(String rest) {
        int a = rest.indexOf('/');
        if (a < 0) {
            return new String[] {rest};
        }
        int b = rest.indexOf('/', a + 1);
        if (b < 0) {
            return new String[] {rest.substring(0, a), rest.substring(a + 1)};
        }
        if (rest.indexOf('/', b + 1) >= 0) {
            return null;
        }
        return new String[] {rest.substring(0, a), rest.substring(a + 1, b), rest.substring(b + 1)};
    }

    private static Route pick(String method, boolean options, Op post, Op get, String id, String allow) {
        if (options) {
            return new Route(Kind.PREFLIGHT, null, id, allow);
        }
        Op op = switch (method) {
            case "POST" -> post;
            case "GET" -> get;
            default -> null;
        };
        return op == null ? new Route(Kind.WRONG_METHOD, null, id, allow) : new Route(Kind.MATCH, op, id, allow);
    }

    private static Route notFound() {
        return new Route(Kind.NOT_FOUND, null, null, null);
    }

    private static String decode(String seg) {
        if (seg.indexOf('%') < 0) {
            return seg;
        }
        try {
            return URLDecoder.decode(seg.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return seg;
        }
    }
}
