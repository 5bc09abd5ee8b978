package dev.checkout.sandbox.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Typed reads of decoded form parameters; an empty string means "unset" (spec 1.3). */
public final class Params {
    private final Map<String, Object> map;
    private final String prefix;

    public Params(Map<String, Object> map) {
        this(map, null);
    }

    private Params(Map<String, Object> map, String prefix) {
        this.map = map;
        this.prefix = prefix;
    }

    public Map<String, Object> raw() {
        return map;
    }

    public String fullName(String name) {
        return prefix == null ? name : prefix + "[" + name + "]";
    }

    public boolean has(String name) {
        Object v = map.get(name);
        return v != null && !"".equals(v);
    }

    /** Present at all, even as the empty "unset" value. */
    public boolean present(String name) {
        return map.containsKey(name);
    }

    public String string(String name) {
        Object v = map.get(name);
        if (v == null || "".equals(v)) {
            return null;
        }
        return (String) v;
    }

    public String required(String name) {
        String s = string(name);
        if (s == null) {
            throw ApiError.missing(fullName(name));
        }
        return s;
    }

    /** A positive integer (amounts): {@code parameter_invalid_integer} otherwise. */
    public Long positiveLong(String name) {
        String s = string(name);
        if (s == null) {
            return null;
        }
        long v = parseLong(s, name);
        if (v <= 0) {
            throw ApiError.invalid("parameter_invalid_integer", fullName(name), "Invalid positive integer");
        }
        return v;
    }

    public Long longValue(String name) {
        String s = string(name);
        return s == null ? null : parseLong(s, name);
    }

    private long parseLong(String s, String name) {
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() == start || s.length() > 18 + start) {
            throw ApiError.invalid("parameter_invalid_integer", fullName(name), "Invalid integer: " + s);
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw ApiError.invalid("parameter_invalid_integer", fullName(name), "Invalid integer: " + s);
            }
        }
        return Long.parseLong(s);
    }

    public Boolean bool(String name) {
        String s = string(name);
        if (s == null) {
            return null;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiError.invalid("parameter_invalid_boolean", fullName(name),
                    "Invalid boolean: " + s + " (use true or false)");
        };
    }

    /** A nested hash; null when absent or set to the empty "unset" value. */
    @SuppressWarnings("unchecked")
    public Params hash(String name) {
        Object v = map.get(name);
        if (v instanceof Map<?, ?> m) {
            return new Params((Map<String, Object>) m, fullName(name));
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> rawHash(String name) {
        Object v = map.get(name);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    public List<String> strings(String name) {
        Object v = map.get(name);
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (o instanceof String s && !s.isEmpty()) {
                    out.add(s);
                }
            }
            return out;
        }
        return List.of();
    }
}
