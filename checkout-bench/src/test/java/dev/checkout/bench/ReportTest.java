package dev.checkout.bench;

import dev.checkout.bench.Invariants.Check;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportTest {
    @Test
    void percentiles_come_from_the_histogram_in_milliseconds() {
        Histogram h = new Histogram(1, 60_000_000L, 3);
        for (int i = 1; i <= 100; i++) {
            h.recordValue(i * 1000L); // 1 ms .. 100 ms
        }

        Meter.KindStats s = Meter.KindStats.of(h, Map.of("201", 90L, "409", 10L), 10.0);

        assertThat(s.count()).isEqualTo(100);
        assertThat(s.perSecond()).isEqualTo(10.0);
        // 3 significant digits: a recorded value comes back as the top of its bucket, at most 0.1% above
        assertThat(s.p50()).isCloseTo(50.0, within(0.05));
        assertThat(s.p90()).isCloseTo(90.0, within(0.09));
        assertThat(s.p99()).isCloseTo(99.0, within(0.1));
        assertThat(s.max()).isCloseTo(100.0, within(0.1));
        assertThat(s.perSecond("201")).isEqualTo(9.0);
        assertThat(s.perSecond("503")).isZero();
    }

    @Test
    void the_meter_counts_only_requests_that_complete_inside_the_window() {
        Meter m = new Meter();
        m.window(1_000_000_000L, 2_000_000_000L);

        m.record("purchase", 900_000_000L, 999_999_999L, "201");    // warm-up: outside
        m.record("purchase", 990_000_000L, 1_010_000_000L, "201");  // started before, completed inside: counted
        m.record("purchase", 1_500_000_000L, 1_502_000_000L, "409");
        m.record("purchase", 1_990_000_000L, 2_000_000_000L, "201"); // completes at the end: outside

        Meter.KindStats s = m.stats("purchase").get("purchase");
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.statuses()).containsExactly(Map.entry("201", 1L), Map.entry("409", 1L));
        assertThat(s.perSecond()).isEqualTo(2.0);
        assertThat(m.allTimeStatuses()).containsEntry("purchase 201", 3L).containsEntry("purchase 409", 1L);
    }

    @Test
    void a_new_window_counts_only_its_own_requests() {
        Meter m = new Meter();
        m.window(0, 1_000_000_000L); // e.g. one chunk of the JIT settle
        m.record("purchase", 100L, 500_000_000L, "201");
        m.record("purchase", 100L, 600_000_000L, "201");
        m.window(2_000_000_000L, 3_000_000_000L); // the measured window after it
        m.record("purchase", 2_000_000_000L, 2_500_000_000L, "201");

        Meter.KindStats s = m.stats("purchase").get("purchase");
        assertThat(s.count()).isEqualTo(1);
        assertThat(s.perSecond()).isEqualTo(1.0);
        assertThat(m.allTimeStatuses()).containsEntry("purchase 201", 3L);
    }

    @Test
    void a_window_ended_afterwards_keeps_its_requests_and_takes_its_length() {
        Meter m = new Meter();
        m.window(1_000_000_000L, Long.MAX_VALUE); // a rush: its end is known only once it is over
        m.record("purchase", 1_000_000_000L, 1_200_000_000L, "201");
        m.record("purchase", 1_100_000_000L, 1_400_000_000L, "409");
        m.endWindow(1_500_000_000L);

        Meter.KindStats s = m.stats("purchase").get("purchase");
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.perSecond()).isEqualTo(4.0);
        assertThat(s.statuses()).containsEntry("201", 1L).containsEntry("409", 1L);
    }

    @Test
    void the_verdict_over_rounds_is_their_median() {
        assertThat(Report.median(java.util.List.of(0.30, -0.02, 0.05))).isEqualTo(0.05);
        assertThat(Report.median(java.util.List.of(0.20, 0.10))).isCloseTo(0.15, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Report.median(java.util.List.of(0.07))).isEqualTo(0.07);
        assertThat(Report.median(java.util.List.of())).isNaN();
    }

    @Test
    void numbers_are_formatted_for_reading() {
        assertThat(Report.rate(20_123.6)).isEqualTo("20,124");
        assertThat(Report.ms(3.14159)).isEqualTo("3.14");
        assertThat(Report.ms(42.26)).isEqualTo("42.3");
        assertThat(Report.ms(1234.5)).isEqualTo("1235");
        assertThat(Report.ms(Double.NaN)).isEqualTo("-");
        assertThat(Report.percent(0.845)).isEqualTo("85%");
    }

    @Test
    void the_markdown_shows_goals_phases_machine_and_invariants() {
        Result r = new Result("purchase-h2");
        r.machine.put("cores", 2);
        r.machine.put("loadBefore", "0.40, 0.50, 0.60");
        r.machine.put("loadAfter", "1.90, 0.80, 0.70");
        r.machine.put("when", "2026-01-01 10:00 UTC");
        r.machine.put("java", "21");
        r.machine.put("commit", "abc1234");
        r.goal("complete purchases/s (201), 64 buyers", ">= 2,500", "2,713", true);
        r.goal("p99 of POST /purchase", "<= 50 ms", "61.0 ms", false);
        Histogram h = new Histogram(1, 60_000_000L, 3);
        h.recordValue(2_000);
        r.phases.add(new Result.Phase("purchases", 64, 10, 20, Map.of("purchase",
                Meter.KindStats.of(h, Map.of("201", 1L), 20))));
        r.invariants.add(new Check("every order is in a final state, none pending", true, "1 orders read back"));
        r.invariants.add(new Check("paid orders = approved charges in the sandbox", false, "1 PAID, 0 approved"));

        String md = Report.markdown(r);

        assertThat(md).contains("Machine: 2 cores; load average (1, 5, 15 min) before 0.40, 0.50, 0.60, after 1.90, 0.80, 0.70");
        assertThat(md).contains("| complete purchases/s (201), 64 buyers | >= 2,500 | 2,713 | yes |");
        assertThat(md).contains("| p99 of POST /purchase | <= 50 ms | 61.0 ms | **no** |");
        assertThat(md).contains("| purchases (64 buyers, 20 s) | purchase | 1 | 0 | 2.00 | 2.00 | 2.00 | 2.00 | 201: 1 |");
        assertThat(md).contains("Invariants: **VIOLATED**");
        assertThat(md).contains("- [ ] **FAILED** paid orders = approved charges in the sandbox: 1 PAID, 0 approved");
    }
}
