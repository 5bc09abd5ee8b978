package dev.checkout.bench;

import dev.checkout.adapter.stripe.StripePaymentGateway;
import dev.checkout.adapter.stripe.StripeSettings;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.payment.ChargeOutcome;
import dev.checkout.domain.payment.ChargeRequest;
import dev.checkout.domain.payment.PaymentToken;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The child JVM of {@code provider-floor}, started by {@link ProviderFloorScenario} on the checkout's jar (which holds
 * adapter-stripe, the domain and stripe-java) plus the bench's: {@code <api base> <secret key> <buyers>}. It builds
 * the checkout's {@link StripePaymentGateway} with the checkout's default timeouts and retries, and charges
 * {@code tok_visa} for a fresh order id in a closed loop on one virtual thread per buyer, nothing else. Each line
 * read from stdin is answered with the counts so far ({@link ChargeCounts}) on stdout; the end of stdin ends it. The
 * parent measures its CPU from /proc.
 */
public final class ProviderFloorMain {
    private ProviderFloorMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream counts = System.out;
        System.setOut(System.err); // whatever logs to the console goes to the log file; stdout carries the counts only
        String apiBase = args[0];
        String secretKey = args[1];
        int buyers = Integer.parseInt(args[2]);

        var gateway = new StripePaymentGateway(StripeSettings.of(secretKey).withApiBase(apiBase));
        var approved = new LongAdder();
        var others = new ConcurrentHashMap<String, LongAdder>();
        PaymentToken token = PaymentToken.of("tok_visa");
        Money amount = Money.of(1999, "usd");
        String run = Long.toString(System.currentTimeMillis(), 36);
        for (int b = 0; b < buyers; b++) {
            String orderPrefix = "floor_" + run + "_" + b + "_";
            Thread.ofVirtual().name("buyer-" + b).start(() -> {
                for (long n = 0; ; n++) {
                    String outcome;
                    try {
                        ChargeOutcome o = gateway.charge(ChargeRequest.forOrder(token, amount, OrderId.of(orderPrefix + n)));
                        if (o instanceof ChargeOutcome.Approved) {
                            approved.increment();
                            continue;
                        }
                        outcome = o.getClass().getSimpleName();
                    } catch (RuntimeException e) {
                        outcome = e.getClass().getSimpleName();
                    }
                    others.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                }
            });
        }

        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            Map<String, Long> otherCounts = new TreeMap<>();
            others.forEach((what, n) -> otherCounts.put(what, n.sum()));
            counts.println(new ChargeCounts(approved.sum(), otherCounts).line());
            counts.flush();
        }
        System.exit(0);
    }
}
