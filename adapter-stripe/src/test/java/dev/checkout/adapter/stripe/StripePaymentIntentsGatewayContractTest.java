package dev.checkout.adapter.stripe;

import dev.checkout.domain.payment.ClientSecret;
import dev.checkout.domain.payment.PaymentToken;
import dev.checkout.domain.port.PaymentGateway;
import dev.checkout.testkit.contract.PaymentGatewayContract;

import java.util.Optional;

/**
 * The port's contract for the PaymentIntents adapter, against the sandbox over HTTP: the same tests the Charges
 * adapter and the fake pass, plus the authentication cases, with the buyer on the sandbox's 3-D Secure test page.
 */
class StripePaymentIntentsGatewayContractTest extends PaymentGatewayContract {
    private final SandboxCards cards = SharedSandbox.cards();
    private final StripePaymentIntentsGateway gateway = new StripePaymentIntentsGateway(cards.settings());

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

    @Override
    protected Optional<Buyer> authentication() {
        return Optional.of(new Buyer() {
            @Override
            public PaymentToken tokenRequiringAuthentication() {
                return cards.token(SandboxCards.AUTHENTICATION_REQUIRED);
            }

            @Override
            public void completes(ClientSecret secret) {
                cards.authenticate(secret, true);
            }

            @Override
            public void fails(ClientSecret secret) {
                cards.authenticate(secret, false);
            }
        });
    }
}
