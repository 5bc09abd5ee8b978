package dev.checkout.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.checkout.application.admin.AdminQueries;
import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderQuery;
import dev.checkout.domain.order.OrderRefund;
import dev.checkout.domain.order.SalesFigures;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.payment.RefundId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** What the merchant's API answers, and the hand-written mapping from the core's types (the order is no record). */
final class AdminViews {
    private AdminViews() {
    }

    /** One order as the merchant sees it: lines, charge, refunds, and what may still be refunded. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "AdminOrder")
    record OrderDetail(String orderId,
                       @Schema(description = "PENDING_PAYMENT, PAID, PARTIALLY_REFUNDED, REFUNDED, DECLINED, FAILED, PAYMENT_UNKNOWN, REFUND_PENDING or AWAITING_AUTHENTICATION")
                       String status,
                       long amount, String currency,
                       @Schema(description = "refunded by the provider at the merchant's request, minor units") long amountRefunded,
                       @Schema(description = "asked of the provider, answer not recorded yet") long amountRefundPending,
                       @Schema(description = "what a new refund may take at most") long amountRefundable,
                       @Schema(description = "payment unknown, compensation pending, or a refund waiting for the provider") boolean needsAttention,
                       List<OrderLineView> items, @Nullable ChargeView charge, List<RefundView> refunds,
                       @Nullable OrderView.DisputeView dispute,
                       @Nullable OrderView.Decline decline, @Nullable OrderView.Failure failure,
                       String createdAt, String updatedAt) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "AdminCharge")
    record ChargeView(String id, long amount, String currency) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "AdminRefund")
    record RefundView(int sequence, long amount, String currency,
                      @Schema(description = "PENDING, SUCCEEDED or FAILED") String status,
                      @Schema(description = "sent to the provider with every attempt: refund-<orderId>-<sequence>") String idempotencyKey,
                      @Schema(description = "the provider's re_... once it answered") @Nullable String providerRefundId,
                      @Nullable String reason, List<RestockView> restock, @Nullable OrderView.Failure failure,
                      String createdAt, String updatedAt,
                      @Schema(description = "the Idempotency-Key the refund was asked for with; a repeat with it gets this refund")
                      @Nullable String requestKey) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "AdminRestock")
    record RestockView(String sku, int quantity) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "AdminOrderList")
    record OrderList(List<OrderDetail> data,
                     @Schema(description = "whether starting_after=<last orderId> finds more") boolean hasMore) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "AdminProductList")
    record ProductList(List<ProductView> data, boolean hasMore) {
    }

    /** The answer to a refund request: the refund and its order as they are now. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "AdminRefundResult")
    record RefundAnswer(RefundView refund, OrderDetail order) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "AdminSummary")
    record SummaryView(String at, @Schema(description = "00:00 UTC today") String todayFrom, String last7DaysFrom,
                       List<CurrencySummary> currencies,
                       @Schema(description = "orders needing attention now, in every currency") long needsAttention,
                       @Schema(description = "paid orders per hour over the last 24 h, oldest first; the last is the current hour")
                       List<HourView> purchasesPerHour,
                       DisputesView disputes) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "AdminCurrencySummary")
    record CurrencySummary(String currency, Figures today, Figures last7Days,
                           @Schema(description = "orders in this currency needing attention now") long needsAttention,
                           @Schema(description = "orders in this currency with a dispute the provider has not closed")
                           long openDisputes,
                           @Schema(description = "the amount those disputes put at stake, minor units") long disputed) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "AdminFigures")
    record Figures(@Schema(description = "orders placed in the period and paid, refunded later or not") long paidOrders,
                   @Schema(description = "their amount, minor units") long revenue,
                   @Schema(description = "refunds that succeeded in the period") long refunds,
                   long refunded,
                   @Schema(description = "revenue less refunded") long net) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "AdminHour")
    record HourView(String hourStart, long paidOrders) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "AdminDisputes")
    record DisputesView(@Schema(description = "always true since disputes are counted; kept for older clients")
                        boolean tracked,
                        @Schema(description = "open disputes, in every currency") long count,
                        String note) {
    }

    static final String DISPUTES_NOTE = "Open disputes: those the provider reported through its events (POST"
            + " /webhooks/stripe) and has not closed as won, lost or warning_closed; each order shows its own.";

    // ---- mapping ----

    static OrderDetail detail(Order order, RestMapper mapper) {
        String currency = order.total().currency().lowerCase();
        return new OrderDetail(order.id().value(), order.status().name(), order.total().minorUnits(), currency,
                order.refunded().minorUnits(), order.pendingRefunds().minorUnits(), order.refundable().minorUnits(),
                OrderQuery.ATTENTION_STATUSES.contains(order.status()) || order.hasPendingRefund(),
                mapper.toLineViews(order.lines()),
                order.chargeId().map(id -> new ChargeView(id.value(), order.total().minorUnits(), currency)).orElse(null),
                order.refunds().stream().map(r -> refund(order, r)).toList(),
                order.dispute().map(OrderView.DisputeView::of).orElse(null),
                order.declineReason().map(mapper::toView).orElse(null),
                order.failure().map(PurchaseResponses::failureView).orElse(null),
                order.createdAt().toString(), order.updatedAt().toString());
    }

    static RefundView refund(Order order, OrderRefund refund) {
        return new RefundView(refund.sequence(), refund.amount().minorUnits(), refund.amount().currency().lowerCase(),
                refund.status().name(), refund.idempotencyKey(order.id()).value(),
                refund.providerRefund().map(RefundId::value).orElse(null), refund.reasonText().orElse(null),
                refund.restock().stream().map(l -> new RestockView(l.sku().value(), l.quantity().value())).toList(),
                refund.failureReason().map(AdminViews::failure).orElse(null),
                refund.createdAt().toString(), refund.updatedAt().toString(),
                refund.requestedWith().map(ClientKey::value).orElse(null));
    }

    private static OrderView.Failure failure(PaymentFailure failure) {
        return new OrderView.Failure(failure.code() == null ? failure.kind().name().toLowerCase(java.util.Locale.ROOT) : failure.code(),
                failure.message());
    }

    static ProductList products(AdminQueries.Page<Product> page, RestMapper mapper) {
        return new ProductList(mapper.toProductViews(page.items()), page.hasMore());
    }

    static SummaryView summary(AdminQueries.Summary summary) {
        return new SummaryView(summary.at().toString(), summary.todayFrom().toString(), summary.last7DaysFrom().toString(),
                summary.currencies().stream().map(c -> new CurrencySummary(c.currency().lowerCase(), figures(c.today()),
                        figures(c.last7Days()), c.needsAttention(), c.openDisputes().open(),
                        c.openDisputes().amount().minorUnits())).toList(),
                summary.needsAttention(),
                summary.lastDay().stream().map(h -> new HourView(h.hourStart().toString(), h.paidOrders())).toList(),
                new DisputesView(true, summary.openDisputes(), DISPUTES_NOTE));
    }

    private static Figures figures(SalesFigures f) {
        // Refunds in a period can exceed its revenue (they may be of orders paid before it): net may be negative.
        return new Figures(f.paidOrders(), f.paid().minorUnits(), f.refunds(), f.refunded().minorUnits(),
                f.paid().minorUnits() - f.refunded().minorUnits());
    }
}
