package dev.checkout.sandbox.form;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decodes {@code application/x-www-form-urlencoded} bodies and query strings the way Stripe's v1 API reads them
 * (spec 1.3): bracket nesting of any depth, {@code a[]} and {@code a[0]} arrays, {@code +} and {@code %20} as
 * spaces, {@code %5B}/{@code %5D} as brackets, UTF-8 throughout, last scalar wins. An empty value is kept as
 * {@code ""}; readers treat it as "unset".
 */
public final class FormDecoder {
    /** Keys that never take part in the idempotency comparison (Stripe.js bookkeeping and the body key). */
    static final Set<String> NOT_HASHED = Set.of("key", "payment_user_agent", "time_on_page", "referrer", "guid",
            "muid", "sid", "pasted_fields");

    private static final int MAX_DEPTH = 8;

    private FormDecoder() {
    }

    public static Form decode(byte[] data, int from, int to) {
        Map<String, Object> root = new LinkedHashMap<>();
        long hi = 0;
        long lo = 0;
        int i = from;
        while (i < to) {
            int amp = indexOf(data, (byte) '&', i, to);
            int eq = indexOf(data, (byte) '=', i, amp);
            if (amp > i) {
                String key = component(data, i, eq);
                String value = eq < amp ? component(data, eq + 1, amp) : "";
                if (key.isEmpty()) {
                    if (!value.isEmpty()) {
                        throw new FormException("Invalid request: a parameter has no name.", null);
                    }
                } else {
                    insert(root, key, value);
                    if (hashed(key)) {
                        hi += mix(key, value, 0x9E3779B97F4A7C15L);
                        lo += mix(key, value, 0xC2B2AE3D27D4EB4FL);
                    }
                }
            }
            i = amp + 1;
        }
        finish(root);
        return new Form(root, hi, lo);
    }

    public static Form decode(byte[] data) {
        return decode(data, 0, data.length);
    }

    public static Form decodeQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new Form(new LinkedHashMap<>(), 0, 0);
        }
        return decode(rawQuery.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Whether a key takes part in the idempotency comparison: not the body key and Stripe.js bookkeeping, at the top
     * level or inside {@code payment_method_data[…]}, where Stripe.js puts it when it confirms a PaymentIntent
     * (PaymentIntents spec 2.4).
     */
    private static boolean hashed(String key) {
        String root = rootName(key);
        if (NOT_HASHED.contains(root)) {
            return false;
        }
        if (root.equals("payment_method_data") && key.length() > root.length() + 1) {
            int end = key.indexOf(']', root.length());
            String inner = end < 0 ? "" : key.substring(root.length() + 1, end);
            return !NOT_HASHED.contains(inner) && !inner.equals("client_attribution_metadata");
        }
        return true;
    }

    private static String rootName(String key) {
        int b = key.indexOf('[');
        return b < 0 ? key : key.substring(0, b);
    }

    private static int indexOf(byte[] data, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return to;
    }

    /** Percent-decodes one key or value; the common case (nothing escaped, ASCII) costs one copy. */
    static String component(byte[] data, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to; i++) {
            byte b = data[i];
            if (b == '%' || b == '+') {
                plain = false;
                break;
            }
        }
        if (plain) {
            return new String(data, from, to - from, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = data[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw new FormException("Invalid request: the form data has a malformed percent-encoding.", null);
                }
                int h = hex(data[i + 1]);
                int l = hex(data[i + 2]);
                if (h < 0 || l < 0) {
                    throw new FormException("Invalid request: the form data has a malformed percent-encoding.", null);
                }
                out.write((h << 4) | l);
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** Marker for arrays while decoding: {@code []} appends, {@code [n]} sets index n. */
    private static final class ArrayBuilder {
        final TreeMap<Integer, Object> indexed = new TreeMap<>();
        final List<Object> appended = new ArrayList<>();
    }

    @SuppressWarnings("unchecked")
    private static void insert(Map<String, Object> root, String key, String value) {
        int open = key.indexOf('[');
        if (open < 0) {
            if (key.indexOf(']') >= 0) {
                throw invalidName(key);
            }
            Object old = root.get(key);
            if (old != null && !(old instanceof String)) {
                throw conflict(key);
            }
            root.put(key, value);
            return;
        }
        if (open == 0) {
            throw invalidName(key);
        }
        int end = key.length() - 1;
        if (key.charAt(end) == ']' && key.indexOf('[', open + 1) < 0 && key.indexOf(']', open + 1) == end
                && end > open + 1 && !isArraySegment(key.substring(open + 1, end))) {
            // fast path for the common one-level hash key such as card[number] or metadata[order_id]
            String name = key.substring(0, open);
            if (name.indexOf(']') >= 0) {
                throw invalidName(key);
            }
            Object child = root.get(name);
            if (child == null || "".equals(child)) {
                child = new LinkedHashMap<String, Object>(8);
                root.put(name, child);
            } else if (!(child instanceof Map<?, ?>)) {
                throw conflict(key);
            }
            Map<String, Object> m = (Map<String, Object>) child;
            String field = key.substring(open + 1, end);
            Object old = m.get(field);
            if (old != null && !(old instanceof String)) {
                throw conflict(key);
            }
            m.put(field, value);
            return;
        }
        List<String> segments = new ArrayList<>(4);
        segments.add(key.substring(0, open));
        int i = open;
        while (i < key.length()) {
            if (key.charAt(i) != '[') {
                throw invalidName(key);
            }
            int close = key.indexOf(']', i);
            if (close < 0) {
                throw invalidName(key);
            }
            String seg = key.substring(i + 1, close);
            if (seg.indexOf('[') >= 0) {
                throw invalidName(key);
            }
            segments.add(seg);
            i = close + 1;
        }
        if (segments.size() > MAX_DEPTH) {
            throw new FormException("Invalid request: the parameter " + key + " is nested too deeply.", key);
        }
        Object container = root;
        for (int s = 0; s < segments.size(); s++) {
            String seg = segments.get(s);
            boolean last = s == segments.size() - 1;
            String next = last ? null : segments.get(s + 1);
            Object child;
            if (container instanceof Map<?, ?> map) {
                if (seg.isEmpty()) {
                    throw invalidName(key);
                }
                Map<String, Object> m = (Map<String, Object>) map;
                if (last) {
                    Object old = m.get(seg);
                    if (old != null && !(old instanceof String)) {
                        throw conflict(key);
                    }
                    m.put(seg, value);
                    return;
                }
                child = m.get(seg);
                if (child == null || "".equals(child)) {
                    child = isArraySegment(next) ? new ArrayBuilder() : new LinkedHashMap<String, Object>();
                    m.put(seg, child);
                } else if (child instanceof String) {
                    throw conflict(key);
                }
            } else {
                ArrayBuilder arr = (ArrayBuilder) container;
                if (seg.isEmpty()) {
                    if (last) {
                        arr.appended.add(value);
                        return;
                    }
                    // "a[][b]" is ambiguous (which element?); Stripe wants indexes for arrays of hashes
                    throw invalidName(key);
                }
                int idx = index(seg, key);
                if (last) {
                    arr.indexed.put(idx, value);
                    return;
                }
                child = arr.indexed.get(idx);
                if (child == null) {
                    child = isArraySegment(next) ? new ArrayBuilder() : new LinkedHashMap<String, Object>();
                    arr.indexed.put(idx, child);
                } else if (child instanceof String) {
                    throw conflict(key);
                }
            }
            if (isArraySegment(next) != (child instanceof ArrayBuilder)) {
                throw conflict(key);
            }
            container = child;
        }
    }

    private static boolean isArraySegment(String seg) {
        if (seg == null) {
            return false;
        }
        if (seg.isEmpty()) {
            return true;
        }
        for (int i = 0; i < seg.length(); i++) {
            char c = seg.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return seg.length() <= 4;
    }

    private static int index(String seg, String key) {
        if (!isArraySegment(seg)) {
            throw conflict(key);
        }
        return Integer.parseInt(seg);
    }

    @SuppressWarnings("unchecked")
    private static void finish(Map<String, Object> map) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            Object v = e.getValue();
            if (v instanceof ArrayBuilder arr) {
                e.setValue(toList(arr));
            } else if (v instanceof Map<?, ?> m) {
                finish((Map<String, Object>) m);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> toList(ArrayBuilder arr) {
        List<Object> out = new ArrayList<>(arr.indexed.size() + arr.appended.size());
        for (Object v : arr.indexed.values()) {
            if (v instanceof ArrayBuilder inner) {
                out.add(toList(inner));
            } else {
                if (v instanceof Map<?, ?> m) {
                    finish((Map<String, Object>) m);
                }
                out.add(v);
            }
        }
        out.addAll(arr.appended);
        return out;
    }

    private static FormException invalidName(String key) {
        return new FormException("Invalid request: the parameter name " + key + " has unbalanced or misplaced brackets.",
                key);
    }

    private static FormException conflict(String key) {
        return new FormException("Invalid request: the parameter " + key
                + " mixes a plain value, a hash and an array under one name.", key);
    }

    /** FNV-1a over key '=' value, then a murmur finalizer; two seeds give the two halves of the fingerprint. */
    private static long mix(String key, String value, long seed) {
        long h = seed ^ 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ '=') * 0x100000001b3L;
        for (int i = 0; i < value.length(); i++) {
            h = (h ^ value.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb3fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
