package dev.checkout.app.browser;

import dev.checkout.app.support.PaymentAdapters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 3-D Secure card in headless Chromium with the PaymentIntents adapter: the storefront gets 202 requires_action,
 * runs {@code stripe.handleCardAction}, the sandbox's test page opens in a modal on the provider's origin, and the
 * buyer completes it, fails it, or closes the page.
 */
class ThreeDSecureBrowserTest {
    static final String THREE_D_SECURE = "4000 0027 6000 3184";

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    private static Shop shop;
    private StorefrontPage page;

    @BeforeAll
    static void startShop() {
        // a short window and a busy reconciler, so that an abandoned authentication expires within the test
        shop = Shop.start(PaymentAdapters.PAYMENT_INTENTS, Map.of("checkout.authentication-window", "3s",
                "checkout.reconcile-interval", "300ms"));
    }

    @AfterAll
    static void stopShop() {
        if (shop != null) {
            shop.close();
        }
    }

    @BeforeEach
    void newPage() {
        CHROMIUM.phoneScreen(false);
        page = new StorefrontPage(CHROMIUM.driver());
    }

    /** Pays for one unit with the 3-D Secure card and waits for the bank's page in its modal. */
    private WebElement payAndAwaitTheBanksPage(String sku) {
        page.open(shop.url, sku);
        page.add(sku, 1);
        page.typeCard(THREE_D_SECURE, "12 / 34", "123", "94110");
        page.waitUntilPayEnabled();
        page.payButton().click();
        WebDriver driver = CHROMIUM.driver();
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            var found = d.findElements(By.cssSelector("[data-stripe-sandbox='3ds-modal'] iframe"));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** Presses "Complete authentication" or "Fail authentication" on the bank's test page, as the buyer would. */
    private void press(WebElement modal, String button) {
        WebDriver driver = CHROMIUM.driver();
        driver.switchTo().frame(modal);
        WebElement b = new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            var found = d.findElements(By.id(button));
            return found.isEmpty() ? null : found.get(0);
        });
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("3184");
        b.click();
        driver.switchTo().defaultContent();
    }

    @Test
    void the_buyer_authenticates_and_the_order_is_paid() {
        String sku = shop.newProduct("Walnut tray", 48_00, "usd", 5);

        WebElement modal = payAndAwaitTheBanksPage(sku);
        assertThat(shop.available(sku)).as("held while the buyer authenticates").isEqualTo(4);
        press(modal, "complete");

        assertThat(page.awaitOutcome()).isEqualTo("paid");
        assertThat(page.resultText()).contains("Walnut tray").contains("$48.00");
        var order = shop.order(page.orderId());
        assertThat(order.get("status").getStringValue()).isEqualTo("PAID");
        assertThat(shop.available(sku)).isEqualTo(4);
    }

    @Test
    void a_failed_authentication_says_so_clearly_and_puts_the_stock_back() {
        String sku = shop.newProduct("Cork board", 19_00, "usd", 5);

        WebElement modal = payAndAwaitTheBanksPage(sku);
        press(modal, "fail");

        assertThat(page.awaitOutcome()).isEqualTo("declined");
        assertThat(page.resultText()).contains("Your bank could not confirm this payment").contains("Nothing was charged");
        page.waitForShownStock(sku, 5);
        assertThat(shop.available(sku)).isEqualTo(5);
    }

    @Test
    void a_page_closed_during_authentication_lets_the_reservation_expire() throws Exception {
        String sku = shop.newProduct("Linen napkins", 24_00, "usd", 5);

        payAndAwaitTheBanksPage(sku);
        assertThat(shop.available(sku)).isEqualTo(4);
        CHROMIUM.driver().get("about:blank"); // the buyer closes the page: no confirmation ever comes

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (shop.available(sku) != 5 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(shop.available(sku)).as("the reconciler released the expired reservation").isEqualTo(5);
    }
}
