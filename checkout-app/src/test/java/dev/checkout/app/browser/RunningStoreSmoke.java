package dev.checkout.app.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One buyer in headless Chromium at a store that is already running, started by {@code ./run.sh}: the browser step
 * of {@code scripts/smoke.sh}, which passes the store's URL as {@code -Dsmoke.store}. Not part of the suite (the
 * name matches none of Surefire's patterns); the suite's own browser tests are {@link StorefrontBrowserTest}.
 */
class RunningStoreSmoke {
    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    @Test
    void a_buyer_pays_with_4242_and_reads_a_clean_confirmation() {
        String store = System.getProperty("smoke.store");
        String sku = System.getProperty("smoke.sku", "mug-350");
        assertThat(store).as("the running store's URL, -Dsmoke.store=http://localhost:<port>").isNotBlank();
        var page = new StorefrontPage(CHROMIUM.driver()).open(store, sku);
        long before = page.shownStock(sku);

        page.add(sku, 1);
        page.typeCard("4242 4242 4242 4242", "12 / 34", "123", "94110");
        page.waitUntilPayEnabled();
        page.payButton().click();

        // awaitOutcome also fails on program junk (null, undefined, NaN, [object Object]) anywhere in the panel
        assertThat(page.awaitOutcome()).as(page.resultText()).isEqualTo("paid");
        assertThat(page.resultText()).contains("Thank you, your order is confirmed").contains(" × 1");
        assertThat(page.orderId()).startsWith("ord_");
        page.waitForShownStock(sku, before - 1);
        System.out.println("smoke: the browser bought 1 x " + sku + ", order " + page.orderId() + "; the panel reads: "
                + page.resultText().replace('\n', ' '));
    }
}
