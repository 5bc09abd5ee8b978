package dev.checkout.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChargeCountsTest {
    @Test
    void a_line_with_other_outcomes_reads_back_as_written() {
        var counts = new ChargeCounts(1200, Map.of("PaymentOutcomeUnknownException", 2L, "Declined", 3L));

        assertThat(counts.line()).isEqualTo("charges 1200 Declined=3 PaymentOutcomeUnknownException=2");
        assertThat(ChargeCounts.parse(counts.line())).isEqualTo(counts);
        assertThat(counts.total()).isEqualTo(1205);
    }

    @Test
    void only_approved_charges() {
        ChargeCounts counts = ChargeCounts.parse("charges 42");

        assertThat(counts.approved()).isEqualTo(42);
        assertThat(counts.others()).isEmpty();
        assertThat(counts.total()).isEqualTo(42);
    }

    @Test
    void a_log_line_or_a_broken_pair_is_not_taken_for_counts() {
        assertThatThrownBy(() -> ChargeCounts.parse("04:50:01.123 INFO  stripe client ready"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChargeCounts.parse("charges 7 Declined"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChargeCounts.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
