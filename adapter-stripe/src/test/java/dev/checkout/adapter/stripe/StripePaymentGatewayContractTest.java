package dev.checkout.adapter.stripe;

import dev.checkout.domain.payment.PaymentToken;
import dev.checkout.domain.port.PaymentGateway;
import dev.checkout.testkit.contract.PaymentGatewayContract;

/** The port's contract, against the sandbox over HTTP: the same tests the in-memory fake passes. */
class StripePaymentGatewayContractTest extends PaymentGatewayContract {
    private final SandboxCards cards = SharedSandbox.cards();
    private final StripePaymentGateway gateway = new StripePaymentGateway(cards.settings());

    @Override
    protected PaymentGateway gateway() {
        return gateway;
    }

    @Override
    protected PaymentToken approvedCardToken() {
        return cards.token(SandboxCards.APPROVED);
    }

    @Override
    protected PaymentToken insufficientFundsToken() {
        return cards.token(SandboxCards.INSUFFICIENT_FUNDS);
    }
}
