package dev.checkout.domain.money;

import dev.checkout.domain.DomainException;

import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * An ISO 4217 currency, upper case, with the number of minor-unit digits payment providers use for it.
 * Stripe's zero-decimal list is wider than ISO's (e.g. it treats UGX as zero-decimal), so the lists are ours.
 *
 * @param code the three-letter code, upper case once constructed ({@code "usd"} and {@code " USD "} both make
 *             {@code USD})
 */
public record CurrencyCode(String code) {
    private static final Set<String> ZERO_DECIMAL = Set.of(
            "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
    private static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

    /** US dollar, two decimals. */
    public static final CurrencyCode USD = of("USD");
    /** Euro, two decimals. */
    public static final CurrencyCode EUR = of("EUR");
    /** Japanese yen, zero decimals: 2500 minor units are 2500 yen. */
    public static final CurrencyCode JPY = of("JPY");

    /**
     * Trims the code, checks it and upper-cases it.
     *
     * @throws DomainException (field {@code currency}) if the code is null, not three ASCII letters, or not a
     *         currency the JDK knows as ISO 4217
     */
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

    /**
     * The currency with this code, in any case.
     *
     * @param code a three-letter ISO 4217 code, e.g. {@code "usd"}; surrounding whitespace is ignored
     * @return the currency, its code upper case
     * @throws DomainException (field {@code currency}) if the code is not an ISO 4217 code
     */
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

    /**
     * Digits after the decimal point in the provider's minor unit.
     *
     * @return 0 for zero-decimal currencies (JPY, KRW, UGX, ...), 3 for BHD, JOD, KWD, OMR and TND, otherwise 2
     */
    public int minorUnitDigits() {
        if (ZERO_DECIMAL.contains(code)) {
            return 0;
        }
        return THREE_DECIMAL.contains(code) ? 3 : 2;
    }

    /**
     * Whether amounts are whole units, so that a minor unit is the currency's unit itself.
     *
     * @return true if {@link #minorUnitDigits()} is 0
     */
    public boolean isZeroDecimal() {
        return minorUnitDigits() == 0;
    }

    /**
     * The lower-case form payment APIs expect on the wire.
     *
     * @return e.g. {@code "usd"}
     */
    public String lowerCase() {
        return code.toLowerCase(Locale.ROOT);
    }

    /** The upper-case code, e.g. {@code USD}. */
    @Override
    public String toString() {
        return code;
    }
}
