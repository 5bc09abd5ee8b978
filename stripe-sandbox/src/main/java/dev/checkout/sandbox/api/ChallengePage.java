package dev.checkout.sandbox.api;

import dev.checkout.sandbox.form.Form;
import dev.checkout.sandbox.form.FormDecoder;
import dev.checkout.sandbox.store.PaymentIntent;
import dev.checkout.sandbox.store.PaymentMethod;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The test-mode 3-D Secure page (PaymentIntents spec 5.4) at {@code /3ds/challenge/<pi>/<src>}: what a
 * {@code next_action} points at. {@code GET} shows the merchant, the amount, the card and two buttons, "Complete
 * authentication" and "Fail authentication", as Stripe's test page does; pressing one {@code POST}s to the same
 * address. Then a redirect-style attempt (server confirm with a {@code return_url}) answers {@code 303} to the return
 * URL with {@code payment_intent}, {@code payment_intent_client_secret} and {@code redirect_status}; an attempt of the
 * sandbox's Stripe.js ({@code use_stripe_sdk}) answers a small page whose script posts
 * {@code {type: "stripe-sandbox-3ds", paymentIntent, outcome}} to the parent window at the merchant origin the
 * library gave in the frame's fragment. The attempt id in the path is the page's only credential: it is random,
 * compared in constant time, and valid while the intent waits in {@code requires_action}.
 */
final class ChallengePage {
    private static final String PREFIX = "/3ds/challenge/";
    /** Scripts from the sandbox only; embeddable by any merchant page (no frame-ancestors), as the card frame. */
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; "
            + "base-uri 'none'";

    private final PaymentIntentEndpoints intents;
    private final Accounts accounts;
    private final String merchant;

    ChallengePage(PaymentIntentEndpoints intents, Accounts accounts, String merchant) {
        this.intents = intents;
        this.accounts = accounts;
        this.merchant = merchant;
    }

    static boolean owns(String path) {
        return path.startsWith(PREFIX);
    }

    Answer answer(ApiRequest req) {
        String rest = req.path().substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1 || rest.indexOf('/', slash + 1) >= 0) {
            return gone();
        }
        String intentId = rest.substring(0, slash);
        String source = rest.substring(slash + 1);
        PaymentIntent pi = intents.pendingChallenge(intentId, source);
        if (pi == null) {
            return gone();
        }
        return switch (req.method()) {
            case "GET", "HEAD" -> page(pi, req.path());
            case "POST" -> submit(req, pi, source);
            default -> html(405, "<p>Use GET or POST.</p>", "Method not allowed");
        };
    }

    private Answer page(PaymentIntent pi, String path) {
        PaymentMethod pm = intents.methodOf(pi);
        String card = pm == null ? "your card" : pm.card().brand().title() + " •••• " + pm.card().last4();
        String body = "<main><h1>3D Secure test payment page</h1>"
                + "<p>" + esc(merchant) + " asks you to authenticate a payment of <strong id=\"amount\">"
                + esc(Currencies.format(pi.amount(), pi.currency())) + " " + esc(pi.currency().toUpperCase(
                java.util.Locale.ROOT)) + "</strong> with <span id=\"card\">" + esc(card) + "</span>.</p>"
                + "<p class=\"note\">This is the sandbox's test page: no bank is involved.</p>"
                + "<form method=\"post\" action=\"" + esc(path) + "\">"
                + "<input type=\"hidden\" name=\"origin\" id=\"origin\" value=\"\">"
                + "<button type=\"submit\" name=\"result\" value=\"complete\" id=\"complete\">Complete authentication"
                + "</button> <button type=\"submit\" name=\"result\" value=\"fail\" id=\"fail\" class=\"fail\">"
                + "Fail authentication</button></form></main>";
        return html(200, body, "3D Secure test payment page");
    }

    private Answer submit(ApiRequest req, PaymentIntent pending, String source) {
        Form form;
        try {
            form = FormDecoder.decode(req.body());
        } catch (RuntimeException e) {
            return html(400, "<p>The form could not be read; press one of the page's buttons.</p>", "Bad request");
        }
        Object result = form.params().get("result");
        if (!"complete".equals(result) && !"fail".equals(result)) {
            return html(400, "<p>Press \"Complete authentication\" or \"Fail authentication\" (result=complete or "
                    + "result=fail).</p>", "Bad request");
        }
        Accounts.Account account = null;
        for (Accounts.Account a : accounts.all()) {
            if (a.id().equals(pending.accountId())) {
                account = a;
            }
        }
        boolean complete = "complete".equals(result);
        PaymentIntent after = account == null ? null
                : intents.authenticate(account, pending.id(), source, complete);
        if (after == null) {
            return gone();
        }
        String outcome = complete ? "complete" : "fail";
        if (pending.actionRedirect() && pending.returnUrl() != null) {
            String url = pending.returnUrl();
            String sep = url.contains("?") ? "&" : "?";
            int hash = url.indexOf('#');
            String fragment = hash < 0 ? "" : url.substring(hash);
            String base = hash < 0 ? url : url.substring(0, hash);
            String location = base + sep + "payment_intent=" + enc(after.id()) + "&payment_intent_client_secret="
                    + enc(after.clientSecret()) + "&redirect_status=" + (succeeded(after) ? "succeeded" : "failed")
                    + fragment;
            return new Answer(303, new byte[0], new String[] {"Location", location, "Content-Type",
                    "text/plain; charset=utf-8"});
        }
        Object origin = form.params().get("origin");
        String target = origin instanceof String o && validOrigin(o) ? o : "";
        String body = "<main id=\"done\" data-payment-intent=\"" + esc(after.id()) + "\" data-outcome=\"" + outcome
                + "\" data-origin=\"" + esc(target) + "\"><p>Authentication " + (complete ? "completed" : "failed")
                + ". You can close this page.</p></main>";
        return html(200, body, "Authentication " + (complete ? "completed" : "failed"));
    }

    private static boolean succeeded(PaymentIntent pi) {
        return !pi.status().equals(PaymentIntentEndpoints.REQUIRES_PAYMENT_METHOD)
                && !pi.status().equals(PaymentIntentEndpoints.CANCELED);
    }

    /** {@code http(s)://host[:port]} with nothing else: the only thing a message may be posted to. */
    static boolean validOrigin(String o) {
        if (!(o.startsWith("http://") || o.startsWith("https://")) || o.length() > 300) {
            return false;
        }
        String host = o.substring(o.indexOf("//") + 2);
        if (host.isEmpty()) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                    || c == ':' || c == '[' || c == ']')) {
                return false;
            }
        }
        return true;
    }

    private Answer gone() {
        return html(404, "<p>This authentication is not pending any more (it was completed, failed, canceled or "
                + "replaced by a new confirmation).</p>", "Authentication not found");
    }

    private static Answer html(int status, String main, String title) {
        String doc = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>"
                + "body{font:16px system-ui,sans-serif;margin:0;padding:24px;color:#1a1f36;background:#fff}"
                + "h1{font-size:20px}button{font:inherit;padding:10px 16px;margin:8px 8px 0 0;border:0;"
                + "border-radius:6px;background:#635bff;color:#fff;cursor:pointer}button.fail{background:#c0123c}"
                + ".note{color:#697386;font-size:14px}</style>"
                + "<script src=\"/v3/three-d-secure.js\" defer></script></head><body>" + main + "</body></html>";
        return new Answer(status, doc.getBytes(StandardCharsets.UTF_8), new String[] {"Content-Type",
                "text/html; charset=utf-8", "Content-Security-Policy", CSP, "Referrer-Policy", "no-referrer",
                "X-Content-Type-Options", "nosniff"});
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
