package dev.checkout.app;

import dev.checkout.adapter.stripe.StripePaymentEvents;
import dev.checkout.adapter.stripe.StripeSettings;
import dev.checkout.application.OrderIdGenerator;
import dev.checkout.application.TransactionRunner;
import dev.checkout.application.admin.AdminQueries;
import dev.checkout.application.admin.AdminService;
import dev.checkout.application.admin.ManageStock;
import dev.checkout.application.admin.RefundService;
import dev.checkout.application.admin.RefundUseCase;
import dev.checkout.application.events.EventRetention;
import dev.checkout.application.events.PaymentEventService;
import dev.checkout.application.events.ReceivePaymentEvents;
import dev.checkout.application.purchase.PurchasePolicy;
import dev.checkout.application.purchase.PurchaseService;
import dev.checkout.application.purchase.PurchaseUseCase;
import dev.checkout.application.query.ManageCatalogue;
import dev.checkout.application.query.ShopQueries;
import dev.checkout.application.query.ShopService;
import dev.checkout.application.reconcile.PaymentReconciler;
import dev.checkout.application.reconcile.ReconcilePayments;
import dev.checkout.application.reconcile.ReconcilePolicy;
import dev.checkout.domain.port.Catalogue;
import dev.checkout.domain.port.Inventory;
import dev.checkout.domain.port.Orders;
import dev.checkout.domain.port.PaymentEvents;
import dev.checkout.domain.port.PaymentGateway;
import dev.checkout.domain.port.ReceivedEvents;
import dev.checkout.app.lifecycle.Drain;
import dev.checkout.app.lifecycle.DrainingPurchases;
import dev.checkout.app.metrics.MeteredPaymentEvents;
import dev.checkout.app.metrics.MeteredPaymentGateway;
import dev.checkout.app.metrics.MeteredPurchases;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * The one place where the framework meets the core: the use cases are plain classes, built here from the port beans
 * that the adapters provide (persistence: Orders, Inventory, Catalogue, ReceivedEvents, TransactionRunner; Stripe:
 * PaymentGateway, PaymentEvents).
 */
@Factory
class CheckoutFactory {
    private static final Logger LOG = LoggerFactory.getLogger(CheckoutFactory.class);

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    OrderIdGenerator orderIds(Clock clock) {
        return new TimeOrderedOrderIds(clock);
    }

    @Singleton
    PaymentGateway paymentGateway(StripeProperties stripe, CheckoutProperties settings, MeterRegistry registry) {
        PaymentAdapter adapter = PaymentAdapter.of(settings.paymentAdapter());
        LOG.info("payment adapter: {} (checkout.payment-adapter)", adapter);
        return new MeteredPaymentGateway(adapter.gateway(new StripeSettings(stripe.apiBase(), stripe.secretKey(),
                stripe.connectTimeout(), stripe.readTimeout(), stripe.maxNetworkRetries())), registry);
    }

    @Singleton
    PurchaseUseCase meteredPurchases(PurchaseService purchases, MeterRegistry registry, Drain drain) {
        // outermost: a purchase refused while draining never started, so it is not counted as one
        return new DrainingPurchases(new MeteredPurchases(purchases, registry), drain);
    }

    @Singleton
    @Bean(typed = PurchaseService.class)
    PurchaseService purchases(Catalogue catalogue, Inventory inventory, Orders orders, PaymentGateway gateway,
                              TransactionRunner transactions, Clock clock, OrderIdGenerator ids, CheckoutProperties settings) {
        return new PurchaseService(catalogue, inventory, orders, gateway, transactions, clock, ids,
                new PurchasePolicy(settings.reservationHold(), settings.concurrentPlacements(), settings.authenticationWindow()));
    }

    @Singleton
    @Bean(typed = {ReconcilePayments.class, PaymentReconciler.class})
    PaymentReconciler reconciler(Orders orders, Inventory inventory, PaymentGateway gateway, TransactionRunner transactions,
                                 Clock clock, CheckoutProperties settings, RefundService refunds, ReceivedEvents received) {
        return new PaymentReconciler(orders, inventory, gateway, transactions, clock, new ReconcilePolicy(
                settings.unknownAfter(), settings.abandonedAfter(), settings.chargeLandsWithin(), 200), refunds, received);
    }

    @Singleton
    PaymentEvents paymentEvents(StripeProperties stripe, Clock clock) {
        return new StripePaymentEvents(stripe.webhookSecret(), stripe.webhookTolerance(), clock);
    }

    @Singleton
    @Bean(typed = ReceivePaymentEvents.class)
    ReceivePaymentEvents paymentEventService(PaymentEvents events, ReceivedEvents received, Orders orders, Inventory inventory,
                                             TransactionRunner transactions, Clock clock, MeterRegistry registry) {
        return new MeteredPaymentEvents(new PaymentEventService(events, received, orders, inventory, transactions, clock), registry);
    }

    @Singleton
    EventRetention eventRetention(ReceivedEvents received, TransactionRunner transactions, Clock clock,
                                  @Value("${checkout.webhooks.retention:30d}") Duration retention) {
        return new EventRetention(received, transactions, clock, retention);
    }

    @Singleton
    @Bean(typed = {RefundUseCase.class, RefundService.class})
    RefundService refunds(Orders orders, Catalogue catalogue, PaymentGateway gateway, TransactionRunner transactions, Clock clock) {
        return new RefundService(orders, catalogue, gateway, transactions, clock);
    }

    @Singleton
    @Bean(typed = {AdminQueries.class, ManageStock.class, AdminService.class})
    AdminService admin(Orders orders, Catalogue catalogue, TransactionRunner transactions, Clock clock) {
        return new AdminService(orders, catalogue, transactions, clock);
    }

    @Singleton
    @Bean(typed = {ShopQueries.class, ManageCatalogue.class, ShopService.class})
    ShopService shop(Catalogue catalogue, Orders orders, TransactionRunner transactions) {
        return new ShopService(catalogue, orders, transactions);
    }
}
