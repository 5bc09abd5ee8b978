package dev.checkout.sandbox.api;

import dev.checkout.sandbox.json.JsonBody;

/**
 * A Stripe error answer: the one place that knows the JSON shape of {@code {"error":{...}}} (spec 6.1).
 * Thrown from anywhere in request handling and turned into a {@link Reply} by the dispatcher.
 */
public final class ApiError extends RuntimeException {
    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String CARD_ERROR = "card_error";
    public static final String IDEMPOTENCY_ERROR = "idempotency_error";
    public static final String API_ERROR = "api_error";

    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final String declineCode;
    private final String charge;
    private final Extra extra;

    /** More members of the error object: the embedded intent and PaymentMethod of PaymentIntents spec 2.6, 2.12. */
    public interface Extra {
        void write(dev.checkout.sandbox.json.JsonWriter w);
    }

    public ApiError(int status, String type, String code, String param, String message, String declineCode,
            String charge) {
        this(status, type, code, param, message, declineCode, charge, null);
    }

    /** {@code extra} must write immutable snapshots only: the error may be stored and replayed. */
    public ApiError(int status, String type, String code, String param, String message, String declineCode,
            String charge, Extra extra) {
        super(message, null, false, false);
        this.extra = extra;
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.declineCode = declineCode;
        this.charge = charge;
    }

    public static ApiError invalid(String code, String param, String message) {
        return new ApiError(400, INVALID_REQUEST, code, param, message, null, null);
    }

    public static ApiError missing(String param) {
        return invalid("parameter_missing", param, "Missing required param: " + param + ".");
    }

    public static ApiError unknownParam(String param) {
        return invalid("parameter_unknown", param, "Received unknown parameter: " + param);
    }

    public static ApiError notFound(String param, String message) {
        return new ApiError(404, INVALID_REQUEST, "resource_missing", param, message, null, null);
    }

    /** Unknown path (spec 1.1): 404 without a code. */
    public static ApiError notFoundUrl(String method, String path) {
        return new ApiError(404, INVALID_REQUEST, null, null, unrecognized(method, path), null, null);
    }

    /** A known path with a method it does not serve: 405 in the same shape, with an Allow header added by the caller. */
    public static WrongMethod wrongMethod(String method, String path, String allow) {
        return new WrongMethod(unrecognized(method, path), allow);
    }

    private static String unrecognized(String method, String path) {
        return "Unrecognized request URL (" + method + ": " + path + "). Please see https://stripe.com/docs or we can "
                + "help at https://support.stripe.com/.";
    }

    /** The 405 variant; carries the Allow header value. */
    public static final class WrongMethod extends RuntimeException {
        private final String allow;

        WrongMethod(String message, String allow) {
            super(message, null, false, false);
            this.allow = allow;
        }

        public Reply toReply() {
            return new ApiError(405, INVALID_REQUEST, null, null, getMessage(), null, null).toReply()
                    .withHeaders(java.util.Map.of("Allow", allow));
        }
    }

    public static ApiError card(String code, String param, String message) {
        return new ApiError(402, CARD_ERROR, code, param, message, null, null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    public String declineCode() {
        return declineCode;
    }

    public String charge() {
        return charge;
    }

    /** The body; immutable fields only, so a stored error replays byte for byte. */
    public JsonBody body() {
        String message = getMessage();
        return w -> {
            w.beginObject().name("error").beginObject();
            if (charge != null) {
                w.field("charge", charge);
            }
            if (code != null) {
                w.field("code", code);
            }
            if (declineCode != null) {
                w.field("decline_code", declineCode);
            }
            if (code != null) {
                w.field("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
            }
            w.field("message", message);
            if (param != null) {
                w.field("param", param);
            }
            if (extra != null) {
                extra.write(w);
            }
            w.field("type", type);
            w.endObject().endObject();
        };
    }

    public Reply toReply() {
        return new Reply(status, body());
    }
}
