package dev.checkout.domain.money;

import dev.checkout.domain.DomainException;

import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * An ISO 4217 currency, upper case, with the number of minor-unit digits payment providers use for it.
 * Stripe's zero-decimal list is wider than ISO's (e.g. it treats UGX as zero-decimal), so the lists are ours.
 */
public record CurrencyCode(String code) {
    private static final Set<String> ZERO_DECIMAL = Set.of(
            "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
    private static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

    public static final CurrencyCode USD = of("USD");
    public static final CurrencyCode EUR = of("EUR");
    public static final CurrencyCode JPY = of("JPY");

    public CurrencyCode {
        DomainException.require(code, "currency");
        String given = code.trim();
        // ASCII letters only, checked before upper-casing: Unicode case rules would turn "uſd" into USD
        if (!threeAsciiLetters(given)) {
            throw notIso(given);
        }
        code = given.toUpperCase(Locale.ROOT);
        if (!isIso(code)) {
            throw notIso(given);
        }
    }

    private static DomainException notIso(String given) {
        return new DomainException("currency",
                "currency '" + given + "' is not an ISO 4217 code; use a three-letter code such as usd, eur or jpy");
    }

    private static boolean threeAsciiLetters(String s) {
        if (s.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    public static CurrencyCode of(String code) {
        return new CurrencyCode(code);
    }

    private static boolean isIso(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Digits after the decimal point in the provider's minor unit: 0 for JPY, 3 for KWD, else 2. */
    public int minorUnitDigits() {
        if (ZERO_DECIMAL.contains(code)) {
            return 0;
        }
        return THREE_DECIMAL.contains(code) ? 3 : 2;
    }

    public boolean isZeroDecimal() {
        return minorUnitDigits() == 0;
    }

    /** The lower-case form payment APIs expect on the wire. */
    public String lowerCase() {
        return code.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return code;
    }
}
