package dev.checkout.app.browser;

import dev.checkout.app.support.PaymentAdapters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steps 1-8 in a real browser: the storefront served by the checkout, the card element served by the sandbox from
 * another origin, and a buyer typing into it in headless Chromium. Each test stocks a product of its own. The whole
 * class runs once per payment adapter: with either, the page behaves the same for these cards.
 */
@ParameterizedClass(name = "payment adapter {0}")
@ValueSource(strings = {PaymentAdapters.CHARGES, PaymentAdapters.PAYMENT_INTENTS})
class StorefrontBrowserTest {
    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    private static Shop shop;
    private static String shopAdapter;
    @Parameter
    String paymentAdapter;
    private StorefrontPage page;

    /** The shop on this invocation's adapter, started by its first test (parameters are injected into instances). */
    @BeforeEach
    void startShop() {
        if (shop != null && !paymentAdapter.equals(shopAdapter)) {
            stopShop();
        }
        if (shop == null) {
            shop = Shop.start(paymentAdapter, Map.of());
            shopAdapter = paymentAdapter;
        }
    }

    @AfterAll
    static void stopShop() {
        if (shop != null) {
            shop.close();
            shop = null;
        }
    }

    @BeforeEach
    void newPage() {
        CHROMIUM.phoneScreen(false);
        page = new StorefrontPage(CHROMIUM.driver());
    }

    @Test
    void paying_with_4242_shows_the_order_and_the_stock_drops_on_the_page_and_in_the_api() {
        String sku = shop.newProduct("Linen apron", 32_00, "usd", 10);
        page.open(shop.url, sku);
        assertThat(page.shownStock(sku)).isEqualTo(10);
        page.add(sku, 2);
        page.typeCard("4242 4242 4242 4242", "12 / 34", "123", "94110");
        page.waitUntilPayEnabled();
        assertThat(page.payButton().getText()).isEqualTo("Pay $64.00");

        page.payButton().click();

        assertThat(page.awaitOutcome()).isEqualTo("paid");
        String orderId = page.orderId();
        assertThat(orderId).isNotBlank();
        assertThat(page.resultText()).contains("Linen apron × 2").contains("$64.00");
        page.waitForShownStock(sku, 8);
        assertThat(shop.available(sku)).isEqualTo(8);
        var order = shop.order(orderId);
        assertThat(order.get("status").getStringValue()).isEqualTo("PAID");
        assertThat(order.get("amount").getLongValue()).isEqualTo(64_00);
        assertThat(order.get("chargeId").getStringValue()).startsWith("ch_");
    }

    @Test
    void an_insufficient_funds_decline_shows_the_providers_message_and_leaves_the_stock() {
        String sku = shop.newProduct("Beeswax candle", 12_00, "usd", 5);
        page.open(shop.url, sku);
        page.add(sku, 1);
        page.typeCard("4000 0000 0000 9995", "12 / 34", "123", "94110");
        page.waitUntilPayEnabled();

        page.payButton().click();

        assertThat(page.awaitOutcome()).isEqualTo("declined");
        assertThat(page.resultText()).contains("Your card has insufficient funds.");
        assertThat(page.shownStock(sku)).isEqualTo(5);
        assertThat(shop.available(sku)).isEqualTo(5);
    }

    @Test
    void a_number_failing_luhn_shows_the_inline_error_keeps_pay_disabled_and_sends_nothing() {
        String sku = shop.newProduct("Oak coaster set", 22_00, "usd", 6);
        page.open(shop.url, sku);
        page.countPurchaseRequests();
        int chargesBefore = shop.chargesAtTheProvider();
        page.add(sku, 1);

        page.typeCard("4242 4242 4242 4241", "12 / 34", "123", "94110");

        // Stripe.js's change-event wording for a number that fails the checksum (spec 11.2)
        page.waitForCardError("Your card number is invalid.");
        assertThat(page.inCardFrame(() -> CHROMIUM.driver().findElement(By.id("cardnumber"))
                .getAttribute("aria-invalid"))).isEqualTo("true");
        assertThat(page.payButton().isEnabled()).isFalse();
        // neither a click on the disabled button nor submitting the form by script gets a purchase out
        page.payButton().click();
        page.js("document.getElementById('payment-form').requestSubmit()");
        page.js("document.getElementById('pay').click()");
        assertThat(page.purchaseRequests()).isZero();
        assertThat(shop.chargesAtTheProvider()).isEqualTo(chargesBefore);
        assertThat(shop.available(sku)).isEqualTo(6);
        assertThat(page.cardError()).isEqualTo("Your card number is invalid.");
    }

    @Test
    void a_script_on_the_merchant_page_cannot_read_the_card_number() {
        String sku = shop.newProduct("Cotton napkins", 16_00, "usd", 4);
        page.open(shop.url, sku);
        page.js("window.__messages = []; window.addEventListener('message', e => "
                + "window.__messages.push(JSON.stringify(e.data)));");
        page.typeCard("4242 4242 4242 4242", "12 / 34", "123", "94110");
        page.inCardFrame(() -> assertThat(CHROMIUM.driver().findElement(By.id("cardnumber")).getAttribute("value"))
                .isEqualTo("4242 4242 4242 4242"));

        @SuppressWarnings("unchecked")
        Map<String, Object> attempt = (Map<String, Object>) page.js("""
                const frame = document.querySelector('#card-element iframe');
                const out = {frameOrigin: new URL(frame.src).origin, pageOrigin: location.origin};
                out.contentDocument = frame.contentDocument === null ? 'null' : 'readable';
                try {
                  out.viaWindow = frame.contentWindow.document.getElementById('cardnumber').value;
                } catch (e) {
                  out.viaWindow = e.name;
                }
                out.inputsOnPage = document.querySelectorAll('input').length;
                out.messages = window.__messages.length;
                out.leaked = window.__messages.some(m => /4242\\s?4242|"(number|cvc|exp_month|exp_year)"/.test(m));
                return out;""");

        assertThat(attempt.get("frameOrigin")).isEqualTo(shop.sandbox.baseUrl()).isNotEqualTo(attempt.get("pageOrigin"));
        assertThat(attempt.get("contentDocument")).isEqualTo("null");
        assertThat(attempt.get("viaWindow")).isEqualTo("SecurityError");
        assertThat(attempt.get("inputsOnPage")).isEqualTo(0L);
        // the page did hear from the frame (change events), just never the number or the CVC
        assertThat((Long) attempt.get("messages")).isPositive();
        assertThat(attempt.get("leaked")).isEqualTo(false);
    }

    @Test
    void a_double_click_on_pay_buys_once() {
        String sku = shop.newProduct("Ceramic bowl", 18_00, "usd", 9);
        page.open(shop.url, sku);
        page.countPurchaseRequests();
        int chargesBefore = shop.chargesAtTheProvider();
        page.add(sku, 3);
        page.typeCard("4242 4242 4242 4242", "12 / 34", "123", "94110");
        page.waitUntilPayEnabled();

        new Actions(CHROMIUM.driver()).doubleClick(page.payButton()).perform();

        assertThat(page.awaitOutcome()).isEqualTo("paid");
        page.waitForShownStock(sku, 6);
        assertThat(page.purchaseRequests()).isEqualTo(1);
        assertThat(shop.chargesAtTheProvider()).isEqualTo(chargesBefore + 1);
        assertThat(shop.available(sku)).isEqualTo(6);
    }

    @Test
    void an_item_sold_out_meanwhile_is_named_and_the_page_shows_it_sold_out() {
        String sku = shop.newProduct("Walnut spoon", 9_00, "usd", 1);
        page.open(shop.url, sku);
        page.add(sku, 1);
        page.typeCard("4242 4242 4242 4242", "12 / 34", "123", "94110");
        page.waitUntilPayEnabled();
        shop.putProduct(sku, "Walnut spoon", 9_00, "usd", 0); // another buyer got the last one

        page.payButton().click();

        assertThat(page.awaitOutcome()).isEqualTo("sold-out");
        assertThat(page.resultText()).contains("Sold out: Walnut spoon");
        assertThat(page.shownStockText(sku)).isEqualTo("Sold out");
        assertThat(shop.available(sku)).isZero();
    }

    @Test
    void the_token_endpoint_answers_the_storefronts_origin() {
        String sku = shop.newProduct("Tea towel", 8_00, "usd", 3);
        page.open(shop.url, sku);

        // a cross-origin POST with an Authorization header: the browser sends a preflight first
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) page.asyncJs("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0] + '/v1/tokens', {
                  method: 'POST',
                  headers: {'Authorization': 'Bearer ' + arguments[1]},
                  body: new URLSearchParams({'card[number]': '4242424242424242', 'card[exp_month]': '12',
                    'card[exp_year]': '2034', 'card[cvc]': '123'})
                }).then(r => r.json().then(b => done({status: r.status, id: b.id})))
                  .catch(e => done({status: 0, error: String(e)}));""",
                shop.sandbox.baseUrl(), shop.sandbox.publishableKey());

        assertThat(answer).containsEntry("status", 200L);
        assertThat((String) answer.get("id")).startsWith("tok_");
    }

    @Test
    void the_store_fits_a_phone_and_a_desktop_and_formats_yen_without_decimals() {
        String sku = shop.newProduct("Hinoki soap", 1_400, "jpy", 7);
        page.open(shop.url, sku);
        assertThat(page.js("return document.querySelector(\".product[data-sku='" + sku + "'] .price\").textContent"))
                .isEqualTo("¥1,400");
        CHROMIUM.screenshot("storefront-desktop");

        CHROMIUM.phoneScreen(true);
        page.open(shop.url, sku);
        assertThat(page.js("return window.innerWidth")).isEqualTo(390L);
        assertThat((Long) page.js("return document.documentElement.scrollWidth"))
                .as("no sideways scrolling at phone width").isLessThanOrEqualTo(390L);
        assertThat((Long) page.js("return Math.round(document.getElementById('card-element').getBoundingClientRect().width)"))
                .isBetween(250L, 390L);
        CHROMIUM.screenshot("storefront-phone");

        // on a phone the cart is below the products: a bar leads there once something is in it
        page.add(sku, 1);
        WebElement bar = CHROMIUM.driver().findElement(By.id("cart-bar"));
        new WebDriverWait(CHROMIUM.driver(), Duration.ofSeconds(10)).until(d -> bar.isDisplayed());
        assertThat(bar.getText()).contains("1 item").contains("¥1,400");
        CHROMIUM.screenshot("storefront-phone-cart-bar");
        bar.click();
        new WebDriverWait(CHROMIUM.driver(), Duration.ofSeconds(10)).until(d -> !bar.isDisplayed());
        assertThat(page.payButton().isDisplayed()).isTrue();
    }
}
