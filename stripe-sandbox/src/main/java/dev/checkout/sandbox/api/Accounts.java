package dev.checkout.sandbox.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The configured accounts, each a publishable/secret key pair, and key lookup for authentication (spec 1.4, 2). */
public final class Accounts {
    /** One account; its id is derived from the publishable key so it is stable across restarts. */
    public record Account(String id, String publishableKey, String secretKey, boolean livemode) {
    }

    /** A key that authenticated a request. */
    public record Principal(Account account, boolean secret) {
    }

    private final List<Account> accounts;
    private final Map<String, Principal> byKey = new HashMap<>();

    public Accounts(List<String[]> pairs) {
        List<Account> list = new ArrayList<>();
        for (String[] p : pairs) {
            String pk = p[0].trim();
            String sk = p[1].trim();
            if (!pk.startsWith("pk_") || !(sk.startsWith("sk_") || sk.startsWith("rk_"))) {
                throw new IllegalArgumentException("sandbox.keys: each pair must be pk_...:sk_... (got a pair starting "
                        + prefixOf(pk) + " / " + prefixOf(sk) + ")");
            }
            boolean live = pk.contains("_live_");
            if (live != sk.contains("_live_")) {
                throw new IllegalArgumentException("sandbox.keys: a pair mixes test and live mode keys");
            }
            Account a = new Account("acct_" + digest(pk), pk, sk, live);
            if (byKey.containsKey(pk) || byKey.containsKey(sk)) {
                throw new IllegalArgumentException("sandbox.keys: a key appears twice");
            }
            byKey.put(pk, new Principal(a, false));
            byKey.put(sk, new Principal(a, true));
            list.add(a);
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("sandbox.keys: at least one pk_...:sk_... pair is needed");
        }
        this.accounts = List.copyOf(list);
    }

    /** Parses {@code pk_a:sk_a,pk_b:sk_b}. */
    public static Accounts parse(String spec) {
        List<String[]> pairs = new ArrayList<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split(":", -1);
            if (kv.length != 2) {
                throw new IllegalArgumentException("sandbox.keys: expected pk_...:sk_... pairs separated by commas");
            }
            pairs.add(kv);
        }
        return new Accounts(pairs);
    }

    public List<Account> all() {
        return accounts;
    }

    public Principal lookup(String key) {
        return byKey.get(key);
    }

    /** Masks a key for messages: the type prefix, stars, the last 4 characters (spec 1.4). */
    public static String mask(String key) {
        String prefix = prefixOf(key);
        int keep = Math.min(4, Math.max(0, key.length() - prefix.length()));
        int stars = key.length() - prefix.length() - keep;
        return prefix + "*".repeat(Math.max(0, stars)) + key.substring(key.length() - keep);
    }

    static String prefixOf(String key) {
        for (String p : new String[] {"sk_test_", "sk_live_", "pk_test_", "pk_live_", "rk_test_", "rk_live_"}) {
            if (key.startsWith(p)) {
                return p;
            }
        }
        return "";
    }

    private static String digest(String s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
            StringBuilder b = new StringBuilder(16);
            for (int i = 0; i < 16; i++) {
                b.append(alphabet.charAt((h[i] & 0xff) % alphabet.length()));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
