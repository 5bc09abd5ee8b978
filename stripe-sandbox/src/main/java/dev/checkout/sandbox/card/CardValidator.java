package dev.checkout.sandbox.card;

import dev.checkout.sandbox.api.ApiError;

import java.time.YearMonth;

/** Tokenization-time checks with Stripe's exact codes and params (spec 3.4); every failure is a 402 card_error. */
public final class CardValidator {
    /** The checked number reduced to digits, with its brand; lives only for the request. */
    public record CheckedNumber(String digits, Brand brand) {
    }

    private CardValidator() {
    }

    public static CheckedNumber number(String raw) {
        if (raw == null) {
            throw ApiError.card("invalid_number", "number", "The card object must have a value for 'number'.");
        }
        // spaces and dashes are how people type card numbers; anything else is not a card number
        StringBuilder digits = new StringBuilder(19);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != ' ' && c != '-') {
                throw notANumber();
            }
        }
        String d = digits.toString();
        Brand brand = Brand.of(d);
        if (!brand.allowsLength(d.length())) {
            throw notANumber();
        }
        if (!luhn(d)) {
            throw ApiError.card("incorrect_number", "number", "Your card number is incorrect.");
        }
        return new CheckedNumber(d, brand);
    }

    private static ApiError notANumber() {
        return ApiError.card("invalid_number", "number", "Your card number is not a valid credit card number.");
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** Month 1-12 and a 2- or 4-digit year, not before {@code today}'s month; returns {month, 4-digit year}. */
    public static int[] expiry(String monthRaw, String yearRaw, YearMonth today) {
        if (monthRaw == null) {
            throw ApiError.card("invalid_expiry_month", "exp_month",
                    "The card object must have a value for 'exp_month'.");
        }
        if (yearRaw == null) {
            throw ApiError.card("invalid_expiry_year", "exp_year", "The card object must have a value for 'exp_year'.");
        }
        int month = smallInt(monthRaw.trim());
        if (month < 1 || month > 12) {
            throw badMonth();
        }
        String y = yearRaw.trim();
        int year = smallInt(y);
        if (year < 0 || (y.length() != 2 && y.length() != 4)) {
            throw badYear();
        }
        if (y.length() == 2) {
            year += 2000;
        }
        if (year < today.getYear() || year > today.getYear() + 50) {
            throw badYear();
        }
        if (year == today.getYear() && month < today.getMonthValue()) {
            throw ApiError.card("invalid_expiry_month", "exp_month", "Your card's expiration month is invalid.");
        }
        return new int[] {month, year};
    }

    private static ApiError badMonth() {
        return ApiError.card("invalid_expiry_month", "exp_month", "Your card's expiration month is invalid.");
    }

    private static ApiError badYear() {
        return ApiError.card("invalid_expiry_year", "exp_year", "Your card's expiration year is invalid.");
    }

    private static int smallInt(String s) {
        if (s.isEmpty() || s.length() > 4) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** CVC is optional; when given it must be all digits, 4 for Amex and 3 for the others (3 or 4 if unknown). */
    public static void cvc(String cvc, Brand brand) {
        if (cvc == null) {
            return;
        }
        for (int i = 0; i < cvc.length(); i++) {
            char c = cvc.charAt(i);
            if (c < '0' || c > '9') {
                throw badCvc();
            }
        }
        int need = brand.cvcLength();
        boolean ok = need == 0 ? (cvc.length() == 3 || cvc.length() == 4) : cvc.length() == need;
        if (!ok) {
            throw badCvc();
        }
    }

    private static ApiError badCvc() {
        return ApiError.card("invalid_cvc", "cvc", "Your card's security code is invalid.");
    }
}
