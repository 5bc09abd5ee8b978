package dev.checkout.sandbox.api;

import dev.checkout.sandbox.api.Endpoints.Prepared;
import dev.checkout.sandbox.api.Requests.Paging;
import dev.checkout.sandbox.store.Event;
import dev.checkout.sandbox.store.Table;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static dev.checkout.sandbox.api.Requests.checkExpand;
import static dev.checkout.sandbox.api.Requests.createdRange;
import static dev.checkout.sandbox.api.Requests.paging;

/**
 * {@code /v1/events} (spec 13.1): what happened to charges and refunds, newest first, each with its object as it was
 * right after the change. Filters: {@code type} (a trailing {@code *} matches a prefix, as in {@code charge.*}) or
 * {@code types[]} (up to 20 exact types), {@code created}, and {@code delivery_success}.
 */
final class EventEndpoints {
    private static final int MAX_TYPES = 20;

    private final Ledger ledger;
    private final Table<Event> events;
    private final Renderer renderer;

    EventEndpoints(Ledger ledger) {
        this.ledger = ledger;
        this.events = ledger.events;
        this.renderer = ledger.renderer;
    }

    Prepared get(SandboxApi.Call call) {
        checkExpand(call.params(), Set.of());
        return () -> {
            Event e = events.get(call.account().id(), call.pathId());
            if (e == null) {
                throw ApiError.notFound("id", "No such event: '" + call.pathId() + "'");
            }
            return new Reply(200, w -> render(w, e));
        };
    }

    Prepared list(SandboxApi.Call call) {
        Params p = call.params();
        Paging paging = paging(p);
        checkExpand(p, Set.of());
        long[] range = createdRange(p);
        Predicate<Event> filter = typeFilter(p).and(deliveryFilter(p));
        String account = call.account().id();
        return () -> {
            Long afterKey = Ledger.cursor(events, account, paging.after(), "starting_after", "event");
            Long beforeKey = Ledger.cursor(events, account, paging.before(), "ending_before", "event");
            Table.Page<Event> page = events.page(account, range[0], range[1], afterKey, beforeKey, paging.limit(),
                    filter);
            return new Reply(200, Requests.list("/v1/events", page, this::render));
        };
    }

    private void render(dev.checkout.sandbox.json.JsonWriter w, Event e) {
        renderer.event(w, e, SandboxApi.DEFAULT_VERSION, ledger.charges::decode, ledger.refunds::decode,
                ledger.disputes::decode, ledger::refundById, ledger::chargeById);
    }

    private static Predicate<Event> typeFilter(Params p) {
        String type = p.string("type");
        List<String> types = p.strings("types");
        if (type != null && !types.isEmpty()) {
            throw ApiError.invalid(null, "types", "You may pass either type or types, but not both.");
        }
        if (types.size() > MAX_TYPES) {
            throw ApiError.invalid(null, "types", "You may pass at most " + MAX_TYPES + " types (got " + types.size()
                    + ").");
        }
        if (!types.isEmpty()) {
            Set<String> wanted = Set.copyOf(types);
            return e -> wanted.contains(e.type());
        }
        if (type == null) {
            return e -> true;
        }
        if (type.endsWith("*")) {
            String prefix = type.substring(0, type.length() - 1);
            return e -> e.type().startsWith(prefix);
        }
        return e -> e.type().equals(type);
    }

    private static Predicate<Event> deliveryFilter(Params p) {
        Boolean delivered = p.bool("delivery_success");
        if (delivered == null) {
            return e -> true;
        }
        return delivered ? e -> e.pendingWebhooks() == 0 : e -> e.pendingWebhooks() > 0;
    }
}
