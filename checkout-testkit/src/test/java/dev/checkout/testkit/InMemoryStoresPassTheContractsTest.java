package dev.checkout.testkit;

import dev.checkout.application.TransactionRunner;
import dev.checkout.domain.payment.ClientSecret;
import dev.checkout.domain.payment.DeclineReason;
import dev.checkout.domain.payment.PaymentToken;
import dev.checkout.domain.port.Catalogue;
import dev.checkout.domain.port.Inventory;
import dev.checkout.domain.port.Orders;
import dev.checkout.domain.port.PaymentGateway;
import dev.checkout.domain.port.ReceivedEvents;
import dev.checkout.testkit.contract.CatalogueContract;
import dev.checkout.testkit.contract.ContractData;
import dev.checkout.testkit.contract.InventoryContract;
import dev.checkout.testkit.contract.MerchantCatalogueContract;
import dev.checkout.testkit.contract.MerchantOrdersContract;
import dev.checkout.testkit.contract.OrdersContract;
import dev.checkout.testkit.contract.PaymentGatewayContract;
import dev.checkout.testkit.contract.ReceivedEventsContract;
import dev.checkout.testkit.contract.StoreSet;
import org.junit.jupiter.api.Nested;

import java.util.Optional;

/** The fakes pass the same contracts as the real adapters, so tests written against them mean something. */
class InMemoryStoresPassTheContractsTest {

    static StoreSet fresh() {
        var tx = new InMemoryTransactions();
        var stock = new InMemoryStock(tx);
        var orders = new InMemoryOrders(tx);
        return new StoreSet() {
            public Catalogue catalogue() { return stock; }
            public Inventory inventory() { return stock; }
            public Orders orders() { return orders; }
            public TransactionRunner transactions() { return tx; }
        };
    }

    @Nested
    class Catalogue_ extends CatalogueContract {
        final StoreSet stores = fresh();

        @Override
        protected StoreSet stores() { return stores; }
    }

    @Nested
    class Inventory_ extends InventoryContract {
        final StoreSet stores = fresh();

        @Override
        protected StoreSet stores() { return stores; }
    }

    @Nested
    class Orders_ extends OrdersContract {
        final StoreSet stores = fresh();

        @Override
        protected StoreSet stores() { return stores; }
    }

    @Nested
    class MerchantOrders_ extends MerchantOrdersContract {
        final StoreSet stores = fresh();

        @Override
        protected StoreSet stores() { return stores; }
    }

    @Nested
    class ReceivedEvents_ extends ReceivedEventsContract {
        final InMemoryTransactions tx = new InMemoryTransactions();
        final InMemoryReceivedEvents events = new InMemoryReceivedEvents(tx);

        @Override
        protected ReceivedEvents events() { return events; }

        @Override
        protected TransactionRunner transactions() { return tx; }
    }

    @Nested
    class MerchantCatalogue_ extends MerchantCatalogueContract {
        final StoreSet stores = fresh();

        @Override
        protected StoreSet stores() { return stores; }
    }

    @Nested
    class PaymentGateway_ extends PaymentGatewayContract {
        final FakePaymentGateway gateway = new FakePaymentGateway();

        @Override
        protected PaymentGateway gateway() { return gateway; }

        @Override
        protected PaymentToken approvedCardToken() {
            return PaymentToken.of(ContractData.unique("tok"));
        }

        @Override
        protected PaymentToken insufficientFundsToken() {
            PaymentToken token = PaymentToken.of(ContractData.unique("tok"));
            gateway.declining(token, new DeclineReason("card_declined", "insufficient_funds", "Your card has insufficient funds."));
            return token;
        }

        @Override
        protected Optional<Buyer> authentication() {
            return Optional.of(new Buyer() {
                @Override
                public PaymentToken tokenRequiringAuthentication() {
                    PaymentToken token = PaymentToken.of(ContractData.unique("tok"));
                    gateway.requiringAuthentication(token);
                    return token;
                }

                @Override
                public void completes(ClientSecret secret) { gateway.completeAuthentication(secret); }

                @Override
                public void fails(ClientSecret secret) { gateway.failAuthentication(secret); }
            });
        }
    }
}
