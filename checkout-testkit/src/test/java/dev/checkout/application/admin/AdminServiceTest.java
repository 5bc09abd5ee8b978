package dev.checkout.application.admin;

import dev.checkout.application.events.ReceivePaymentEvents;
import dev.checkout.application.purchase.PurchaseCommand;
import dev.checkout.application.purchase.PurchaseResult;
import dev.checkout.domain.DomainException;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.inventory.StockAdjustment;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.DisputeFigures;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.payment.Charge;
import dev.checkout.domain.payment.Dispute;
import dev.checkout.domain.payment.PaymentEvent;
import dev.checkout.testkit.FakePaymentEvents;
import dev.checkout.testkit.InMemoryCheckout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The merchant's reads and stock changes on the in-memory fakes. */
class AdminServiceTest {
    InMemoryCheckout shop;

    @BeforeEach
    void stock() {
        shop = new InMemoryCheckout().withProduct("mug", "Mug", 12_50, "usd", 100).withProduct("fan", "Fan", 1_500, "jpy", 100);
        shop.clock().set(Instant.parse("2026-11-25T15:30:00Z"));
    }

    OrderId buy(String sku, long total, String currency) {
        var result = shop.purchases().purchase(PurchaseCommand.of("tok_" + UUID.randomUUID(), (Long) total, currency,
                List.of(new PurchaseCommand.RawItem(sku, 1)), null));
        return ((PurchaseResult.Completed) result).order().id();
    }

    @Test
    void orders_page_newest_first_with_a_cursor() {
        var bought = new ArrayList<OrderId>();
        for (int i = 0; i < 5; i++) {
            bought.add(buy("mug", 12_50, "usd"));
            shop.clock().advance(Duration.ofSeconds(1));
        }
        var first = shop.admin().orders(new AdminQueries.OrderFilter(Set.of(), false, null, null, Optional.empty(), 2));
        var second = shop.admin().orders(new AdminQueries.OrderFilter(Set.of(), false, null, null,
                Optional.of(first.items().getLast().id()), 2));
        var last = shop.admin().orders(new AdminQueries.OrderFilter(Set.of(), false, null, null,
                Optional.of(second.items().getLast().id()), 2));

        assertThat(first.items()).extracting(Order::id).containsExactly(bought.get(4), bought.get(3));
        assertThat(first.hasMore()).isTrue();
        assertThat(second.items()).extracting(Order::id).containsExactly(bought.get(2), bought.get(1));
        assertThat(last.items()).extracting(Order::id).containsExactly(bought.get(0));
        assertThat(last.hasMore()).isFalse();
        assertThatThrownBy(() -> shop.admin().orders(new AdminQueries.OrderFilter(Set.of(), false, null, null,
                Optional.of(OrderId.of("missing")), 2))).isInstanceOf(DomainException.class)
                .hasFieldOrPropertyWithValue("field", "starting_after");
    }

    @Test
    void the_summary_counts_today_the_week_refunds_attention_and_purchases_per_hour() {
        shop.clock().set(Instant.parse("2026-11-20T10:00:00Z"));
        buy("mug", 12_50, "usd"); // five days ago: in the week, not today
        shop.clock().set(Instant.parse("2026-11-25T13:10:00Z"));
        OrderId refunded = buy("mug", 12_50, "usd");
        buy("fan", 1_500, "jpy");
        shop.clock().set(Instant.parse("2026-11-25T15:30:00Z"));
        buy("mug", 12_50, "usd");
        shop.refunds().refund(new RefundCommand(refunded, OptionalLong.of(2_50), new RefundCommand.Restock.Nothing(), null));
        shop.gateway().failNextUnknown(false);
        shop.purchases().purchase(PurchaseCommand.of("tok_u", 12_50L, "usd", List.of(new PurchaseCommand.RawItem("mug", 1)), null));

        AdminQueries.Summary summary = shop.admin().summary();

        assertThat(summary.todayFrom()).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
        var usd = summary.currencies().stream().filter(c -> c.currency().code().equals("USD")).findFirst().orElseThrow();
        assertThat(usd.today().paidOrders()).isEqualTo(2);
        assertThat(usd.today().paid()).isEqualTo(Money.of(25_00, "usd"));
        assertThat(usd.today().refunded()).isEqualTo(Money.of(2_50, "usd"));
        assertThat(usd.last7Days().paidOrders()).isEqualTo(3);
        var jpy = summary.currencies().stream().filter(c -> c.currency().code().equals("JPY")).findFirst().orElseThrow();
        assertThat(jpy.today().paid()).isEqualTo(Money.of(1_500, "jpy"));
        assertThat(summary.needsAttention()).isEqualTo(1);
        assertThat(usd.needsAttention()).isEqualTo(1);
        assertThat(jpy.needsAttention()).isZero();
        assertThat(summary.lastDay()).hasSize(24);
        assertThat(summary.lastDay().getLast().hourStart()).isEqualTo(Instant.parse("2026-11-25T15:00:00Z"));
        assertThat(summary.lastDay().getLast().paidOrders()).isEqualTo(1);
        assertThat(summary.lastDay().get(21).paidOrders()).as("13:00-14:00").isEqualTo(2);
        assertThat(summary.lastDay().stream().mapToLong(AdminQueries.HourlyPurchases::paidOrders).sum()).isEqualTo(3);
        assertThat(summary.openDisputes()).isZero();
        assertThat(usd.openDisputes()).isEqualTo(DisputeFigures.none(usd.currency()));
    }

    @Test
    void the_summary_counts_the_disputes_the_provider_reported_and_has_not_closed() {
        buy("mug", 12_50, "usd");
        Charge first = shop.gateway().approvedCharges().getLast();
        buy("mug", 12_50, "usd");
        Charge second = shop.gateway().approvedCharges().getLast();
        Instant t = shop.clock().instant();
        dispute("charge.dispute.created", new Dispute("dp_1", first.amount(), "needs_response", "fraudulent", t), first);
        dispute("charge.dispute.created", new Dispute("dp_2", second.amount(), "warning_needs_response", "general", t),
                second);

        AdminQueries.Summary open = shop.admin().summary();
        assertThat(open.openDisputes()).isEqualTo(2);
        assertThat(open.currencies()).singleElement().extracting(AdminQueries.CurrencyFigures::openDisputes)
                .isEqualTo(new DisputeFigures(first.amount().currency(), 2, Money.of(25_00, "usd")));

        dispute("charge.dispute.closed", new Dispute("dp_1", first.amount(), "won", "fraudulent", t.plusSeconds(60)),
                first);
        AdminQueries.Summary afterOneClosed = shop.admin().summary();
        assertThat(afterOneClosed.openDisputes()).isEqualTo(1);
        assertThat(afterOneClosed.currencies().getFirst().openDisputes().amount()).isEqualTo(Money.of(12_50, "usd"));
    }

    private void dispute(String type, Dispute dispute, Charge charge) {
        PaymentEvent event = new PaymentEvent("evt_" + UUID.randomUUID(), type, dispute.updatedAt(),
                new PaymentEvent.DisputeChanged(dispute, charge.id()));
        var receipt = shop.events().receive(shop.paymentEvents().sign(event), FakePaymentEvents.VALID_SIGNATURE);
        assertThat(receipt.result()).isEqualTo(ReceivePaymentEvents.Result.APPLIED);
    }

    @Test
    void stock_moves_by_a_delta_and_never_below_zero() {
        assertThat(shop.admin().adjustStock(Sku.of("mug"), -30)).isEqualTo(new StockAdjustment.Adjusted(70));
        assertThat(shop.admin().adjustStock(Sku.of("mug"), -71)).isEqualTo(new StockAdjustment.WouldGoNegative(70));
        assertThat(shop.admin().adjustStock(Sku.of("none"), 1)).isInstanceOf(StockAdjustment.UnknownProduct.class);
    }

    @Test
    void name_and_price_change_without_touching_the_stock() {
        buy("mug", 12_50, "usd");

        assertThat(shop.admin().updateDetails(Sku.of("mug"), "Big mug", Money.of(14_00, "usd"))).isTrue();

        assertThat(shop.stock().find(Sku.of("mug")).orElseThrow().available()).isEqualTo(99);
        assertThat(shop.stock().find(Sku.of("mug")).orElseThrow().name()).isEqualTo("Big mug");
        assertThatThrownBy(() -> shop.admin().updateDetails(Sku.of("mug"), " ", Money.of(1, "usd")))
                .isInstanceOf(DomainException.class).hasFieldOrPropertyWithValue("field", "name");
    }

    @Test
    void products_page_by_sku() {
        var first = shop.admin().products(Optional.empty(), 1);
        var second = shop.admin().products(Optional.of(first.items().getLast().sku()), 1);

        assertThat(first.items()).extracting(p -> p.sku().value()).containsExactly("fan");
        assertThat(first.hasMore()).isTrue();
        assertThat(second.items()).extracting(p -> p.sku().value()).containsExactly("mug");
        assertThat(second.hasMore()).isFalse();
        assertThat(shop.orders().all()).allMatch(o -> o.status() != OrderStatus.REFUNDED);
    }
}
