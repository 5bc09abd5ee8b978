package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.payment.Dispute;
import dev.checkout.domain.payment.RefundId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.checkout.domain.order.OrderRefundTest.T0;
import static dev.checkout.domain.order.OrderRefundTest.T1;
import static dev.checkout.domain.order.OrderRefundTest.paid;
import static dev.checkout.domain.order.OrderRefundTest.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the provider reports on its own: refunds made outside the checkout, and disputes. */
class OrderProviderReportsTest {

    @Test
    void a_refund_made_at_the_provider_is_recorded_succeeded_without_restock_and_sets_the_status() {
        Order partly = paid().refundedAtProvider(new RefundId("re_dash1"), usd(5_00), T1);

        assertThat(partly.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(partly.refunded()).isEqualTo(usd(5_00));
        assertThat(partly.refunds()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(OrderRefund.Status.SUCCEEDED);
            assertThat(r.providerRefund()).contains(new RefundId("re_dash1"));
            assertThat(r.restock()).isEmpty();
        });
        assertThat(partly.holdsRefund(new RefundId("re_dash1"))).isTrue();
        assertThat(partly.holdsRefund(new RefundId("re_other"))).isFalse();

        Order all = partly.refundedAtProvider(new RefundId("re_dash2"), usd(40_00), T1);
        assertThat(all.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(all.version()).isEqualTo(partly.version() + 1);
    }

    @Test
    void a_provider_refund_beyond_the_total_or_of_an_unpaid_order_is_refused() {
        assertThatThrownBy(() -> paid().refundedAtProvider(new RefundId("re_x"), usd(45_01), T1))
                .isInstanceOf(RefundRefusedException.class);
        Order unpaid = Order.place(OrderId.of("ord_u"), java.util.Optional.empty(),
                List.of(new OrderLine(OrderRefundTest.MUG, Quantity.of(1), usd(1_00))), T0);
        assertThatThrownBy(() -> unpaid.refundedAtProvider(new RefundId("re_y"), usd(1_00), T1))
                .isInstanceOf(RefundRefusedException.class);
        assertThatThrownBy(() -> paid().refundedAtProvider(new RefundId("re_z"), dev.checkout.domain.money.Money.of(1_00, "eur"), T1))
                .isInstanceOf(DomainException.class).hasMessageContaining("currency");
    }

    @Test
    void a_dispute_is_recorded_and_only_a_newer_report_of_it_replaces_it() {
        var opened = new Dispute("dp_1", usd(45_00), "needs_response", "fraudulent", T0);
        var lost = new Dispute("dp_1", usd(45_00), "lost", "fraudulent", T1);

        Order disputed = paid().disputed(opened, T0);
        assertThat(disputed.dispute()).contains(opened);
        assertThat(disputed.status()).isEqualTo(OrderStatus.PAID);
        assertThat(disputed.version()).isEqualTo(paid().version() + 1);

        Order closed = disputed.disputed(lost, T1);
        assertThat(closed.dispute()).contains(lost);
        assertThat(closed.disputed(opened, T1)).as("an older report arriving late").isSameAs(closed);
    }

    @Test
    void within_one_second_the_report_further_along_the_lifecycle_wins_whatever_order_they_arrive_in() {
        var opened = new Dispute("dp_2", usd(45_00), "needs_response", "fraudulent", T0);
        var answered = new Dispute("dp_2", usd(45_00), "under_review", "fraudulent", T0);
        var won = new Dispute("dp_2", usd(45_00), "won", "fraudulent", T0);

        Order inOrder = paid().disputed(opened, T0).disputed(answered, T0).disputed(won, T0);
        assertThat(inOrder.dispute()).contains(won);
        Order reversed = paid().disputed(won, T0);
        assertThat(reversed.disputed(answered, T0)).isSameAs(reversed);
        assertThat(reversed.disputed(opened, T0)).isSameAs(reversed);
        assertThat(reversed.disputed(won, T0)).as("the same report again").isSameAs(reversed);

        var inquiry = new Dispute("dp_3", usd(45_00), "warning_under_review", "general", T0);
        var escalated = new Dispute("dp_3", usd(45_00), "needs_response", "general", T0);
        assertThat(paid().disputed(inquiry, T0).disputed(escalated, T0).dispute()).contains(escalated);
        var odd = new Dispute("dp_3", usd(45_00), "some_new_status", "general", T0);
        Order held = paid().disputed(inquiry, T0);
        assertThat(held.disputed(odd, T0)).as("an unknown status never wins a tie").isSameAs(held);
        var oddLater = new Dispute("dp_3", usd(45_00), "some_new_status", "general", T1);
        assertThat(held.disputed(oddLater, T1).dispute()).as("but a newer report it is").contains(oddLater);
        assertThat(held.disputed(new Dispute("dp_4", usd(1_00), "needs_response", "general", T0), T0).dispute())
                .as("another dispute of the charge").map(Dispute::id).contains("dp_4");
    }
}
