package dev.checkout.bench;

import dev.checkout.bench.Invariants.ChargeView;
import dev.checkout.bench.Invariants.Check;
import dev.checkout.bench.Invariants.DbView;
import dev.checkout.bench.Invariants.Observed;
import dev.checkout.bench.Invariants.OrderView;
import dev.checkout.bench.Invariants.Seen;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InvariantsTest {
    private static final Map<String, Long> INITIAL = Map.of("a", 10L, "b", 5L);

    /** Two paid orders (a x2, b x1), one declined (a x1, released): stock a 8, b 4; two approved charges. */
    private static Observed consistent() {
        List<Seen> seen = List.of(
                new Seen(201, "o1", "ch_1", Map.of("a", 2)),
                new Seen(201, "o2", "ch_2", Map.of("b", 1)),
                new Seen(402, "o3", null, Map.of("a", 1)));
        Map<String, OrderView> orders = Map.of(
                "o1", new OrderView("o1", "PAID", "ch_1", Map.of("a", 2)),
                "o2", new OrderView("o2", "PAID", "ch_2", Map.of("b", 1)),
                "o3", new OrderView("o3", "DECLINED", null, Map.of("a", 1)));
        List<ChargeView> charges = List.of(
                new ChargeView("ch_1", "succeeded", true, false, "o1"),
                new ChargeView("ch_2", "succeeded", true, false, "o2"),
                new ChargeView("ch_3", "failed", false, false, "o3"));
        DbView db = new DbView(Map.of("PAID", 2L, "DECLINED", 1L), Map.of("COMMITTED", 2L, "RELEASED", 1L),
                Map.of("a", 2L, "b", 1L), Map.of("a", 8L, "b", 4L));
        return new Observed(seen, orders, 0, INITIAL, Map.of("a", 8L, "b", 4L), charges, db);
    }

    private static Check named(List<Check> checks, String prefix) {
        return checks.stream().filter(c -> c.name().startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void a_consistent_run_passes_every_check() {
        List<Check> checks = Invariants.check(consistent());

        assertThat(checks).hasSize(8).allMatch(Check::ok);
        assertThat(named(checks, "paid orders").detail()).startsWith("2 PAID orders, 2 approved charges (of 3 listed)");
    }

    @Test
    void a_declined_order_that_kept_its_units_breaks_the_stock_equation() {
        Observed o = consistent();
        Observed leaky = new Observed(o.seen(), o.orders(), 0, INITIAL, Map.of("a", 7L, "b", 4L), o.charges(), o.db());

        Check stock = named(Invariants.check(leaky), "stock = initial");

        assertThat(stock.ok()).isFalse();
        assertThat(stock.detail()).contains("a: 10 - 7 != 2 sold");
    }

    @Test
    void an_approved_charge_without_a_paid_order_is_reported() {
        Observed o = consistent();
        List<ChargeView> extra = new java.util.ArrayList<>(o.charges());
        extra.add(new ChargeView("ch_9", "succeeded", true, false, "o9"));
        Observed charged = new Observed(o.seen(), o.orders(), 0, INITIAL, o.finalStock(), extra, o.db());

        Check c = named(Invariants.check(charged), "paid orders");

        assertThat(c.ok()).isFalse();
        assertThat(c.detail()).contains("1 approved charges without a paid order");
    }

    @Test
    void a_refunded_charge_does_not_count_as_approved() {
        assertThat(new ChargeView("ch_1", "succeeded", true, true, "o1").approved()).isFalse();
        assertThat(new ChargeView("ch_1", "failed", false, false, "o1").approved()).isFalse();
    }

    @Test
    void an_order_left_pending_or_a_reservation_left_reserved_fails() {
        Observed o = consistent();
        Map<String, OrderView> orders = new HashMap<>(o.orders());
        orders.put("o4", new OrderView("o4", "PAYMENT_UNKNOWN", null, Map.of("b", 1)));
        DbView db = new DbView(Map.of("PAID", 2L, "DECLINED", 1L, "PAYMENT_UNKNOWN", 1L),
                Map.of("COMMITTED", 2L, "RELEASED", 1L, "RESERVED", 1L), o.db().paidUnitsBySku(), o.db().available());
        List<Seen> seen = new java.util.ArrayList<>(o.seen());
        seen.add(new Seen(202, "o4", null, Map.of("b", 1)));

        List<Check> checks = Invariants.check(new Observed(seen, orders, 0, INITIAL, o.finalStock(), o.charges(), db));

        assertThat(named(checks, "every order is in a final state").ok()).isFalse();
        assertThat(named(checks, "database: every order final").ok()).isFalse();
        assertThat(named(checks, "database: every order final").detail()).contains("RESERVED=1");
    }

    @Test
    void an_answer_that_disagrees_with_its_stored_order_is_a_mismatch() {
        Observed o = consistent();
        Map<String, OrderView> orders = new HashMap<>(o.orders());
        orders.put("o1", new OrderView("o1", "PAID", "ch_other", Map.of("a", 2)));

        Check c = named(Invariants.check(new Observed(o.seen(), orders, 0, INITIAL, o.finalStock(), o.charges(), o.db())),
                "every answer matches");

        assertThat(c.ok()).isFalse();
        assertThat(c.detail()).startsWith("1 mismatches; e.g. answer 201 for o1 but order is PAID with charge ch_other");
    }

    @Test
    void a_purchase_without_an_answer_fails_the_first_check() {
        Observed o = consistent();
        List<Seen> seen = new java.util.ArrayList<>(o.seen());
        seen.add(new Seen(0, null, null, Map.of("a", 1)));

        Check c = Invariants.check(new Observed(seen, o.orders(), 0, INITIAL, o.finalStock(), o.charges(), o.db())).get(0);

        assertThat(c.ok()).isFalse();
        assertThat(c.detail()).isEqualTo("4 purchases, 1 without an answer (their outcome is unknown to the buyer)");
    }

    @Test
    void without_a_database_view_only_the_api_checks_run() {
        Observed o = consistent();

        List<Check> checks = Invariants.check(new Observed(o.seen(), o.orders(), 0, INITIAL, o.finalStock(), o.charges(), null));

        assertThat(checks).hasSize(5).allMatch(Check::ok);
    }
}
