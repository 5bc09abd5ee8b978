package dev.checkout.sandbox.api;

import java.util.concurrent.ThreadLocalRandom;

/** Stripe-shaped ids: a prefix and random alphanumerics (spec 1.8); cheap enough for the hot path. */
public final class Ids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
            .toCharArray();

    private Ids() {
    }

    /** {@code prefix} followed by {@code n} random base-62 characters. */
    public static String next(String prefix, int n) {
        char[] out = new char[prefix.length() + n];
        prefix.getChars(0, prefix.length(), out, 0);
        fillRandom(out, prefix.length());
        return new String(out);
    }

    /** Fills {@code out[from..]} with random base-62 characters: 10 from one 64-bit draw (6 bits each, 62/64 kept). */
    public static void fillRandom(char[] out, int from) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int i = from;
        while (i < out.length) {
            long bits = r.nextLong();
            for (int k = 0; k < 10 && i < out.length; k++) {
                int v = (int) (bits & 63);
                bits >>>= 6;
                if (v < 62) {
                    out[i++] = ALPHABET[v];
                }
            }
        }
    }

    public static String object(String prefix) {
        return next(prefix, 24);
    }

    public static String request() {
        return next("req_", 14);
    }

    /** {@code prefix} followed by {@code n} base-62 characters from a cryptographically strong source (secrets). */
    public static String secret(String prefix, int n) {
        var random = new java.security.SecureRandom();
        StringBuilder b = new StringBuilder(prefix.length() + n).append(prefix);
        while (b.length() < prefix.length() + n) {
            int v = random.nextInt(64);
            if (v < 62) {
                b.append(ALPHABET[v]);
            }
        }
        return b.toString();
    }
}
