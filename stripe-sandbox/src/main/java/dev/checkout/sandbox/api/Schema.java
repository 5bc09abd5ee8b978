package dev.checkout.sandbox.api;

import java.util.List;
import java.util.Map;

/**
 * The parameters an endpoint accepts. Anything else is answered with {@code parameter_unknown} naming the full
 * bracketed parameter, e.g. {@code card[foo]} (spec 4.1).
 */
public sealed interface Schema {
    /** A plain string value. */
    record Scalar() implements Schema {
    }

    /** A hash with known keys. */
    record Hash(Map<String, Schema> fields) implements Schema {
    }

    /** A hash with free-form string keys and string values (metadata). */
    record FreeHash() implements Schema {
    }

    /** An array of plain strings (expand). */
    record StringList() implements Schema {
    }

    /** Accepted and ignored (Stripe.js bookkeeping fields). */
    record Ignored() implements Schema {
    }

    /** An integer or a range hash with gt/gte/lt/lte (the {@code created} filter of lists). */
    record Range() implements Schema {
    }

    Scalar SCALAR = new Scalar();
    FreeHash FREE_HASH = new FreeHash();
    StringList LIST = new StringList();
    Ignored IGNORED = new Ignored();
    Range RANGE = new Range();

    static Hash hash(Object... nameThenSchema) {
        var m = new java.util.LinkedHashMap<String, Schema>();
        for (int i = 0; i < nameThenSchema.length; i += 2) {
            m.put((String) nameThenSchema[i], (Schema) nameThenSchema[i + 1]);
        }
        return new Hash(Map.copyOf(m));
    }

    /** Checks {@code params} against this top-level hash schema; throws {@link ApiError} on the first stranger. */
    static void check(Hash schema, Map<String, Object> params) {
        checkHash(schema, params, null);
    }

    private static void checkHash(Hash schema, Map<String, Object> params, String prefix) {
        for (Map.Entry<String, Object> e : params.entrySet()) {
            String name = prefix == null ? e.getKey() : prefix + "[" + e.getKey() + "]";
            Schema s = schema.fields().get(e.getKey());
            if (s == null) {
                throw ApiError.unknownParam(name);
            }
            checkValue(s, e.getValue(), name);
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkValue(Schema s, Object v, String name) {
        switch (s) {
            case Scalar sc -> {
                if (!(v instanceof String)) {
                    throw ApiError.invalid("parameter_invalid_string", name,
                            "Invalid value for " + name + ": expected a string, got a hash or an array.");
                }
            }
            case Hash h -> {
                if (v instanceof Map<?, ?> m) {
                    checkHash(h, (Map<String, Object>) m, name);
                } else if (!"".equals(v)) {
                    throw ApiError.invalid("parameter_invalid_hash", name,
                            "Invalid hash: " + name + " must be a hash (e.g. " + name + "[key]=value).");
                }
            }
            case FreeHash fh -> {
                if (v instanceof Map<?, ?> m) {
                    for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                        if (!(e.getValue() instanceof String)) {
                            throw ApiError.invalid("parameter_invalid_string", name + "[" + e.getKey() + "]",
                                    "Invalid value for " + name + "[" + e.getKey() + "]: values must be strings.");
                        }
                    }
                } else if (!"".equals(v)) {
                    throw ApiError.invalid("parameter_invalid_hash", name,
                            "Invalid hash: " + name + " must be a hash (e.g. " + name + "[key]=value).");
                }
            }
            case StringList sl -> {
                if (v instanceof List<?> list) {
                    for (Object o : list) {
                        if (!(o instanceof String)) {
                            throw ApiError.invalid("parameter_invalid_array", name,
                                    "Invalid array: " + name + " must be a list of strings.");
                        }
                    }
                } else if (!"".equals(v)) {
                    throw ApiError.invalid("parameter_invalid_array", name,
                            "Invalid array: " + name + " must be sent as " + name + "[0]=... or " + name + "[]=...");
                }
            }
            case Ignored ig -> {
            }
            case Range r -> {
                if (v instanceof Map<?, ?> m) {
                    for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                        String k = e.getKey();
                        if (!k.equals("gt") && !k.equals("gte") && !k.equals("lt") && !k.equals("lte")) {
                            throw ApiError.unknownParam(name + "[" + k + "]");
                        }
                        if (!(e.getValue() instanceof String)) {
                            throw ApiError.invalid("parameter_invalid_integer", name + "[" + k + "]",
                                    "Invalid integer: " + name + "[" + k + "] must be a Unix timestamp.");
                        }
                    }
                } else if (!(v instanceof String)) {
                    throw ApiError.invalid("parameter_invalid_integer", name,
                            "Invalid integer: " + name + " must be a Unix timestamp or a range hash.");
                }
            }
        }
    }
}
