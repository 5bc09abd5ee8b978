package dev.checkout.testkit.contract;

import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.DisputeFigures;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderQuery;
import dev.checkout.domain.order.OrderRefund;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.order.Quantity;
import dev.checkout.domain.order.RestockLine;
import dev.checkout.domain.order.SalesFigures;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.RefundId;
import dev.checkout.domain.payment.DeclineReason;
import dev.checkout.domain.payment.Dispute;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.port.ConcurrentOrderUpdateException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static dev.checkout.testkit.contract.ContractData.T0;
import static dev.checkout.testkit.contract.ContractData.line;
import static dev.checkout.testkit.contract.ContractData.orderId;
import static dev.checkout.testkit.contract.ContractData.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an {@link dev.checkout.domain.port.Orders} that backs the merchant's side must do beyond {@link OrdersContract}:
 * keep refunds with their order (unique keys and provider refund ids, under the version check), list orders newest
 * first with a cursor and filters, find pending refunds, sum up sales and count what needs attention. A store that
 * only sells need not pass it; one that runs the admin use cases must.
 */
public abstract class MerchantOrdersContract {

    protected abstract StoreSet stores();

    private Sku stocked() {
        return OrderFixtures.stocked(stores());
    }

    private Order placed(Optional<ClientKey> key) {
        return OrderFixtures.placed(stores(), key);
    }

    private static void assertSame(Order actual, Order expected) {
        OrderFixtures.assertSameOrder(actual, expected);
    }

    /** A time window of its own, far from other tests' orders (they share the store), for listing and sales. */
    private static Instant window() {
        return T0.plus(Duration.ofDays(1_000 + ThreadLocalRandom.current().nextInt(1_000_000)));
    }

    private Order placedAt(Instant at) {
        Sku a = stocked();
        Order order = ContractData.order(orderId(), Optional.empty(), List.of(line(a, 2, 5_00)), at);
        stores().transactions().run(() -> stores().orders().add(order));
        return order;
    }

    private Order stored(Order next) {
        stores().transactions().run(() -> stores().orders().update(next));
        return next;
    }

    @Test
    public void refunds_round_trip_with_their_restock_keys_and_answers() {
        Order paid = stored(placed(Optional.empty()).markPaid(ChargeId.of("ch_r1"), T0.plusSeconds(1)));
        Sku first = paid.lines().getFirst().sku();
        Order asked = stored(paid.requestRefund(Money.of(5_00, "usd"), List.of(new RestockLine(first, Quantity.of(1))),
                "returned: chipped", T0.plusSeconds(2)));
        assertSame(stores().orders().find(paid.id()).orElseThrow(), asked);

        Order refunded = stored(asked.refundSucceeded(1, new RefundId(ContractData.unique("re")), T0.plusSeconds(3)));
        Order second = stored(refunded.requestRefund(Money.of(1_00, "usd"), List.of(), null, T0.plusSeconds(4)));
        Order failed = stored(second.refundFailed(2, new dev.checkout.domain.payment.PaymentFailure(
                dev.checkout.domain.payment.PaymentFailure.Kind.MERCHANT_ERROR, "refund_failed", "no"), T0.plusSeconds(5)));

        Order back = stores().orders().find(paid.id()).orElseThrow();
        assertSame(back, failed);
        assertThat(back.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(back.refunded()).isEqualTo(Money.of(5_00, "usd"));
        assertThat(back.refunds().getFirst().restock()).containsExactly(new RestockLine(first, Quantity.of(1)));
    }

    @Test
    public void a_refund_keeps_the_idempotency_key_it_was_asked_with() {
        Order paid = stored(placed(Optional.empty()).markPaid(ChargeId.of("ch_rk1"), T0.plusSeconds(1)));
        ClientKey key = ClientKey.of(ContractData.unique("refund-request"));
        Order keyed = stored(paid.requestRefund(Money.of(2_00, "usd"), List.of(), null, key, T0.plusSeconds(2)));
        Order unkeyed = stored(keyed.requestRefund(Money.of(1_00, "usd"), List.of(), null, T0.plusSeconds(3)));

        Order back = stores().orders().find(paid.id()).orElseThrow();
        assertSame(back, unkeyed);
        assertThat(back.refundRequestedWith(key)).map(OrderRefund::sequence).hasValue(1);
        assertThat(back.refunds().get(1).requestedWith()).isEmpty();
        Order answered = stored(back.refundSucceeded(1, new RefundId(ContractData.unique("re")), T0.plusSeconds(4)));
        assertThat(stores().orders().find(paid.id()).orElseThrow().refundRequestedWith(key))
                .map(OrderRefund::status).hasValue(OrderRefund.Status.SUCCEEDED);
        assertSame(stores().orders().find(paid.id()).orElseThrow(), answered);
    }

    @Test
    public void a_refund_made_at_the_provider_and_a_dispute_are_kept_and_the_order_is_found_by_its_charge() {
        ChargeId charge = ChargeId.of(ContractData.unique("ch"));
        Order paid = stored(placed(Optional.empty()).markPaid(charge, T0.plusSeconds(1)));
        assertSame(stores().orders().findByCharge(charge).orElseThrow(), paid);
        assertThat(stores().orders().findByCharge(ChargeId.of(ContractData.unique("ch")))).isEmpty();

        RefundId atProvider = new RefundId(ContractData.unique("re"));
        Order refunded = stored(paid.refundedAtProvider(atProvider, Money.of(3_00, "usd"), T0.plusSeconds(2)));
        Order disputed = stored(refunded.disputed(new Dispute(ContractData.unique("dp"), Money.of(19_99, "usd"),
                "needs_response", "fraudulent", T0.plusSeconds(3)), T0.plusSeconds(3)));
        Order updated = stored(disputed.disputed(new Dispute(disputed.dispute().orElseThrow().id(), Money.of(19_99, "usd"),
                "lost", "fraudulent", T0.plusSeconds(4)), T0.plusSeconds(4)));

        Order back = stores().orders().findByCharge(charge).orElseThrow();
        assertSame(back, updated);
        assertThat(back.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(back.holdsRefund(atProvider)).isTrue();
        assertThat(back.refunds().getFirst().restock()).isEmpty();
        assertThat(back.dispute().orElseThrow().status()).isEqualTo("lost");
        assertSame(stores().orders().find(paid.id()).orElseThrow(), updated);
    }

    @Test
    public void of_two_refunds_computed_from_one_read_only_one_is_stored() {
        Order paid = stored(placed(Optional.empty()).markPaid(ChargeId.of("ch_r2"), T0.plusSeconds(1)));
        Order one = paid.requestRefund(Money.of(22_99, "usd"), List.of(), null, T0.plusSeconds(2));
        Order other = paid.requestRefund(Money.of(22_99, "usd"), List.of(), null, T0.plusSeconds(2));
        stored(one);

        assertThatThrownBy(() -> stored(other)).isInstanceOf(ConcurrentOrderUpdateException.class);
        assertThat(stores().orders().find(paid.id()).orElseThrow().refunds()).hasSize(1);
    }

    @Test
    public void a_provider_refund_id_is_recorded_once_across_orders() {
        RefundId shared = new RefundId(ContractData.unique("re"));
        Order a = stored(placed(Optional.empty()).markPaid(ChargeId.of("ch_r3"), T0.plusSeconds(1)));
        a = stored(a.requestRefund(Money.of(1_00, "usd"), List.of(), null, T0.plusSeconds(2)));
        stored(a.refundSucceeded(1, shared, T0.plusSeconds(3)));
        Order b = stored(placed(Optional.empty()).markPaid(ChargeId.of("ch_r4"), T0.plusSeconds(1)));
        Order bAsked = stored(b.requestRefund(Money.of(1_00, "usd"), List.of(), null, T0.plusSeconds(2)));

        // a later event about the same provider refund cannot be counted a second time, on any order
        assertThatThrownBy(() -> stored(bAsked.refundSucceeded(1, shared, T0.plusSeconds(3)))).isInstanceOf(RuntimeException.class);
        assertThat(stores().orders().find(b.id()).orElseThrow().refunds().getFirst().status()).isEqualTo(OrderRefund.Status.PENDING);
    }

    @Test
    public void the_list_is_newest_first_and_pages_visit_every_order_once() {
        Instant at = window();
        var placed = new ArrayList<OrderId>();
        for (int i = 0; i < 5; i++) {
            placed.add(placedAt(at.plusSeconds(i)).id());
        }
        // two orders created at the same instant are told apart by id
        placed.add(placedAt(at.plusSeconds(4)).id());

        var seen = new ArrayList<OrderId>();
        OrderQuery.Cursor cursor = null;
        for (int page = 0; page < 10; page++) {
            List<Order> found = stores().orders().list(new OrderQuery(Set.of(), false, at, at.plusSeconds(60), cursor, 2));
            if (found.isEmpty()) {
                break;
            }
            found.forEach(o -> seen.add(o.id()));
            Order last = found.getLast();
            cursor = new OrderQuery.Cursor(last.createdAt(), last.id());
        }

        assertThat(seen).containsExactlyInAnyOrderElementsOf(placed).doesNotHaveDuplicates();
        assertThat(seen.subList(2, 6)).containsExactly(placed.get(3), placed.get(2), placed.get(1), placed.get(0));
        List<Order> all = stores().orders().list(new OrderQuery(Set.of(), false, at, at.plusSeconds(60), null, 100));
        assertThat(all).extracting(Order::createdAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(all.getFirst().lines()).hasSize(1);
    }

    @Test
    public void the_list_filters_by_status_created_range_and_attention() {
        Instant at = window();
        Order paid = stored(placedAt(at).markPaid(ChargeId.of("ch_l1"), at));
        Order unknown = stored(placedAt(at.plusSeconds(10)).markPaymentUnknown(at.plusSeconds(10)));
        Order refundAsked = stored(stored(placedAt(at.plusSeconds(20)).markPaid(ChargeId.of("ch_l2"), at))
                .requestRefund(Money.of(1_00, "usd"), List.of(), null, at.plusSeconds(21)));
        Order declined = stored(placedAt(at.plusSeconds(30)).markDeclined(
                new dev.checkout.domain.payment.DeclineReason("card_declined", "generic_decline", "no"), at));

        assertThat(ids(new OrderQuery(EnumSet.of(OrderStatus.PAID), false, at, at.plusSeconds(60), null, 100)))
                .containsExactly(refundAsked.id(), paid.id());
        assertThat(ids(new OrderQuery(Set.of(), true, at, at.plusSeconds(60), null, 100)))
                .containsExactly(refundAsked.id(), unknown.id());
        assertThat(ids(new OrderQuery(Set.of(), false, at.plusSeconds(10), at.plusSeconds(30), null, 100)))
                .containsExactly(refundAsked.id(), unknown.id());
        assertThat(ids(new OrderQuery(EnumSet.of(OrderStatus.DECLINED, OrderStatus.PAYMENT_UNKNOWN), false, at, at.plusSeconds(31), null, 100)))
                .containsExactly(declined.id(), unknown.id());
    }

    private List<OrderId> ids(OrderQuery query) {
        return stores().orders().list(query).stream().map(Order::id).toList();
    }

    @Test
    public void orders_with_a_pending_refund_are_found_once_their_request_is_old_enough() {
        Instant at = window();
        Order asked = stored(stored(placedAt(at).markPaid(ChargeId.of("ch_p1"), at))
                .requestRefund(Money.of(1_00, "usd"), List.of(), null, at.plusSeconds(5)));
        Order answered = stored(stored(stored(placedAt(at).markPaid(ChargeId.of("ch_p2"), at))
                .requestRefund(Money.of(1_00, "usd"), List.of(), null, at.plusSeconds(5)))
                .refundSucceeded(1, new RefundId(ContractData.unique("re")), at.plusSeconds(6)));

        List<OrderId> later = stores().orders().findWithPendingRefunds(at.plusSeconds(6), 10_000).stream().map(Order::id).toList();
        assertThat(later).contains(asked.id()).doesNotContain(answered.id());
        assertThat(stores().orders().findWithPendingRefunds(at.plusSeconds(5), 10_000)).extracting(Order::id)
                .doesNotContain(asked.id());
    }

    @Test
    public void sales_count_paid_orders_and_succeeded_refunds_by_currency_in_the_period() {
        Instant at = window();
        stored(placedAt(at).markPaid(ChargeId.of("ch_s1"), at));
        Order refunded = stored(stored(stored(placedAt(at.plusSeconds(1)).markPaid(ChargeId.of("ch_s2"), at))
                .requestRefund(Money.of(3_00, "usd"), List.of(), null, at.plusSeconds(2)))
                .refundSucceeded(1, new RefundId(ContractData.unique("re")), at.plusSeconds(3)));
        stored(stored(refunded.requestRefund(Money.of(7_00, "usd"), List.of(), null, at.plusSeconds(4)))
                .refundSucceeded(2, new RefundId(ContractData.unique("re")), at.plusSeconds(5)));
        stored(placedAt(at.plusSeconds(2)).markPaymentUnknown(at));
        Sku eurSku = stocked();
        Order eur = ContractData.order(orderId(), Optional.empty(), List.of(new dev.checkout.domain.order.OrderLine(
                eurSku, Quantity.of(1), Money.of(9_00, "eur"))), at.plusSeconds(3));
        stores().transactions().run(() -> stores().orders().add(eur));
        stored(eur.markPaid(ChargeId.of("ch_s3"), at));
        stored(placedAt(at.plusSeconds(100)).markPaid(ChargeId.of("ch_s4"), at)); // outside the period

        List<SalesFigures> sales = stores().orders().sales(at, at.plusSeconds(60));

        assertThat(sales).containsExactlyInAnyOrder(
                new SalesFigures(dev.checkout.domain.money.CurrencyCode.of("usd"), 2, Money.of(20_00, "usd"), 2, Money.of(10_00, "usd")),
                new SalesFigures(dev.checkout.domain.money.CurrencyCode.of("eur"), 1, Money.of(9_00, "eur"), 0, Money.of(0, "eur")));
        assertThat(stores().orders().sales(at.plusSeconds(4), at.plusSeconds(6)))
                .containsExactly(new SalesFigures(dev.checkout.domain.money.CurrencyCode.of("usd"), 0, Money.of(0, "usd"), 1, Money.of(7_00, "usd")));
    }

    @Test
    public void orders_needing_attention_are_counted() {
        long before = usdNeedingAttention();
        Instant at = window();
        stored(placedAt(at).markPaymentUnknown(at));
        Order asked = stored(stored(placedAt(at).markPaid(ChargeId.of("ch_a1"), at))
                .requestRefund(Money.of(1_00, "usd"), List.of(), null, at));
        stored(placedAt(at).markPaid(ChargeId.of("ch_a2"), at));
        assertThat(usdNeedingAttention()).isEqualTo(before + 2);

        stored(asked.refundSucceeded(1, new RefundId(ContractData.unique("re")), at));
        assertThat(usdNeedingAttention()).isEqualTo(before + 1);
        assertThat(stores().orders().countNeedingAttention()).doesNotContainKey(dev.checkout.domain.money.CurrencyCode.of("xof"));
    }

    @Test
    public void open_disputes_are_counted_with_their_amount_until_the_provider_closes_them() {
        DisputeFigures before = usdOpenDisputes();
        Instant at = window();
        Order chargeback = stored(placedAt(at).markPaid(ChargeId.of(ContractData.unique("ch")), at));
        Order inquiry = stored(placedAt(at).markPaid(ChargeId.of(ContractData.unique("ch")), at));
        Order settled = stored(placedAt(at).markPaid(ChargeId.of(ContractData.unique("ch")), at));
        Order disputed = stored(chargeback.disputed(dispute(19_99, "needs_response", at), at));
        stored(inquiry.disputed(dispute(5_00, "warning_needs_response", at), at));
        stored(settled.disputed(dispute(7_00, "lost", at), at));

        assertThat(usdOpenDisputes()).isEqualTo(new DisputeFigures(before.currency(), before.open() + 2,
                before.amount().plus(Money.of(24_99, "usd"))));

        Dispute won = disputed.dispute().orElseThrow();
        stored(disputed.disputed(new Dispute(won.id(), won.amount(), "won", won.reason(), at.plusSeconds(9)),
                at.plusSeconds(9)));
        assertThat(usdOpenDisputes()).isEqualTo(new DisputeFigures(before.currency(), before.open() + 1,
                before.amount().plus(Money.of(5_00, "usd"))));
        assertThat(stores().orders().openDisputes()).extracting(DisputeFigures::currency)
                .doesNotContain(dev.checkout.domain.money.CurrencyCode.of("xof"));
    }

    private static Dispute dispute(long amount, String status, Instant at) {
        return new Dispute(ContractData.unique("dp"), Money.of(amount, "usd"), status, "fraudulent", at);
    }

    private DisputeFigures usdOpenDisputes() {
        var usd = dev.checkout.domain.money.CurrencyCode.of("usd");
        return stores().orders().openDisputes().stream().filter(f -> f.currency().equals(usd)).findFirst()
                .orElse(DisputeFigures.none(usd));
    }

    private long usdNeedingAttention() {
        return stores().orders().countNeedingAttention().getOrDefault(dev.checkout.domain.money.CurrencyCode.of("usd"), 0L);
    }
}
