package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentTokenTest {

    @ParameterizedTest(name = "{0} is shown as {1}")
    @CsvSource({
            "tok_1QxYzAbCdEfGh4242, tok_…4242",
            "tok_visa, tok_…",
            "abcdefghijklmnop, …mnop",
            "short, …",
    })
    void to_string_never_shows_the_token(String raw, String masked) {
        PaymentToken token = PaymentToken.of(raw);

        assertThat(token.masked()).isEqualTo(masked);
        assertThat(token.toString()).isEqualTo("PaymentToken[" + masked + "]");
        if (raw.length() > 8) {
            assertThat(token.toString()).doesNotContain(raw);
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "tok with space", "tok_\u00e9", "tok\n_forged_log_line"})
    void blank_or_unprintable_tokens_are_refused_naming_the_field(String raw) {
        assertThatThrownBy(() -> PaymentToken.of(raw))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("token"));
    }

    @Test
    void overlong_tokens_are_refused() {
        assertThatThrownBy(() -> PaymentToken.of("t".repeat(PaymentToken.MAX_LENGTH + 1))).isInstanceOf(DomainException.class);
        assertThat(PaymentToken.of("t".repeat(PaymentToken.MAX_LENGTH)).reveal()).hasSize(PaymentToken.MAX_LENGTH);
    }

    @Test
    void tokens_compare_by_value_and_reveal_only_on_request() {
        assertThat(PaymentToken.of("tok_abc123456")).isEqualTo(PaymentToken.of("tok_abc123456"));
        assertThat(PaymentToken.of("tok_abc123456").reveal()).isEqualTo("tok_abc123456");
    }
}
