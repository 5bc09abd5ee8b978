package dev.checkout.sandbox.api;

import dev.checkout.sandbox.api.Endpoints.Prepared;
import dev.checkout.sandbox.json.JsonBody;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import static dev.checkout.sandbox.api.Requests.checkExpand;
import static dev.checkout.sandbox.api.Requests.metadata;
import static dev.checkout.sandbox.api.Requests.paging;

/**
 * {@code /v1/webhook_endpoints} (PaymentIntents spec 7): the endpoints each account's events are delivered to, kept in
 * memory (a few per account). {@link #subscribedTo} answers which endpoints want an event; {@link Deliveries} sends
 * it. With {@code sandbox.forward-to} set, every account has one more endpoint, created at start, that wants every
 * event and signs with {@code sandbox.webhook-secret}.
 */
final class Webhooks {
    /** The event types an endpoint may subscribe to (spec 13.2, PaymentIntents spec 9.1), and {@code *}. */
    static final Set<String> EVENT_TYPES = Set.of("*",
            "charge.succeeded", "charge.failed", "charge.captured", "charge.expired", "charge.pending",
            "charge.updated", "charge.refunded", "charge.refund.updated", "refund.created", "refund.updated",
            "refund.failed", "charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed",
            "charge.dispute.funds_withdrawn", "charge.dispute.funds_reinstated", "payment_intent.created",
            "payment_intent.requires_action", "payment_intent.amount_capturable_updated", "payment_intent.succeeded",
            "payment_intent.payment_failed", "payment_intent.canceled", "payment_intent.processing",
            "payment_intent.partially_funded", "payment_method.attached", "payment_method.detached",
            "payment_method.updated", "radar.early_fraud_warning.created");
    private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(\\.[a-z]+)?");

    private final WebhookSettings settings;
    private final Ledger ledger;
    private final Renderer renderer;
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, WebhookEndpoint>> byAccount =
            new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();

    Webhooks(WebhookSettings settings, Ledger ledger, Accounts accounts) {
        this.settings = settings;
        this.ledger = ledger;
        this.renderer = ledger.renderer;
        if (settings.forwardTo() != null && !settings.forwardTo().isBlank()) {
            URI url = checkUrl(settings.forwardTo().trim(), false);
            for (Accounts.Account a : accounts.all()) {
                add(new WebhookEndpoint(Ids.object("we_"), a.id(), a.livemode(), ledger.now(),
                        order.incrementAndGet(), url.toString(), List.of("*"), null,
                        "sandbox.forward-to (SANDBOX_FORWARD_TO)", Map.of(), false, settings.forwardSecret()));
            }
        }
    }

    /** The endpoint, if it is this account's. */
    WebhookEndpoint find(String accountId, String id) {
        var endpoints = byAccount.get(accountId);
        return endpoints == null ? null : endpoints.get(id);
    }

    /** The account's enabled endpoints that want events of {@code type}, in creation order. */
    List<WebhookEndpoint> subscribedTo(String accountId, String type) {
        var endpoints = byAccount.get(accountId);
        if (endpoints == null || endpoints.isEmpty()) {
            return List.of();
        }
        List<WebhookEndpoint> wanted = new ArrayList<>(2);
        for (WebhookEndpoint e : endpoints.values()) {
            if (e.wants(type)) {
                wanted.add(e);
            }
        }
        wanted.sort(Comparator.comparingLong(WebhookEndpoint::order));
        return wanted;
    }

    private void add(WebhookEndpoint e) {
        byAccount.computeIfAbsent(e.accountId(), a -> new ConcurrentHashMap<>()).put(e.id(), e);
    }

    // ---------------------------------------------------------------- the API

    Prepared create(SandboxApi.Call call) {
        Params p = call.params();
        checkExpand(p, Set.of());
        URI url = checkUrl(required(p, "url"), call.account().livemode());
        List<String> events = enabledEvents(p, true);
        String apiVersion = p.string("api_version");
        if (apiVersion != null && !API_VERSION.matcher(apiVersion).matches()) {
            throw ApiError.invalid(null, "api_version", "Invalid api_version: " + apiVersion + " (expected a Stripe "
                    + "API version such as " + SandboxApi.DEFAULT_VERSION + ").");
        }
        if (Boolean.TRUE.equals(p.bool("connect"))) {
            throw ApiError.invalid(null, "connect", "Connect webhook endpoints are not supported by the sandbox.");
        }
        Map<String, String> metadata = metadata(p, Map.of());
        String description = p.string("description");
        return () -> {
            var mine = byAccount.computeIfAbsent(call.account().id(), a -> new ConcurrentHashMap<>());
            synchronized (mine) {
                if (mine.size() >= settings.maxEndpoints()) {
                    throw ApiError.invalid(null, "url", "This account already has " + mine.size() + " webhook "
                            + "endpoints, the most allowed (sandbox.webhook.max-endpoints); delete one first.");
                }
                var e = new WebhookEndpoint(Ids.object("we_"), call.account().id(), call.account().livemode(),
                        ledger.now(), order.incrementAndGet(), url.toString(), events, apiVersion, description,
                        metadata, false, Ids.secret("whsec_", 32));
                mine.put(e.id(), e);
                return new Reply(200, w -> renderer.webhookEndpoint(w, e, true));
            }
        };
    }

    Prepared get(SandboxApi.Call call) {
        checkExpand(call.params(), Set.of());
        return () -> {
            WebhookEndpoint e = existing(call);
            return new Reply(200, w -> renderer.webhookEndpoint(w, e, false));
        };
    }

    Prepared update(SandboxApi.Call call) {
        Params p = call.params();
        checkExpand(p, Set.of());
        URI url = p.present("url") ? checkUrl(required(p, "url"), call.account().livemode()) : null;
        List<String> events = p.present("enabled_events") ? enabledEvents(p, true) : null;
        Boolean disabled = p.bool("disabled");
        return () -> {
            var mine = byAccount.get(call.account().id());
            WebhookEndpoint[] updated = new WebhookEndpoint[1];
            if (mine != null) {
                updated[0] = mine.computeIfPresent(call.pathId(), (id, cur) -> cur.with(
                        url != null ? url.toString() : cur.url(), events != null ? events : cur.enabledEvents(),
                        p.present("description") ? p.string("description") : cur.description(),
                        metadata(p, cur.metadata()), disabled != null ? disabled : cur.disabled()));
            }
            if (updated[0] == null) {
                throw noSuchEndpoint(call.pathId());
            }
            return new Reply(200, w -> renderer.webhookEndpoint(w, updated[0], false));
        };
    }

    Prepared delete(SandboxApi.Call call) {
        return () -> {
            var mine = byAccount.get(call.account().id());
            WebhookEndpoint removed = mine == null ? null : mine.remove(call.pathId());
            if (removed == null) {
                throw noSuchEndpoint(call.pathId());
            }
            JsonBody body = w -> w.beginObject().field("id", removed.id()).field("object", "webhook_endpoint")
                    .field("deleted", true).endObject();
            return new Reply(200, body);
        };
    }

    Prepared list(SandboxApi.Call call) {
        Params p = call.params();
        Requests.Paging paging = paging(p);
        checkExpand(p, Set.of());
        return () -> {
            var mine = byAccount.getOrDefault(call.account().id(), new ConcurrentHashMap<>());
            // newest first; a handful per account, so a sort per call is fine
            List<WebhookEndpoint> all = mine.values().stream()
                    .sorted(Comparator.comparingLong(WebhookEndpoint::order).reversed()).toList();
            int from = 0;
            int to = all.size();
            if (paging.after() != null) {
                from = indexOf(all, paging.after(), "starting_after") + 1;
            }
            if (paging.before() != null) {
                to = indexOf(all, paging.before(), "ending_before");
                from = Math.max(0, to - paging.limit());
            }
            int end = Math.min(to, from + paging.limit());
            boolean more = paging.before() != null ? from > 0 : end < to;
            var page = new dev.checkout.sandbox.store.Table.Page<>(all.subList(from, end), more);
            return new Reply(200, Requests.list("/v1/webhook_endpoints", page,
                    (w, e) -> renderer.webhookEndpoint(w, e, false)));
        };
    }

    private static int indexOf(List<WebhookEndpoint> all, String id, String param) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(id)) {
                return i;
            }
        }
        throw ApiError.invalid("resource_missing", param, "No such webhook endpoint: '" + id + "'");
    }

    private WebhookEndpoint existing(SandboxApi.Call call) {
        WebhookEndpoint e = find(call.account().id(), call.pathId());
        if (e == null) {
            throw noSuchEndpoint(call.pathId());
        }
        return e;
    }

    private static ApiError noSuchEndpoint(String id) {
        return ApiError.notFound("id", "No such webhook endpoint: '" + id + "'");
    }

    private static String required(Params p, String name) {
        String v = p.string(name);
        if (v == null || v.isBlank()) {
            throw ApiError.missing(name);
        }
        return v;
    }

    /** An absolute http(s) URL with a host; https only in live mode. */
    private static URI checkUrl(String url, boolean livemode) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        String scheme = uri == null ? null : uri.getScheme();
        if (uri == null || uri.getHost() == null || scheme == null
                || !(scheme.equals("https") || scheme.equals("http") && !livemode)) {
            throw ApiError.invalid("url_invalid", "url", "Invalid URL: " + url + ". A webhook endpoint needs an "
                    + "absolute URL with a host, https:// (http:// is allowed in test mode).");
        }
        return uri;
    }

    private static List<String> enabledEvents(Params p, boolean required) {
        List<String> events = p.strings("enabled_events");
        if (events.isEmpty()) {
            if (required) {
                throw ApiError.missing("enabled_events");
            }
            return List.of();
        }
        for (String type : events) {
            if (!EVENT_TYPES.contains(type)) {
                throw ApiError.invalid(null, "enabled_events", "Invalid enabled_events: '" + type + "' is not an "
                        + "event type the sandbox sends; use '*' or types such as charge.succeeded.");
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(events));
    }
}
