package dev.checkout.app.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merchant's page in headless Chromium against the real checkout and sandbox: signing in with the admin token,
 * refunding part of an order bought in the storefront, stock by a delta, and untrusted text shown as text.
 */
class AdminBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    private static Shop shop;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    static void startShop() {
        shop = Shop.start();
    }

    @AfterAll
    static void stopShop() {
        if (shop != null) {
            shop.close();
        }
    }

    @BeforeEach
    void freshTab() {
        CHROMIUM.phoneScreen(false);
        driver = CHROMIUM.driver();
        // the page re-renders a row after each change: a row found a moment before may be gone, so look again
        wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        // A tab of its own per test: forget the token on another page of the origin, before /admin could use it.
        driver.get(shop.url + "/api/config");
        js("sessionStorage.clear()");
        driver.get(shop.url + "/admin");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private void signIn(String token) {
        driver.findElement(By.id("token")).sendKeys(token);
        driver.findElement(By.id("login")).click();
    }

    private void signedIn() {
        signIn(Shop.ADMIN_TOKEN);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-app")));
        wait.until(d -> !d.findElements(By.cssSelector("#products tr")).isEmpty());
    }

    private WebElement productRow(String sku) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#products tr[data-sku='" + sku + "']")));
    }

    private long shownStock(String sku) {
        return Long.parseLong(productRow(sku).findElement(By.cssSelector(".stock-cell")).getAttribute("data-available"));
    }

    @Test
    void a_wrong_token_is_refused_with_a_clear_message_and_shows_nothing() {
        signIn("not-the-admin-token-0000");

        wait.until(ExpectedConditions.textMatches(By.id("login-error"), java.util.regex.Pattern.compile(".+")));
        assertThat(driver.findElement(By.id("login-error")).getText()).contains("admin token was refused");
        assertThat(driver.findElement(By.id("admin-app")).isDisplayed()).isFalse();
        assertThat(js("return sessionStorage.getItem('checkout.adminToken')")).isNull();
    }

    @Test
    void the_token_is_kept_for_the_tab_and_sent_as_a_bearer_header_only() {
        signedIn();

        assertThat(js("return sessionStorage.getItem('checkout.adminToken')")).isEqualTo(Shop.ADMIN_TOKEN);
        assertThat(js("return document.cookie")).isEqualTo("");
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-app")));
        assertThat(driver.findElements(By.cssSelector("#chart svg rect.bar"))).hasSize(24);
        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        assertThat(js("return sessionStorage.getItem('checkout.adminToken')")).isNull();
    }

    @Test
    void an_order_bought_in_the_storefront_is_found_and_one_of_its_two_items_refunded_with_restock() {
        String tote = shop.newProduct("Canvas tote", 18_00, "usd", 6);
        String cup = shop.newProduct("Espresso cup", 9_00, "usd", 6);
        var store = new StorefrontPage(driver).open(shop.url, tote);
        store.add(tote, 1);
        store.add(cup, 1);
        store.typeCard("4242 4242 4242 4242", "12 / 34", "123", "94110");
        store.waitUntilPayEnabled();
        store.payButton().click();
        assertThat(store.awaitOutcome()).isEqualTo("paid");
        String orderId = store.orderId();
        store.waitForShownStock(tote, 5);

        driver.get(shop.url + "/admin");
        signedIn();
        assertThat(driver.findElement(By.id("summary-figures")).getText()).contains("paid orders today");
        WebElement row = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#orders tr[data-order-id='" + orderId + "']")));
        assertThat(row.getText()).contains("paid").contains("$27.00");
        row.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("refund-form")));
        assertThat(driver.findElement(By.id("order-lines")).getText()).contains(tote).contains(cup);
        WebElement restockTote = driver.findElement(By.cssSelector("input[data-restock-sku='" + tote + "']"));
        restockTote.clear();
        restockTote.sendKeys("1");
        assertThat(driver.findElement(By.id("refund-amount")).getAttribute("value")).isEqualTo("18.00");
        driver.findElement(By.id("refund-submit")).click();
        WebElement confirm = wait.until(ExpectedConditions.elementToBeClickable(By.id("refund-confirm")));
        assertThat(driver.findElement(By.id("refund-question")).getText()).contains("$18.00").contains("1 × " + tote);
        confirm.click();

        wait.until(ExpectedConditions.textMatches(By.id("refund-result"), java.util.regex.Pattern.compile("Refunded .*")));
        assertThat(driver.findElement(By.id("refund-result")).getText()).contains("$18.00").contains("re_");
        assertThat(driver.findElement(By.id("order-status")).getText()).isEqualTo("partially refunded");
        assertThat(driver.findElement(By.id("order-refunds")).getText()).contains("succeeded").contains("1 × " + tote);
        assertThat(shop.order(orderId).get("status").getStringValue()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(shop.adminOrder(orderId).get("refunds").get(0).get("requestKey").getStringValue())
                .as("the page sends an Idempotency-Key with the refund, so pressing again after a lost answer repeats it")
                .matches("[0-9a-f-]{32,36}");
        CHROMIUM.screenshot("admin-order-refunded");

        store.open(shop.url, tote);
        assertThat(store.shownStock(tote)).isEqualTo(6);
        assertThat(store.shownStock(cup)).isEqualTo(5);
    }

    @Test
    void stock_is_adjusted_by_a_delta_and_a_removal_below_zero_is_refused() {
        String sku = shop.newProduct("Oak coaster", 4_00, "usd", 10);
        signedIn();

        WebElement row = productRow(sku);
        row.findElement(By.cssSelector(".stock-delta")).sendKeys("-3");
        row.findElement(By.cssSelector(".stock-apply")).click();
        wait.until(d -> shownStock(sku) == 7);
        assertThat(shop.available(sku)).isEqualTo(7);

        row = productRow(sku);
        row.findElement(By.cssSelector(".stock-delta")).sendKeys("-8");
        row.findElement(By.cssSelector(".stock-apply")).click();
        wait.until(ExpectedConditions.textMatches(By.id("products-message"), java.util.regex.Pattern.compile(".*would leave.*")));
        assertThat(driver.findElement(By.id("products-message")).getText()).contains("has 7 units");
        assertThat(shop.available(sku)).isEqualTo(7);
    }

    @Test
    void a_product_is_added_and_its_name_and_price_edited_on_the_page() {
        signedIn();
        String sku = "b-add-" + Long.toHexString(System.nanoTime());
        driver.findElement(By.id("new-sku")).sendKeys(sku);
        driver.findElement(By.id("new-name")).sendKeys("Linen napkin");
        driver.findElement(By.id("new-price")).sendKeys("6.50");
        driver.findElement(By.id("new-stock")).clear();
        driver.findElement(By.id("new-stock")).sendKeys("12");
        driver.findElement(By.id("new-submit")).click();
        wait.until(d -> productRow(sku).getText().contains("Linen napkin") && productRow(sku).getText().contains("$6.50"));
        wait.until(ExpectedConditions.textMatches(By.id("products-message"), java.util.regex.Pattern.compile("Added .*")));

        productRow(sku).findElement(By.cssSelector(".edit-product")).click();
        WebElement name = productRow(sku).findElement(By.cssSelector(".edit-name"));
        name.clear();
        name.sendKeys("Linen napkin, blue");
        WebElement price = productRow(sku).findElement(By.cssSelector(".edit-price"));
        price.clear();
        price.sendKeys("7");
        productRow(sku).findElement(By.cssSelector(".edit-save")).click();

        wait.until(d -> productRow(sku).getText().contains("$7.00"));
        String shownName = wait.until(d -> productRow(sku).findElement(By.cssSelector(".product-name")).getText());
        assertThat(shownName).isEqualTo("Linen napkin, blue");
        assertThat(shop.available(sku)).isEqualTo(12);
    }

    @Test
    void a_product_name_with_markup_is_shown_as_text() {
        String name = "<script>window.__pwned = 1</script><b>bold</b>";
        String sku = shop.newProduct(name, 3_00, "usd", 1);
        signedIn();

        WebElement cell = productRow(sku).findElement(By.cssSelector(".product-name"));
        assertThat(cell.getText()).isEqualTo(name);
        assertThat(cell.findElements(By.cssSelector("script, b"))).isEmpty();
        assertThat(js("return window.__pwned === undefined")).isEqualTo(true);
    }
}
