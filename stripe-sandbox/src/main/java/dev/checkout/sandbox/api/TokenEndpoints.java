package dev.checkout.sandbox.api;

import dev.checkout.sandbox.api.Endpoints.Prepared;
import dev.checkout.sandbox.card.CardValidator;
import dev.checkout.sandbox.card.Fingerprinter;
import dev.checkout.sandbox.card.TestCards;
import dev.checkout.sandbox.store.Card;
import dev.checkout.sandbox.store.Table;
import dev.checkout.sandbox.store.Token;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Set;

import static dev.checkout.sandbox.api.Requests.checkExpand;

/** {@code /v1/tokens} (spec 3): card data in, a single-use token out; the number and CVC are never kept. */
final class TokenEndpoints {
    private final Ledger ledger;
    private final Table<Token> tokens;
    private final Renderer renderer;
    private final SandboxSettings settings;
    private final Clock clock;
    private final Fingerprinter fingerprinter;

    TokenEndpoints(Ledger ledger, SandboxSettings settings, Clock clock, Fingerprinter fingerprinter) {
        this.ledger = ledger;
        this.tokens = ledger.tokens;
        this.renderer = ledger.renderer;
        this.settings = settings;
        this.clock = clock;
        this.fingerprinter = fingerprinter;
    }

    Prepared create(SandboxApi.Call call) {
        Params p = call.params();
        for (String other : new String[] {"bank_account", "pii", "account", "person", "cvc_update"}) {
            if (p.present(other)) {
                throw ApiError.invalid(null, other, "The sandbox creates card tokens only; " + other
                        + " tokens are not supported.");
            }
        }
        if (p.has("customer")) {
            throw ApiError.invalid(null, "customer", "Creating a token from a customer's card (Connect) is not "
                    + "supported by the sandbox.");
        }
        checkExpand(p, Set.of());
        Params card = p.hash("card");
        if (card == null) {
            if (p.has("card")) {
                throw ApiError.invalid(null, "card", "Creating a token from a card id (Connect) is not supported by "
                        + "the sandbox; send card[number], card[exp_month], card[exp_year] and card[cvc].");
            }
            throw ApiError.invalid("parameter_missing", "card", "You must supply either a card, customer, PII data, "
                    + "bank account, or account legal entity to create a token.");
        }
        if (call.secretKey() && !settings.allowRawCardDataWithSecretKey()) {
            throw ApiError.invalid(null, "card", "Sending credit card numbers directly to the Stripe API is generally "
                    + "unsafe. Tokenize cards with the publishable key from the browser instead.");
        }
        // the number and CVC are read here and never leave this method: only derived facts are kept
        CardValidator.CheckedNumber number = CardValidator.number(card.string("number"));
        int[] exp = CardValidator.expiry(card.string("exp_month"), card.string("exp_year"),
                YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        String cvc = card.string("cvc");
        CardValidator.cvc(cvc, number.brand());
        TestCards.TestCard test = TestCards.byNumber(number.digits());
        String digits = number.digits();
        String line1 = card.string("address_line1");
        String zip = card.string("address_zip");
        Card stored = new Card(Ids.object("card_"), number.brand(), test != null ? test.funding() : "credit",
                digits.substring(digits.length() - 4), exp[0], exp[1],
                fingerprinter.fingerprint(call.account().id(), digits), "US", card.string("name"), line1,
                card.string("address_line2"), card.string("address_city"), card.string("address_state"), zip,
                card.string("address_country"), cvc != null ? "unchecked" : null, line1 != null ? "unchecked" : null,
                zip != null ? "unchecked" : null, test != null ? test.behaviour() : null);
        return () -> {
            Token t = new Token(tokens.newId(), call.account().id(), call.account().livemode(), stored,
                    call.clientIp(), ledger.now(), false);
            return ledger.tokenReply(tokens.insert(t));
        };
    }

    Prepared get(SandboxApi.Call call) {
        checkExpand(call.params(), Set.of());
        return () -> {
            Token t = tokens.get(call.account().id(), call.pathId());
            if (t == null) {
                throw ApiError.notFound("token", "No such token: '" + call.pathId() + "'");
            }
            return new Reply(200, w -> renderer.token(w, t));
        };
    }
}
