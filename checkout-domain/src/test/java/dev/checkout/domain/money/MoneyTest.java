package dev.checkout.domain.money;

import dev.checkout.domain.DomainException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @ParameterizedTest(name = "{0} {1} is {2} in major units")
    @CsvSource({
            "2500, usd, 25.00",
            "1, usd, 0.01",
            "2500, jpy, 2500",
            "2500, KRW, 2500",
            "1234, kwd, 1.234",
            "0, eur, 0.00",
    })
    void minor_units_respect_the_currency_exponent(long minor, String currency, String major) {
        assertThat(Money.of(minor, currency).toMajorUnits()).isEqualTo(new BigDecimal(major));
    }

    @ParameterizedTest(name = "{0} has {1} decimals")
    @CsvSource({"USD, 2", "EUR, 2", "JPY, 0", "KRW, 0", "VND, 0", "UGX, 0", "BHD, 3", "KWD, 3"})
    void currencies_know_their_minor_unit(String code, int digits) {
        assertThat(CurrencyCode.of(code).minorUnitDigits()).isEqualTo(digits);
    }

    @Test
    void currency_codes_are_normalised_to_upper_case_and_lower_cased_for_the_wire() {
        assertThat(CurrencyCode.of(" usd ").code()).isEqualTo("USD");
        assertThat(CurrencyCode.of("USD").lowerCase()).isEqualTo("usd");
    }

    @ParameterizedTest
    @CsvSource({"XYZ", "US", "usdd", "12$", "''", "uſd", "ınr", "ＵＳＤ"})
    void an_unknown_currency_is_refused_and_named(String code) {
        assertThatThrownBy(() -> CurrencyCode.of(code))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("currency"));
    }

    @Test
    void amounts_add_and_multiply_exactly() {
        assertThat(Money.of(12_50, "usd").plus(Money.of(7_50, "usd"))).isEqualTo(Money.of(20_00, "usd"));
        assertThat(Money.of(12_50, "usd").times(3)).isEqualTo(Money.of(37_50, "usd"));
        assertThat(Money.of(20_00, "usd").minus(Money.of(7_50, "usd"))).isEqualTo(Money.of(12_50, "usd"));
    }

    @Test
    void mixing_currencies_is_refused() {
        assertThatThrownBy(() -> Money.of(1_00, "usd").plus(Money.of(1_00, "eur")))
                .isInstanceOf(DomainException.class).hasMessageContaining("USD").hasMessageContaining("EUR");
        assertThatThrownBy(() -> Money.of(1_00, "usd").compareTo(Money.of(1_00, "jpy")))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void negative_amounts_and_overflow_are_refused() {
        assertThatThrownBy(() -> Money.of(-1, "usd")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "usd").plus(Money.of(1, "usd")))
                .isInstanceOf(DomainException.class).hasMessageContaining("too large");
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE / 2, "usd").times(3)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> Money.of(1_00, "usd").minus(Money.of(2_00, "usd"))).isInstanceOf(DomainException.class);
    }

    @Test
    void equal_amounts_of_one_currency_are_equal_values() {
        assertThat(Money.of(5_00, "usd")).isEqualTo(Money.of(500, "USD")).isNotEqualTo(Money.of(500, "eur"));
        assertThat(Money.of(5_00, "usd").toString()).isEqualTo("5.00 USD");
    }
}
