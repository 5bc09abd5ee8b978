package dev.checkout.sandbox.api;

import dev.checkout.sandbox.api.Endpoints.Prepared;
import dev.checkout.sandbox.card.TestCards;
import dev.checkout.sandbox.store.Card;
import dev.checkout.sandbox.store.PaymentMethod;
import dev.checkout.sandbox.store.Table;

import java.util.Map;
import java.util.Set;

import static dev.checkout.sandbox.api.Requests.checkExpand;
import static dev.checkout.sandbox.api.Requests.metadata;

/**
 * {@code /v1/payment_methods} (PaymentIntents spec 3): a card PaymentMethod from a token ({@code card[token]}), and
 * retrieving it. The pre-made test methods ({@code pm_card_visa}, …) are not stored: each use mints a fresh
 * {@code pm_…} (spec 3.5). Raw card numbers are refused: the sandbox's PaymentMethods come from tokens only.
 */
final class PaymentMethodEndpoints {
    private final Ledger ledger;
    private final Table<PaymentMethod> methods;
    private final ChargeEndpoints charges;

    PaymentMethodEndpoints(Ledger ledger, ChargeEndpoints charges) {
        this.ledger = ledger;
        this.methods = ledger.paymentMethods;
        this.charges = charges;
    }

    /** The checked parts of a {@code card[token]} PaymentMethod, before the token is consumed. */
    record Request(String token, String tokenParam, Params billing, Map<String, String> metadata) {
    }

    Prepared create(SandboxApi.Call call) {
        Params p = call.params();
        checkExpand(p, Set.of());
        for (String unsupported : new String[] {"customer", "payment_method"}) {
            if (p.has(unsupported)) {
                throw ApiError.invalid(null, unsupported, "Cloning PaymentMethods for connected accounts ("
                        + unsupported + ") is not supported by the sandbox.");
            }
        }
        Request req = request(p, "");
        return () -> ledger.paymentMethodReply(insert(call, req));
    }

    /**
     * Checks {@code type=card&card[token]=…} (with optional billing details and metadata) of {@code p}, whose
     * parameters are named {@code prefix + name} in errors (e.g. {@code payment_method_data[card][token]}).
     */
    static Request request(Params p, String prefix) {
        String type = p.string("type");
        if (type == null) {
            throw ApiError.missing(name(prefix, "type"));
        }
        if (!type.equals("card")) {
            throw ApiError.invalid(null, name(prefix, "type"), "The sandbox supports card PaymentMethods only: send "
                    + name(prefix, "type") + "=card.");
        }
        Params card = p.hash("card");
        String cardParam = name(prefix, "card");
        if (card == null) {
            throw ApiError.missing(cardParam + "[token]");
        }
        for (String raw : new String[] {"number", "exp_month", "exp_year", "cvc"}) {
            if (card.has(raw)) {
                throw ApiError.invalid(null, cardParam + "[" + raw + "]", "The sandbox makes card PaymentMethods "
                        + "from tokens only: tokenize the card in the browser (Stripe.js createToken) and send "
                        + cardParam + "[token]=tok_….");
            }
        }
        String token = card.string("token");
        if (token == null) {
            throw ApiError.missing(cardParam + "[token]");
        }
        if (!token.startsWith("tok_")) {
            throw ApiError.invalid("resource_missing", cardParam + "[token]", "No such token: '" + token + "'");
        }
        Params billing = p.hash("billing_details");
        return new Request(token, cardParam + "[token]", billing, metadata(p, Map.of()));
    }

    private static String name(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "[" + name + "]";
    }

    /** Consumes the token and stores the new PaymentMethod; returns its record. */
    byte[] insert(SandboxApi.Call call, Request req) {
        Card card = charges.consumeToken(call, req.token(), req.tokenParam());
        String id = methods.newId();
        String email = null;
        String phone = null;
        Params b = req.billing();
        if (b != null) {
            Params a = b.hash("address");
            card = card.withBilling(b.string("name"), a == null ? null : a.string("line1"),
                    a == null ? null : a.string("line2"), a == null ? null : a.string("city"),
                    a == null ? null : a.string("state"), a == null ? null : a.string("postal_code"),
                    a == null ? null : a.string("country"));
            email = b.string("email");
            phone = b.string("phone");
        }
        return methods.insert(new PaymentMethod(id, call.account().id(), call.account().livemode(), ledger.now(),
                card.withId(id), email, phone, req.metadata(), null));
    }

    /** A fresh PaymentMethod for a pre-made test id such as {@code pm_card_visa}, or null for any other id. */
    byte[] premade(SandboxApi.Call call, String alias) {
        TestCards.TestCard t = TestCards.byPaymentMethod(alias);
        if (t == null) {
            return null;
        }
        String id = methods.newId();
        Card card = charges.premadeCard(call, alias, t, id);
        return methods.insert(new PaymentMethod(id, call.account().id(), call.account().livemode(), ledger.now(),
                card, null, null, Map.of(), null));
    }

    Prepared get(SandboxApi.Call call) {
        checkExpand(call.params(), Set.of());
        return () -> {
            PaymentMethod m = methods.get(call.account().id(), call.pathId());
            if (m != null) {
                return new Reply(200, w -> ledger.renderer.paymentMethod(w, m));
            }
            byte[] premade = premade(call, call.pathId());
            if (premade == null) {
                throw ApiError.notFound("payment_method", "No such PaymentMethod: '" + call.pathId() + "'");
            }
            return ledger.paymentMethodReply(premade);
        };
    }
}
