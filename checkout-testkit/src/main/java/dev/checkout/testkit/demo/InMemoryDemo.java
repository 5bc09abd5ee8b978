package dev.checkout.testkit.demo;

import dev.checkout.application.purchase.PurchaseCommand;
import dev.checkout.application.purchase.PurchaseCommand.RawItem;
import dev.checkout.application.purchase.PurchaseResult;
import dev.checkout.testkit.InMemoryCheckout;

import java.util.List;

/**
 * The purchase use case on the in-memory fakes, no server and no database: a completed purchase, a declined one and
 * an out-of-stock one. {@code ./run.sh demo}.
 */
public final class InMemoryDemo {

    private InMemoryDemo() {
    }

    public static void main(String[] args) {
        var shop = new InMemoryCheckout()
                .withProduct("mug-350", "Stoneware mug", 14_00, "usd", 3)
                .withProduct("tee-organic", "Organic T-shirt", 24_00, "usd", 1);

        show("2 mugs + 1 T-shirt, approved card", shop.purchases().purchase(
                PurchaseCommand.of("tok_demo_approved_1", 52_00L, "usd", List.of(new RawItem("mug-350", 2), new RawItem("tee-organic", 1)), null)));

        shop.gateway().declineNext("card_declined", "insufficient_funds", "Your card has insufficient funds.");
        show("1 mug, card without funds", shop.purchases().purchase(
                PurchaseCommand.of("tok_demo_declined_2", 14_00L, "usd", List.of(new RawItem("mug-350", 1)), null)));

        show("1 T-shirt, none left", shop.purchases().purchase(
                PurchaseCommand.of("tok_demo_approved_3", 24_00L, "usd", List.of(new RawItem("tee-organic", 1)), null)));

        System.out.println();
        shop.shop().products().forEach(p -> System.out.printf("  stock  %-12s %d left%n", p.sku(), p.available()));
    }

    private static void show(String what, PurchaseResult result) {
        String line = switch (result) {
            case PurchaseResult.Completed done -> "PAID      order " + done.order().id() + ", charged " + done.order().total()
                    + " (charge " + done.order().chargeId().orElseThrow() + ")";
            case PurchaseResult.PaymentDeclined declined -> "DECLINED  order " + declined.orderId() + ": "
                    + declined.reason().message() + " [" + declined.reason().declineCode() + "]";
            case PurchaseResult.OutOfStock out -> "SOLD OUT  " + out.skus() + ": nothing charged, no order";
            default -> result.toString();
        };
        System.out.printf("%-36s -> %s%n", what, line);
    }
}
