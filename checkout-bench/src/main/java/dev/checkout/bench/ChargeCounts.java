package dev.checkout.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the {@code provider-floor} child JVM has charged since it started, as one line on its stdout:
 * {@code charges <approved> [<outcome>=<n> ...]}, where an outcome is anything but {@code Approved} (a
 * {@code Declined}, an exception's simple class name, ...).
 */
record ChargeCounts(long approved, Map<String, Long> others) {
    private static final String PREFIX = "charges ";

    ChargeCounts {
        others = Map.copyOf(others);
    }

    /** Every charge that came back, whatever its outcome. */
    long total() {
        return approved + others.values().stream().mapToLong(Long::longValue).sum();
    }

    String line() {
        StringBuilder out = new StringBuilder(PREFIX).append(approved);
        new TreeMap<>(others).forEach((what, n) -> out.append(' ').append(what).append('=').append(n));
        return out.toString();
    }

    static ChargeCounts parse(String line) {
        if (line == null || !line.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a count of charges: " + line);
        }
        String[] f = line.substring(PREFIX.length()).trim().split(" ");
        Map<String, Long> others = new TreeMap<>();
        for (int i = 1; i < f.length; i++) {
            int eq = f[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not an outcome=count pair: " + f[i] + " in " + line);
            }
            others.put(f[i].substring(0, eq), Long.parseLong(f[i].substring(eq + 1)));
        }
        return new ChargeCounts(Long.parseLong(f[0]), others);
    }
}
