package dev.checkout.sandbox.api;

import dev.checkout.sandbox.form.Form;
import dev.checkout.sandbox.form.FormDecoder;
import dev.checkout.sandbox.form.FormException;
import dev.checkout.sandbox.json.JsonBody;
import dev.checkout.sandbox.store.IdempotencyStore;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's request pipeline, independent of the HTTP transport: route, decode, authenticate, rate-limit,
 * check parameters, claim the idempotency key, execute, and render Stripe's JSON (spec 1, 6, 7). Runs on the
 * caller's thread without blocking; nothing here logs request data.
 */
public final class SandboxApi implements AutoCloseable {
    public static final String DEFAULT_VERSION = "2026-07-29.dahlia";
    private static final String NO_KEY = "You did not provide an API key. You need to provide your API key in the "
            + "Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See "
            + "https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";
    private static final String SECRET_REQUIRED = "This API call cannot be made with a publishable API key. Please use"
            + " a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.";

    private final SandboxSettings settings;
    private final Endpoints endpoints;
    private final IdempotencyStore idempotency;
    private final RateLimiter rateLimiter;

    public SandboxApi(SandboxSettings settings, Clock clock) {
        this.settings = settings;
        this.endpoints = new Endpoints(settings, clock);
        this.idempotency = new IdempotencyStore(settings.maxIdempotencyKeys(),
                settings.idempotencyRetention().toMillis(), clock);
        this.rateLimiter = new RateLimiter(settings.tokenRateLimit());
    }

    public SandboxSettings settings() {
        return settings;
    }

    /** Stops delivering webhooks. */
    @Override
    public void close() {
        endpoints.close();
    }

    /** Periodic housekeeping: drops expired idempotency keys. */
    public int sweep() {
        return idempotency.sweep();
    }

    /** Object counts per kind, for the startup banner and tests. */
    public Map<String, Integer> sizes() {
        return Map.of("tokens", endpoints.tokens.size(), "charges", endpoints.charges.size(), "refunds",
                endpoints.refunds.size(), "events", endpoints.events.size(), "idempotency_keys", idempotency.size(),
                "payment_methods", endpoints.paymentMethods.size(), "payment_intents",
                endpoints.paymentIntents.size());
    }

    /** Handles one request. */
    public Handled handle(ApiRequest req) {
        if (ChallengePage.owns(req.path())) {
            return new Handled.Now(endpoints.challengePage(req));
        }
        String requestId = Ids.request();
        String version = req.header().apply("Stripe-Version");
        if (version == null || version.isBlank()) {
            version = DEFAULT_VERSION;
        }
        Ctx ctx = new Ctx(requestId, version);
        try {
            return dispatch(req, ctx);
        } catch (ApiError e) {
            return new Handled.Now(ctx.answer(e.toReply(), false));
        } catch (ApiError.WrongMethod e) {
            return new Handled.Now(ctx.answer(e.toReply(), false));
        } catch (FormException e) {
            return new Handled.Now(ctx.answer(ApiError.invalid(null, e.param(), e.getMessage()).toReply(), false));
        } catch (RuntimeException e) {
            return new Handled.Now(ctx.answer(internalError(), false));
        }
    }

    /** A 413 for bodies over the limit; the transport calls this without reading the body. */
    public Answer tooLarge(String method, String path) {
        Ctx ctx = new Ctx(Ids.request(), DEFAULT_VERSION);
        return ctx.answer(new ApiError(413, ApiError.INVALID_REQUEST, null, null, "Request body too large: " + method
                + " " + path + " sent more than " + settings.maxBodyBytes() + " bytes.", null, null).toReply(), false);
    }

    /** A 400 for requests the HTTP decoder could not parse (bad request line, oversized headers). */
    public Answer malformed(String why) {
        Ctx ctx = new Ctx(Ids.request(), DEFAULT_VERSION);
        return ctx.answer(ApiError.invalid(null, null, "Malformed HTTP request: " + why).toReply(), false);
    }

    private static Reply internalError() {
        return new ApiError(500, ApiError.API_ERROR, null, null, "An unknown error occurred", null, null).toReply();
    }

    /** Per-request values that end up in headers. */
    final class Ctx {
        final String requestId;
        final String version;
        String idempotencyKey;

        Ctx(String requestId, String version) {
            this.requestId = requestId;
            this.version = version;
        }

        Answer answer(Reply reply, boolean idempotent) {
            return answer(reply, idempotent, null, false);
        }

        Answer answer(Reply reply, boolean idempotent, String originalRequest, boolean replayed) {
            List<String> h = new ArrayList<>(14);
            h.add("Request-Id");
            h.add(requestId);
            h.add("Stripe-Version");
            h.add(version);
            if (idempotencyKey != null) {
                h.add("Idempotency-Key");
                h.add(idempotencyKey);
                if (idempotent) {
                    h.add("Original-Request");
                    h.add(originalRequest != null ? originalRequest : requestId);
                }
                if (replayed) {
                    h.add("Idempotent-Replayed");
                    h.add("true");
                }
                if (!reply.headers().containsKey("Stripe-Should-Retry")) {
                    h.add("Stripe-Should-Retry");
                    h.add("false");
                }
            }
            for (Map.Entry<String, String> e : reply.headers().entrySet()) {
                h.add(e.getKey());
                h.add(e.getValue());
            }
            var w = reply.body().renderShared();
            return new Answer(reply.status(), w.buffer(), w.length(), h.toArray(new String[0]));
        }
    }

    private Handled dispatch(ApiRequest req, Ctx ctx) {
        Route route = Route.match(req.method(), req.path());
        if (route.kind() == Route.Kind.NOT_FOUND) {
            throw ApiError.notFoundUrl(req.method(), req.path());
        }
        if (route.kind() == Route.Kind.PREFLIGHT) {
            return new Handled.Now(ctx.answer(preflight(req), false));
        }
        if (route.kind() == Route.Kind.WRONG_METHOD) {
            throw ApiError.wrongMethod(req.method(), req.path(), route.allow());
        }
        boolean post = req.method().equals("POST");
        Form form = post ? FormDecoder.decode(req.body()) : FormDecoder.decodeQuery(req.rawQuery());
        Map<String, Object> params = form.params();
        Object bodyKey = params.remove("key");
        Accounts.Principal who = authenticate(req, bodyKey);
        Route.Op op = route.op();
        if (!who.secret() && !PUBLISHABLE_OPS.contains(op)) {
            throw new ApiError(401, ApiError.INVALID_REQUEST, "secret_key_required", null, SECRET_REQUIRED, null, null);
        }
        // card-testing protection: what a browser may do with a publishable key is rate-limited per client IP
        if ((op == Route.Op.CREATE_TOKEN || !who.secret()) && rateLimiter.enabled()
                && !rateLimiter.tryAcquire(req.clientIp(), System.nanoTime())) {
            throw new ApiError(429, ApiError.INVALID_REQUEST, "rate_limit", null,
                    "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.",
                    null, null);
        }
        Schema.check(op.schema, params);
        String key = post ? req.header().apply("Idempotency-Key") : null;
        if (key != null && key.isEmpty()) {
            key = null;
        }
        if (key != null && key.length() > 255) {
            throw ApiError.invalid(null, null, "Idempotency-Key must be at most 255 characters long (got "
                    + key.length() + ").");
        }
        Call call = new Call(who.account(), who.secret(), new Params(params), route.id(), req.clientIp(), ctx.requestId,
                key, origin(req), ctx.version);
        Endpoints.Prepared prepared = endpoints.prepare(op, call);
        if (key == null) {
            return run(prepared, ctx, null);
        }
        ctx.idempotencyKey = key;
        // the endpoint takes part in the fingerprint: the same key on another endpoint is a mismatch (spec 7)
        long endpoint = endpointHash(req.method(), req.path());
        IdempotencyStore.Claim claim = idempotency.claim(who.account().id(), key, form.hashHi() ^ endpoint,
                form.hashLo() + endpoint * 0x9E3779B97F4A7C15L, ctx.requestId);
        return switch (claim) {
            case IdempotencyStore.Claimed c -> run(prepared, ctx, c);
            case IdempotencyStore.Replay r -> new Handled.Now(ctx.answer(r.reply(), true, r.originalRequestId(), true));
            case IdempotencyStore.InFlight f -> new Handled.Now(ctx.answer(new ApiError(409, ApiError.INVALID_REQUEST,
                    "idempotency_key_in_use", null, "There is currently another in-progress request using this "
                    + "Idempotent Key (that probably means you submitted twice, and the other request is still going "
                    + "through): " + key + ". Please try again later.", null, null).toReply()
                    .withHeaders(Map.of("Stripe-Should-Retry", "true")), false));
            case IdempotencyStore.Mismatch m -> new Handled.Now(ctx.answer(new ApiError(400, ApiError.IDEMPOTENCY_ERROR,
                    null, null, "Keys for idempotent requests can only be used with the same parameters they were "
                    + "first used with. Try using a key other than '" + key + "' if you meant to execute a different "
                    + "request.", null, null).toReply(), false));
        };
    }

    private static long endpointHash(String method, String path) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < method.length(); i++) {
            h = (h ^ method.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ ' ') * 0x100000001b3L;
        for (int i = 0; i < path.length(); i++) {
            h = (h ^ path.charAt(i)) * 0x100000001b3L;
        }
        return h ^ (h >>> 29);
    }

    /** Executes a prepared call, now or after the charge (or refund) delay, and completes its idempotency claim. */
    private Handled run(Endpoints.Prepared prepared, Ctx ctx, IdempotencyStore.Claimed claim) {
        long delay = prepared.delayed() ? settings.chargeDelay().toNanos()
                : prepared.refundDelayed() ? settings.refundDelay().toNanos() : 0;
        if (delay > 0) {
            return new Handled.Later(delay, () -> execute(prepared, ctx, claim));
        }
        return new Handled.Now(execute(prepared, ctx, claim));
    }

    private Answer execute(Endpoints.Prepared prepared, Ctx ctx, IdempotencyStore.Claimed claim) {
        Reply reply;
        try {
            reply = prepared.execute();
        } catch (ApiError e) {
            reply = e.toReply();
        } catch (RuntimeException e) {
            // not stored: we cannot tell whether side effects happened, so a retry gets a fresh attempt
            if (claim != null) {
                idempotency.release(claim);
            }
            return ctx.answer(internalError(), false);
        }
        if (claim != null) {
            idempotency.complete(claim, reply);
        }
        return ctx.answer(reply, claim != null);
    }

    private Accounts.Principal authenticate(ApiRequest req, Object bodyKey) {
        String auth = req.header().apply("Authorization");
        String key;
        if (auth != null && !auth.isBlank()) {
            key = credential(auth.trim());
        } else if (bodyKey instanceof String s && !s.isEmpty()) {
            // Stripe.js posts the publishable key in the body (spec 1.4 item 3); secret keys never travel there
            if (!s.startsWith("pk_")) {
                throw new ApiError(401, ApiError.INVALID_REQUEST, null, null, "Only a publishable key may be sent in "
                        + "the key parameter; send secret keys in the Authorization header. Key provided: "
                        + Accounts.mask(s), null, null);
            }
            key = s;
        } else {
            throw new ApiError(401, ApiError.INVALID_REQUEST, null, null, NO_KEY, null, null);
        }
        Accounts.Principal p = settings.accounts().lookup(key);
        if (p == null) {
            throw new ApiError(401, ApiError.INVALID_REQUEST, null, null, "Invalid API Key provided: "
                    + Accounts.mask(key), null, null);
        }
        return p;
    }

    private static String credential(String auth) {
        int sp = auth.indexOf(' ');
        String scheme = sp < 0 ? auth : auth.substring(0, sp);
        String rest = sp < 0 ? "" : auth.substring(sp + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer")) {
            if (rest.isEmpty()) {
                throw new ApiError(401, ApiError.INVALID_REQUEST, null, null, NO_KEY, null, null);
            }
            return rest;
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(rest), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ApiError(401, ApiError.INVALID_REQUEST, null, null, "Invalid API Key provided: the Basic "
                        + "credentials are not valid base64 (send base64 of 'sk_test_...:').", null, null);
            }
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            if (user.isEmpty()) {
                throw new ApiError(401, ApiError.INVALID_REQUEST, null, null, NO_KEY, null, null);
            }
            return user;
        }
        throw new ApiError(401, ApiError.INVALID_REQUEST, null, null, "Invalid API Key provided: "
                + Accounts.mask(auth) + " (use 'Authorization: Bearer <key>')", null, null);
    }

    private static Reply preflight(ApiRequest req) {
        String requested = req.header().apply("Access-Control-Request-Headers");
        String allowHeaders = requested != null && !requested.isBlank() ? requested
                : "Authorization, Content-Type, Idempotency-Key, Stripe-Version, Stripe-Account";
        JsonBody empty = w -> w.beginObject().endObject();
        return new Reply(200, empty, Map.of("Access-Control-Allow-Headers", allowHeaders));
    }

    /**
     * The authenticated inputs of one endpoint call; {@code idempotencyKey} is null when none was sent;
     * {@code origin} is where the caller reached the sandbox ({@code http://} + its Host header), the origin of the
     * 3-D Secure pages it links to; {@code version} the request's {@code Stripe-Version} (or the default).
     */
    record Call(Accounts.Account account, boolean secretKey, Params params, String pathId, String clientIp,
            String requestId, String idempotencyKey, String origin, String version) {
        /** Whether the request's API version is {@code date} ({@code YYYY-MM-DD}) or later. */
        boolean atLeast(String date) {
            return version.compareTo(date) >= 0;
        }
    }

    /** The operations a publishable key may call (PaymentIntents spec 0): the browser's part of the flow. */
    private static final java.util.Set<Route.Op> PUBLISHABLE_OPS = java.util.EnumSet.of(Route.Op.CREATE_TOKEN,
            Route.Op.CREATE_PAYMENT_METHOD, Route.Op.GET_PAYMENT_INTENT, Route.Op.CONFIRM_PAYMENT_INTENT);

    /** {@code http://} + the Host header when it is a plain host[:port], else the loopback default. */
    private static String origin(ApiRequest req) {
        String host = req.header().apply("Host");
        if (host == null || host.isEmpty() || host.length() > 255) {
            return "http://127.0.0.1";
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '-' || c == ':' || c == '[' || c == ']';
            if (!ok) {
                return "http://127.0.0.1";
            }
        }
        return "http://" + host;
    }
}
