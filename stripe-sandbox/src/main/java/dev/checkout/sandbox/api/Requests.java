package dev.checkout.sandbox.api;

import dev.checkout.sandbox.json.JsonBody;
import dev.checkout.sandbox.store.Stored;
import dev.checkout.sandbox.store.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters every resource reads the same way (spec 1.3, 4.9, 10): list paging and the {@code created}
 * filter, {@code expand}, metadata, statement descriptors; and the list object every list answers with.
 */
final class Requests {
    private Requests() {
    }

    /** A list's page size and cursors (spec 5): {@code starting_after} and {@code ending_before} exclude each other. */
    record Paging(int limit, String after, String before) {
    }

    static Paging paging(Params p) {
        int limit = limit(p);
        String after = p.string("starting_after");
        String before = p.string("ending_before");
        if (after != null && before != null) {
            throw ApiError.invalid("parameters_exclusive", "ending_before",
                    "You may only specify one of these parameters: starting_after, ending_before.");
        }
        return new Paging(limit, after, before);
    }

    interface ItemWriter<T> {
        void write(dev.checkout.sandbox.json.JsonWriter w, T item);
    }

    static <T> JsonBody list(String url, Table.Page<T> page, ItemWriter<T> item) {
        return w -> {
            w.beginObject().field("object", "list").name("data").beginArray();
            for (T t : page.data()) {
                item.write(w, t);
            }
            w.endArray().field("has_more", page.hasMore()).field("url", url).endObject();
        };
    }

    static int limit(Params p) {
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
    static long[] createdRange(Params p) {
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

    static Set<String> checkExpand(Params p, Set<String> allowed) {
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
    static Set<String> listExpand(Params p, Set<String> allowed) {
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
    static Map<String, String> metadata(Params p, Map<String, String> base) {
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

    static String descriptor(Params p, String name) {
        String s = p.string(name);
        if (s != null && s.length() > 22) {
            throw ApiError.invalid(null, name, "The " + name + " must be at most 22 characters (got " + s.length()
                    + ").");
        }
        return s;
    }

    static List<String> append(List<String> list, String id) {
        List<String> out = new ArrayList<>(list.size() + 1);
        out.addAll(list);
        out.add(id);
        return List.copyOf(out);
    }
}
