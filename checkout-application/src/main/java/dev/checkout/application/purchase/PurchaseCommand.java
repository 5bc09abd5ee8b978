package dev.checkout.application.purchase;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.CurrencyCode;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.Quantity;
import dev.checkout.domain.payment.PaymentToken;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * A buyer's request to pay: the provider's token, the total the buyer was shown, the items, and optionally the
 * buyer's idempotency key. Validates itself; a {@link DomainException} names the offending field.
 *
 * @param token the provider's single-use token for the buyer's card
 * @param statedTotal the total the buyer was shown, 1 to {@value #MAX_AMOUNT} minor units; the purchase charges only
 *                    if the catalogue's prices add up to exactly this amount in this currency
 * @param items 1 to {@value Order#MAX_LINES} items, at most one per SKU; copied unmodifiable
 * @param clientKey the buyer's idempotency key, empty if none was sent; null is taken as empty
 */
public record PurchaseCommand(PaymentToken token, Money statedTotal, List<Item> items, Optional<ClientKey> clientKey) {
    /** The largest amount a provider takes in one charge (8 digits of minor units, as Stripe's limit). */
    public static final long MAX_AMOUNT = 99_999_999L;

    /**
     * One requested line: which product, how many. The price is not the buyer's to say: the catalogue's is used.
     *
     * @param sku the product
     * @param quantity how many units
     */
    public record Item(Sku sku, Quantity quantity) {
        /**
         * Validates the item.
         *
         * @throws DomainException if a component is null
         */
        public Item {
            DomainException.require(sku, "sku");
            DomainException.require(quantity, "quantity");
        }
    }

    /**
     * An item as it arrives from outside, before validation; {@link #of} checks it.
     *
     * @param sku the SKU as sent, or null
     * @param quantity the quantity as sent, or null
     */
    public record RawItem(String sku, Integer quantity) {}

    /**
     * Validates the command.
     *
     * @throws DomainException if token, total or items is null; the items are empty, more than
     *         {@value Order#MAX_LINES} or repeat a SKU (field {@code items[i].sku}); or the total is zero or above
     *         {@value #MAX_AMOUNT} minor units (field {@code amount})
     */
    public PurchaseCommand {
        DomainException.require(token, "token");
        DomainException.require(statedTotal, "amount");
        DomainException.require(items, "items");
        clientKey = clientKey == null ? Optional.empty() : clientKey;
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new DomainException("items", "items must list at least one {sku, quantity}");
        }
        if (items.size() > Order.MAX_LINES) {
            throw new DomainException("items", "items may have at most " + Order.MAX_LINES + " entries, had " + items.size());
        }
        var seen = new HashSet<Sku>();
        for (int i = 0; i < items.size(); i++) {
            if (!seen.add(items.get(i).sku())) {
                throw new DomainException("items[" + i + "].sku",
                        "sku " + items.get(i).sku() + " appears twice; send one item per sku with the total quantity");
            }
        }
        if (statedTotal.isZero() || statedTotal.minorUnits() > MAX_AMOUNT) {
            throw new DomainException("amount", "amount must be between 1 and " + MAX_AMOUNT + " minor units, was " + statedTotal.minorUnits());
        }
    }

    /**
     * Builds a command from raw input, naming each bad field the way the caller sent it
     * (e.g. {@code items[2].quantity}). Checks run in the order of the parameters, so the first bad field is
     * reported.
     *
     * @param token the token's id from the provider, e.g. {@code tok_...}
     * @param amount the total shown to the buyer in minor units, 1 to {@value #MAX_AMOUNT}
     * @param currency an ISO 4217 code in any case, e.g. {@code "usd"}
     * @param items 1 to {@value Order#MAX_LINES} items, each with a SKU and a quantity of 1 to {@value Quantity#MAX},
     *              at most one per SKU
     * @param idempotencyKey the buyer's {@code Idempotency-Key}, or null if none was sent
     * @return the validated command
     * @throws DomainException naming the first bad field: {@code token}, {@code amount}, {@code currency},
     *         {@code items}, {@code items[i]}, {@code items[i].sku}, {@code items[i].quantity} or
     *         {@code Idempotency-Key}
     */
    public static PurchaseCommand of(String token, Long amount, String currency, List<RawItem> items, String idempotencyKey) {
        PaymentToken paymentToken = PaymentToken.of(token);
        if (amount == null) {
            throw new DomainException("amount", "amount is required: the total shown to the buyer, in minor units (e.g. 2500 for 25.00)");
        }
        if (amount <= 0 || amount > MAX_AMOUNT) {
            throw new DomainException("amount", "amount must be between 1 and " + MAX_AMOUNT + " minor units, was " + amount);
        }
        if (currency == null || currency.isBlank()) {
            throw new DomainException("currency", "currency is required, e.g. \"usd\"");
        }
        Money total = Money.of(amount, CurrencyCode.of(currency));
        if (items == null || items.isEmpty()) {
            throw new DomainException("items", "items must list at least one {sku, quantity}");
        }
        if (items.size() > Order.MAX_LINES) {
            throw new DomainException("items", "items may have at most " + Order.MAX_LINES + " entries, had " + items.size());
        }
        var parsed = new ArrayList<Item>(items.size());
        for (int i = 0; i < items.size(); i++) {
            RawItem raw = items.get(i);
            String at = "items[" + i + "]";
            if (raw == null) {
                throw new DomainException(at, at + " must be an object {sku, quantity}");
            }
            if (raw.sku() == null) {
                throw new DomainException(at + ".sku", at + ".sku is required");
            }
            if (raw.quantity() == null) {
                throw new DomainException(at + ".quantity", at + ".quantity is required, a whole number from 1 to " + Quantity.MAX);
            }
            try {
                parsed.add(new Item(Sku.of(raw.sku()), Quantity.of(raw.quantity())));
            } catch (DomainException e) {
                throw new DomainException(at + "." + e.field(), at + "." + e.getMessage());
            }
        }
        Optional<ClientKey> key = idempotencyKey == null ? Optional.empty() : Optional.of(ClientKey.of(idempotencyKey));
        return new PurchaseCommand(paymentToken, total, parsed, key);
    }

    /**
     * The SKUs asked for.
     *
     * @return the items' SKUs, in the items' order
     */
    public List<Sku> skus() {
        return items.stream().map(Item::sku).toList();
    }
}
