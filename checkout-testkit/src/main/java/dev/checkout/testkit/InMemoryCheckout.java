package dev.checkout.testkit;

import dev.checkout.application.admin.AdminService;
import dev.checkout.application.admin.RefundService;
import dev.checkout.application.events.PaymentEventService;
import dev.checkout.application.purchase.PurchasePolicy;
import dev.checkout.application.purchase.PurchaseService;
import dev.checkout.application.query.ShopService;
import dev.checkout.application.reconcile.PaymentReconciler;
import dev.checkout.application.reconcile.ReconcilePolicy;
import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;

/**
 * The whole checkout core wired to the in-memory fakes: a starting point for tests of code that embeds it.
 * Every part is reachable for scripting ({@link #gateway()}) and assertions ({@link #stock()}, {@link #orders()}).
 */
public final class InMemoryCheckout {
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryStock stock = new InMemoryStock(transactions);
    private final InMemoryOrders orders = new InMemoryOrders(transactions);
    private final FakePaymentGateway gateway = new FakePaymentGateway(transactions);
    private final MutableClock clock = new MutableClock();
    private final PurchaseService purchases;
    private final PaymentReconciler reconciler;
    private final ShopService shop;
    private final RefundService refunds;
    private final AdminService admin;
    private final InMemoryReceivedEvents receivedEvents = new InMemoryReceivedEvents(transactions);
    private final FakePaymentEvents paymentEvents = new FakePaymentEvents();
    private final PaymentEventService events;

    public InMemoryCheckout() {
        this(PurchasePolicy.DEFAULT, ReconcilePolicy.DEFAULT);
    }

    public InMemoryCheckout(PurchasePolicy purchasePolicy, ReconcilePolicy reconcilePolicy) {
        purchases = new PurchaseService(stock, stock, orders, gateway, transactions, clock, new SequentialOrderIds(), purchasePolicy);
        refunds = new RefundService(orders, stock, gateway, transactions, clock);
        reconciler = new PaymentReconciler(orders, stock, gateway, transactions, clock, reconcilePolicy, refunds, receivedEvents);
        shop = new ShopService(stock, orders, transactions);
        admin = new AdminService(orders, stock, transactions, clock);
        events = new PaymentEventService(paymentEvents, receivedEvents, orders, stock, transactions, clock);
    }

    /** Adds a product to the catalogue, e.g. {@code withProduct("mug", "Mug", 12_50, "usd", 10)}. */
    public InMemoryCheckout withProduct(String sku, String name, long unitAmount, String currency, long available) {
        stock.save(new Product(Sku.of(sku), name, Money.of(unitAmount, currency), available));
        return this;
    }

    public PurchaseService purchases() { return purchases; }
    public PaymentReconciler reconciler() { return reconciler; }
    public ShopService shop() { return shop; }
    public RefundService refunds() { return refunds; }
    public AdminService admin() { return admin; }
    /** The provider's events, verified by {@link #paymentEvents()}. */
    public PaymentEventService events() { return events; }
    public FakePaymentEvents paymentEvents() { return paymentEvents; }
    public InMemoryReceivedEvents receivedEvents() { return receivedEvents; }
    public InMemoryTransactions transactions() { return transactions; }
    public InMemoryStock stock() { return stock; }
    public InMemoryOrders orders() { return orders; }
    public FakePaymentGateway gateway() { return gateway; }
    public MutableClock clock() { return clock; }
}
