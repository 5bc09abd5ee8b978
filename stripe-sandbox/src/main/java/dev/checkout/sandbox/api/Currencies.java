package dev.checkout.sandbox.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Amount rules per currency (spec 9): supported codes, minor-unit exponent, minimum charge, the 8-digit maximum. */
public final class Currencies {
    public static final long MAX_AMOUNT = 99_999_999L;

    private static final Set<String> ZERO_DECIMAL = Set.of("bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga",
            "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf");
    private static final Set<String> THREE_DECIMAL = Set.of("bhd", "jod", "kwd", "omr", "tnd");
    private static final Map<String, Long> MINIMUM = Map.ofEntries(
            Map.entry("usd", 50L), Map.entry("aed", 200L), Map.entry("aud", 50L), Map.entry("bgn", 100L),
            Map.entry("brl", 50L), Map.entry("cad", 50L), Map.entry("chf", 50L), Map.entry("czk", 1500L),
            Map.entry("dkk", 250L), Map.entry("eur", 50L), Map.entry("gbp", 30L), Map.entry("hkd", 400L),
            Map.entry("huf", 17500L), Map.entry("inr", 50L), Map.entry("jpy", 50L), Map.entry("mxn", 1000L),
            Map.entry("myr", 200L), Map.entry("nok", 300L), Map.entry("nzd", 50L), Map.entry("pln", 200L),
            Map.entry("ron", 200L), Map.entry("sek", 300L), Map.entry("sgd", 50L), Map.entry("thb", 1000L));
    private static final Set<String> SUPPORTED = Set.of("usd", "aed", "afn", "all", "amd", "ang", "aoa", "ars",
            "aud", "awg", "azn", "bam", "bbd", "bdt", "bgn", "bhd", "bif", "bmd", "bnd", "bob", "brl", "bsd", "bwp",
            "byn", "bzd", "cad", "cdf", "chf", "clp", "cny", "cop", "crc", "cve", "czk", "djf", "dkk", "dop", "dzd",
            "egp", "etb", "eur", "fjd", "fkp", "gbp", "gel", "gip", "gmd", "gnf", "gtq", "gyd", "hkd", "hnl", "htg",
            "huf", "idr", "ils", "inr", "isk", "jmd", "jod", "jpy", "kes", "kgs", "khr", "kmf", "krw", "kwd", "kyd",
            "kzt", "lak", "lbp", "lkr", "lrd", "lsl", "mad", "mdl", "mga", "mkd", "mmk", "mnt", "mop", "mur", "mvr",
            "mwk", "mxn", "myr", "mzn", "nad", "ngn", "nio", "nok", "npr", "nzd", "omr", "pab", "pen", "pgk", "php",
            "pkr", "pln", "pyg", "qar", "ron", "rsd", "rub", "rwf", "sar", "sbd", "scr", "sek", "sgd", "shp", "sle",
            "sos", "srd", "std", "szl", "thb", "tjs", "tnd", "top", "try", "ttd", "twd", "tzs", "uah", "ugx", "uyu",
            "uzs", "vnd", "vuv", "wst", "xaf", "xcd", "xof", "xpf", "yer", "zar", "zmw");

    private static final List<String> SORTED = List.copyOf(new TreeSet<>(SUPPORTED));
    private static final Map<String, String> CANONICAL = canonical();

    private static Map<String, String> canonical() {
        var m = new java.util.HashMap<String, String>();
        for (String c : SUPPORTED) {
            m.put(c, c);
        }
        return Map.copyOf(m);
    }

    private Currencies() {
    }

    /** Every supported code, lower case, in alphabetical order. */
    public static List<String> supported() {
        return SORTED;
    }

    /** Lower-cases and checks the code; 400 on param {@code currency} for an unknown one. */
    public static String normalize(String raw) {
        // the canonical instance: stored charges share one "usd" instead of one string each
        String c = CANONICAL.get(raw.toLowerCase(Locale.ROOT));
        if (c == null) {
            throw ApiError.invalid(null, "currency", "Invalid currency: " + raw
                    + ". Stripe currently supports these currencies: " + String.join(", ", SORTED));
        }
        return c;
    }

    public static int exponent(String currency) {
        if (ZERO_DECIMAL.contains(currency)) {
            return 0;
        }
        return THREE_DECIMAL.contains(currency) ? 3 : 2;
    }

    /** Minimum in minor units; currencies outside the table get the equivalent of 0.50 major units (no FX here). */
    public static long minimum(String currency) {
        Long m = MINIMUM.get(currency);
        if (m != null) {
            return m;
        }
        return switch (exponent(currency)) {
            case 0 -> 50L;
            case 3 -> 500L;
            default -> 50L;
        };
    }

    /**
     * Checks a charge (or capture) amount for {@code currency}: the 8-digit maximum, the minimum, and the
     * granularity of three-decimal currencies (last digit 0) and ISK (whole krónur, last two digits 00).
     */
    public static void checkChargeAmount(long amount, String currency) {
        if (amount > MAX_AMOUNT) {
            throw ApiError.invalid("amount_too_large", "amount",
                    "Amount must be no more than " + format(MAX_AMOUNT, currency));
        }
        long min = minimum(currency);
        if (amount < min) {
            throw ApiError.invalid("amount_too_small", "amount",
                    "Amount must be at least " + format(min, currency) + " " + currency);
        }
        if (exponent(currency) == 3 && amount % 10 != 0) {
            throw ApiError.invalid("invalid_charge_amount", "amount", "Invalid amount for " + currency
                    + ": three-decimal currencies need the last digit to be 0 (round to the nearest ten).");
        }
        if (currency.equals("isk") && amount % 100 != 0) {
            throw ApiError.invalid("invalid_charge_amount", "amount",
                    "Invalid amount for isk: amounts are in hundredths and must end in 00 (whole krónur).");
        }
    }

    /** Formats minor units for messages: {@code $999,999.99} for usd, {@code 4.00} style elsewhere. */
    public static String format(long minor, String currency) {
        int exp = exponent(currency);
        long major = minor;
        long frac = 0;
        long pow = 1;
        for (int i = 0; i < exp; i++) {
            pow *= 10;
        }
        if (exp > 0) {
            major = minor / pow;
            frac = minor % pow;
        }
        String majorText = String.format(Locale.ROOT, "%,d", major);
        String text = exp == 0 ? majorText : majorText + "." + String.format(Locale.ROOT, "%0" + exp + "d", frac);
        return switch (currency) {
            case "usd" -> "$" + text;
            case "eur" -> "€" + text;
            case "gbp" -> "£" + text;
            case "jpy" -> "¥" + text;
            default -> text;
        };
    }
}
