package dev.checkout.sandbox.browser;

import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentCreateParams;
import com.sun.net.httpserver.HttpServer;
import dev.checkout.sandbox.TestSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's Stripe.js in real headless Chromium (Debian's chromium and chromedriver, as the storefront's
 * browser tests use): a merchant page on another origin runs {@code stripe.handleCardAction} and
 * {@code stripe.confirmCardPayment}; the buyer presses a button on the test page in the modal iframe (PaymentIntents
 * spec 5.3, 5.4). Skipped when the binaries are missing, unless {@code CI=true}.
 */
class HandleCardActionBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static final TestSandbox T = TestSandbox.shared();
    private static HttpServer merchant;
    private static ChromeDriverService service;
    private static ChromeDriver driver;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "needs Debian's Chromium and chromedriver at " + CHROMIUM + " and " + CHROMEDRIVER;
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but the browser test " + why);
            }
            Assumptions.abort("Skipped: the browser test " + why);
        }
        // the merchant's page: another origin (another port) that loads the library from the sandbox
        byte[] page = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>shop</title>"
                + "<script src=\"" + T.sandbox.baseUrl() + "/v3/\"></script></head><body><h1>Shop</h1>"
                + "<div id=\"card\"></div></body></html>").getBytes(StandardCharsets.UTF_8);
        merchant = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        merchant.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        merchant.start();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        System.setProperty("SE_OFFLINE", "true");
        profile = Files.createTempDirectory("chromium-profile-");
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1000,900", "--user-data-dir=" + profile);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (merchant != null) {
            merchant.stop(0);
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @BeforeEach
    void openShop() {
        driver.switchTo().defaultContent();
        driver.get("http://127.0.0.1:" + merchant.getAddress().getPort() + "/");
        driver.executeScript("window.stripe = Stripe(arguments[0]); window.__result = null;",
                T.sandbox.publishableKey());
    }

    private PaymentIntent requiresAction(PaymentIntentCreateParams.ConfirmationMethod confirmation) throws Exception {
        PaymentIntent pi = T.secret.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(2000L)
                .setCurrency("usd").setConfirm(true).setConfirmationMethod(confirmation)
                .addAllowedPaymentMethodType(PaymentIntentCreateParams.AllowedPaymentMethodType.CARD)
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.AUTOMATIC)
                .setPaymentMethod("pm_card_authenticationRequired").build());
        assertThat(pi.getStatus()).isEqualTo("requires_action");
        return pi;
    }

    /** Starts a library call whose outcome lands in {@code window.__result}. */
    private void run(String call, Object... args) {
        driver.executeScript(call + ".then(function (r) { window.__result = r; }, "
                + "function (e) { window.__result = {rejected: e.name + ': ' + e.message}; });", args);
    }

    /** Presses a button of the test page inside the modal, as the buyer would. */
    private void press(String button) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        WebElement frame = wait.until(d -> {
            var found = d.findElements(By.cssSelector("[data-stripe-sandbox='3ds-modal'] iframe"));
            return found.isEmpty() ? null : found.get(0);
        });
        driver.switchTo().frame(frame);
        WebElement b = wait.until(d -> {
            var found = d.findElements(By.id(button));
            return found.isEmpty() ? null : found.get(0);
        });
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("$20.00").contains("3184");
        b.click();
        driver.switchTo().defaultContent();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> result() {
        return (Map<String, Object>) new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> driver.executeScript("return window.__result;"));
    }

    @Test
    void complete_resolves_the_intent_in_requires_confirmation_and_the_server_confirms() throws Exception {
        PaymentIntent pi = requiresAction(PaymentIntentCreateParams.ConfirmationMethod.MANUAL);
        run("stripe.handleCardAction(arguments[0])", pi.getClientSecret());
        press("complete");

        Map<String, Object> r = result();
        assertThat(r).containsOnlyKeys("paymentIntent");
        Map<String, Object> intent = (Map<String, Object>) r.get("paymentIntent");
        assertThat(intent).containsEntry("id", pi.getId()).containsEntry("status", "requires_confirmation");
        assertThat(driver.findElements(By.cssSelector("[data-stripe-sandbox='3ds-modal']"))).isEmpty();
        assertThat(T.secret.v1().paymentIntents().confirm(pi.getId()).getStatus()).isEqualTo("succeeded");
    }

    @Test
    void fail_resolves_an_error_with_the_intent_back_in_requires_payment_method() throws Exception {
        PaymentIntent pi = requiresAction(PaymentIntentCreateParams.ConfirmationMethod.MANUAL);
        run("stripe.handleCardAction(arguments[0])", pi.getClientSecret());
        press("fail");

        Map<String, Object> r = result();
        assertThat(r).containsOnlyKeys("error");
        Map<String, Object> error = (Map<String, Object>) r.get("error");
        assertThat(error).containsEntry("code", "payment_intent_authentication_failure")
                .containsEntry("type", "invalid_request_error");
        assertThat((Map<String, Object>) error.get("payment_intent")).containsEntry("status",
                "requires_payment_method");
        assertThat(T.secret.v1().paymentIntents().retrieve(pi.getId()).getStatus())
                .isEqualTo("requires_payment_method");
    }

    @Test
    void an_intent_that_needs_no_action_is_an_integration_mistake() throws Exception {
        PaymentIntent paid = T.secret.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(2000L).setCurrency("usd").setConfirm(true).addPaymentMethodType("card")
                .setPaymentMethod("pm_card_visa").build());
        run("stripe.handleCardAction(arguments[0])", paid.getClientSecret());
        assertThat(result().get("rejected")).asString().startsWith("IntegrationError").contains("succeeded");
        run("stripe.handleCardAction('tok_visa')");
        assertThat(result().get("rejected")).asString().contains("client secret");
    }

    @Test
    void confirm_card_payment_with_a_token_runs_the_challenge_and_pays() throws Exception {
        PaymentIntent open = T.secret.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(2000L).setCurrency("usd").addPaymentMethodType("card").build());
        String token = T.token("4000002760003184").getId();
        run("stripe.confirmCardPayment(arguments[0], {payment_method: {card: {token: arguments[1]}}})",
                open.getClientSecret(), token);
        press("complete");

        Map<String, Object> intent = (Map<String, Object>) result().get("paymentIntent");
        assertThat(intent).containsEntry("status", "succeeded");
        assertThat(intent).doesNotContainKey("metadata");
        assertThat(T.secret.v1().paymentIntents().retrieve(open.getId()).getStatus()).isEqualTo("succeeded");
    }

    @Test
    void the_page_opens_at_the_library_origin_when_the_server_used_another_host_name() throws Exception {
        // the merchant's server reaches the sandbox as localhost, the browser loaded the library from 127.0.0.1
        var server = com.stripe.StripeClient.builder().setApiKey(T.sandbox.secretKey())
                .setApiBase("http://localhost:" + T.sandbox.port()).build();
        PaymentIntent pi = server.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(2000L)
                .setCurrency("usd").setConfirm(true)
                .setConfirmationMethod(PaymentIntentCreateParams.ConfirmationMethod.MANUAL)
                .addAllowedPaymentMethodType(PaymentIntentCreateParams.AllowedPaymentMethodType.CARD)
                .setPaymentMethod("pm_card_authenticationRequired").build());
        assertThat((String) pi.getNextAction().getUseStripeSdk().get("stripe_js")).startsWith("http://localhost:");
        run("stripe.handleCardAction(arguments[0])", pi.getClientSecret());
        press("complete");
        assertThat((Map<String, Object>) result().get("paymentIntent")).containsEntry("status",
                "requires_confirmation");
    }
}
