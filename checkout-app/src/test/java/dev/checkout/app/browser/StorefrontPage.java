package dev.checkout.app.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The storefront as a buyer uses it: add products, type a card into the provider's frame, press Pay, read. */
final class StorefrontPage {
    /** Generous: a purchase crosses two servers, and CI machines are shared. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** What a script writes when it renders a missing or unconverted value; a buyer should never read it. */
    static final Pattern PROGRAM_JUNK = Pattern.compile("\\b(null|undefined|NaN)\\b|\\[object \\w+]");

    private final WebDriver driver;
    private final WebDriverWait wait;

    StorefrontPage(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
    }

    /** Opens the store and waits until {@code sku} is listed and the card element is ready. */
    StorefrontPage open(String url, String sku) {
        driver.get(url);
        wait.until(ExpectedConditions.presenceOfElementLocated(product(sku)));
        wait.until(d -> Boolean.TRUE.equals(js("return !!document.querySelector('#card-element iframe')")));
        // the library marks its container once the frame is up; until then typing would go nowhere
        wait.until(d -> Boolean.TRUE.equals(js("return document.getElementById('card-element')"
                + ".classList.contains('StripeElement')")));
        inCardFrame(() -> wait.until(ExpectedConditions.elementToBeClickable(By.id("cardnumber"))));
        return this;
    }

    /** Counts this page's requests to /purchase from now on (the page's own fetch, wrapped). */
    void countPurchaseRequests() {
        js("""
                window.__purchaseRequests = 0;
                const original = window.fetch;
                window.fetch = function (input, init) {
                  const url = new URL(typeof input === 'string' ? input : input.url, location.href);
                  if (url.pathname === '/purchase') window.__purchaseRequests++;
                  return original.apply(this, arguments);
                };""");
    }

    long purchaseRequests() {
        return ((Number) js("return window.__purchaseRequests")).longValue();
    }

    void add(String sku, int times) {
        for (int i = 0; i < times; i++) {
            driver.findElement(product(sku)).findElement(By.cssSelector(".add-button")).click();
        }
    }

    /** Types into the provider's frame, field by field, as a buyer would. */
    void typeCard(String number, String expiry, String cvc, String postalCode) {
        inCardFrame(() -> {
            driver.findElement(By.id("cardnumber")).sendKeys(number);
            driver.findElement(By.id("exp-date")).sendKeys(expiry);
            driver.findElement(By.id("cvc")).sendKeys(cvc);
            driver.findElement(By.id("postal")).sendKeys(postalCode);
            return null;
        });
    }

    <T> T inCardFrame(java.util.function.Supplier<T> action) {
        driver.switchTo().frame(cardFrame());
        try {
            return action.get();
        } finally {
            driver.switchTo().defaultContent();
        }
    }

    WebElement cardFrame() {
        return driver.findElement(By.cssSelector("#card-element iframe"));
    }

    WebElement payButton() {
        return driver.findElement(By.id("pay"));
    }

    void waitUntilPayEnabled() {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("pay")));
    }

    /**
     * Waits for the result panel and returns its outcome: paid, declined, sold-out, pending or error. Fails when the
     * panel shows program junk anywhere ({@link #PROGRAM_JUNK}), since what a buyer reads there is the outcome too.
     */
    String awaitOutcome() {
        wait.until(d -> d.findElement(By.id("result")).getAttribute("data-outcome") != null
                && d.findElement(By.id("result")).isDisplayed());
        // and for the stock refresh that follows every purchase, which re-enables the page
        wait.until(d -> Boolean.FALSE.equals(js("return document.getElementById('pay').getAttribute('aria-busy') === 'true'")));
        // text node by text node: rendered values sit next to each other without spaces ("$64.00" "null")
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) js("""
                const walker = document.createTreeWalker(document.getElementById('result'), NodeFilter.SHOW_TEXT);
                const texts = [];
                while (walker.nextNode()) texts.push(walker.currentNode.nodeValue);
                return texts;""");
        for (String text : texts) {
            Matcher junk = PROGRAM_JUNK.matcher(text);
            if (junk.find()) {
                throw new AssertionError("the result panel shows \"" + junk.group() + "\", a value the page failed to render, in "
                        + texts);
            }
        }
        return driver.findElement(By.id("result")).getAttribute("data-outcome");
    }

    String resultText() {
        return driver.findElement(By.id("result")).getText();
    }

    String orderId() {
        return driver.findElement(By.id("order-id")).getText();
    }

    String cardError() {
        return driver.findElement(By.id("card-errors")).getText();
    }

    void waitForCardError(String message) {
        wait.until(ExpectedConditions.textToBe(By.id("card-errors"), message));
    }

    /** The stock figure the page shows for {@code sku} (from the element's data, not the wording). */
    long shownStock(String sku) {
        return Long.parseLong(driver.findElement(product(sku)).findElement(By.cssSelector(".stock"))
                .getAttribute("data-available"));
    }

    String shownStockText(String sku) {
        return driver.findElement(product(sku)).findElement(By.cssSelector(".stock")).getText();
    }

    void waitForShownStock(String sku, long expected) {
        wait.until(d -> shownStock(sku) == expected);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object asyncJs(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    private static By product(String sku) {
        return By.cssSelector(".product[data-sku='" + sku + "']");
    }
}
