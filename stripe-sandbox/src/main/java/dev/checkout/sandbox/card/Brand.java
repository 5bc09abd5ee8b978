package dev.checkout.sandbox.card;

/** Card networks with the two spellings Stripe uses: the Card object's title case and the lower-case code (spec 3.3, 4.5). */
public enum Brand {
    VISA("Visa", "visa", 3, new int[] {13, 16, 19}),
    MASTERCARD("MasterCard", "mastercard", 3, new int[] {16}),
    AMEX("American Express", "amex", 4, new int[] {15}),
    DISCOVER("Discover", "discover", 3, new int[] {16, 17, 18, 19}),
    JCB("JCB", "jcb", 3, new int[] {16, 17, 18, 19}),
    DINERS("Diners Club", "diners", 3, new int[] {14, 15, 16, 17, 18, 19}),
    UNIONPAY("UnionPay", "unionpay", 3, new int[] {16, 17, 18, 19}),
    UNKNOWN("Unknown", "unknown", 0, new int[] {12, 13, 14, 15, 16, 17, 18, 19});

    private final String title;
    private final String code;
    private final int cvcLength;
    private final int[] lengths;

    Brand(String title, String code, int cvcLength, int[] lengths) {
        this.title = title;
        this.code = code;
        this.cvcLength = cvcLength;
        this.lengths = lengths;
    }

    public String title() {
        return title;
    }

    public String code() {
        return code;
    }

    /** 0 means "3 or 4" (unknown network). */
    public int cvcLength() {
        return cvcLength;
    }

    public boolean allowsLength(int n) {
        for (int l : lengths) {
            if (l == n) {
                return true;
            }
        }
        return false;
    }

    /** Detects the network from the leading digits (standard IIN ranges, spec 3.3). */
    public static Brand of(String digits) {
        if (digits.isEmpty()) {
            return UNKNOWN;
        }
        int p1 = digits.charAt(0) - '0';
        int p2 = prefix(digits, 2);
        int p3 = prefix(digits, 3);
        int p4 = prefix(digits, 4);
        if (p1 == 4) {
            return VISA;
        }
        if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
            return MASTERCARD;
        }
        if (p2 == 34 || p2 == 37) {
            return AMEX;
        }
        if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65) {
            return DISCOVER;
        }
        if (p4 >= 3528 && p4 <= 3589) {
            return JCB;
        }
        if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) {
            return DINERS;
        }
        if (p2 == 62) {
            return UNIONPAY;
        }
        return UNKNOWN;
    }

    private static int prefix(String digits, int n) {
        if (digits.length() < n) {
            return -1;
        }
        return Integer.parseInt(digits, 0, n, 10);
    }
}
