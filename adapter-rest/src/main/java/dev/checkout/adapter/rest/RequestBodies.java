package dev.checkout.adapter.rest;

import dev.checkout.application.purchase.PurchaseCommand;
import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.Quantity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON bodies of {@code POST /purchase} and the admin API from a {@link JsonTree}, by hand, so that every
 * wrong type, shape or unknown field is refused with the path of the offending field ({@code items[2].quantity}) and
 * a sentence saying what to send; data binding would report such mistakes in terms of Java types. Only the JSON
 * types are checked here; the values (ranges, formats, presence) are the model's to judge.
 */
@Singleton
final class RequestBodies {
    static final String PURCHASE_SHAPE =
            "{\"token\": \"tok_...\", \"amount\": 2500, \"currency\": \"usd\", \"items\": [{\"sku\": \"...\", \"quantity\": 1}]}";
    static final String PRODUCT_SHAPE =
            "{\"name\": \"...\", \"unitAmount\": 1999, \"currency\": \"usd\", \"available\": 10}";

    static final String REFUND_SHAPE =
            "{\"amount\": 1250, \"restock\": [{\"sku\": \"...\", \"quantity\": 1}], \"reason\": \"...\"} (every field optional)";
    static final String STOCK_SHAPE = "{\"delta\": -3}";
    static final String DETAILS_SHAPE = "{\"name\": \"...\", \"unitAmount\": 1999, \"currency\": \"usd\"} (each optional)";
    /** Units added or removed at once; more is a typo, not a delivery. */
    static final long MAX_DELTA = 1_000_000_000L;

    private static final Set<String> REFUND_FIELDS = Set.of("amount", "restock", "reason");
    private static final Set<String> STOCK_FIELDS = Set.of("delta");
    private static final Set<String> DETAILS_FIELDS = Set.of("name", "unitAmount", "currency");
    private static final Set<String> PURCHASE_FIELDS = Set.of("token", "amount", "currency", "items");
    private static final Set<String> ITEM_FIELDS = Set.of("sku", "quantity");
    /** {@code sku} too, so that a product as {@code GET /api/products} lists it can be edited and sent back as is. */
    private static final Set<String> PRODUCT_FIELDS = Set.of("sku", "name", "unitAmount", "currency", "available");

    PurchaseRequest purchase(@Nullable byte[] body) {
        JsonNode root = object(body, PURCHASE_SHAPE);
        onlyKnownFields(root, "", PURCHASE_FIELDS, "a purchase has token, amount, currency and items");
        return new PurchaseRequest(
                string(root.get("token"), "token", "the token id from stripe.createToken, e.g. \"tok_...\""),
                wholeNumber(root.get("amount"), "amount", 1, PurchaseCommand.MAX_AMOUNT,
                        "the total in minor units, e.g. 2500 for 25.00"),
                string(root.get("currency"), "currency", "an ISO 4217 code such as \"usd\""),
                items(root.get("items")));
    }

    ProductRequest product(@Nullable byte[] body) {
        JsonNode root = object(body, PRODUCT_SHAPE);
        onlyKnownFields(root, "", PRODUCT_FIELDS, "a product has name, unitAmount, currency and available (and sku,"
                + " which must be the one in the path)");
        return new ProductRequest(
                string(root.get("sku"), "sku", "the product's SKU, the same as in the path"),
                string(root.get("name"), "name", "the product's display name"),
                wholeNumber(root.get("unitAmount"), "unitAmount", 1, Product.MAX_UNIT_AMOUNT,
                        "the price of one unit in minor units, e.g. 1999 for 19.99"),
                string(root.get("currency"), "currency", "an ISO 4217 code such as \"usd\""),
                wholeNumber(root.get("available"), "available", 0, Long.MAX_VALUE, "the units in stock"));
    }

    /** {@code POST /api/admin/orders/{id}/refunds}: what to refund and which units go back to stock. */
    record RefundRequest(@Nullable Long amount, boolean restockAll, List<PurchaseRequest.Item> restock, @Nullable String reason) {
    }

    /** An empty body is an empty object here: every field of a refund is optional. */
    RefundRequest refund(@Nullable byte[] body) {
        JsonNode root = body == null || body.length == 0 ? JsonNode.createObjectNode(Map.of()) : object(body, REFUND_SHAPE);
        onlyKnownFields(root, "", REFUND_FIELDS, "a refund has amount, restock and reason, each optional");
        Long amount = wholeNumber(root.get("amount"), "amount", 1, PurchaseCommand.MAX_AMOUNT,
                "the amount to refund in minor units; leave it out to refund everything not yet refunded");
        JsonNode restock = root.get("restock");
        boolean all = false;
        var lines = new ArrayList<PurchaseRequest.Item>();
        if (!isAbsent(restock)) {
            if (restock.isBoolean()) {
                all = restock.getBooleanValue();
            } else if (restock.isArray()) {
                if (restock.size() > Order.MAX_LINES) {
                    throw ApiErrors.invalid("restock", "restock may have at most " + Order.MAX_LINES + " entries, had " + restock.size());
                }
                for (int i = 0; i < restock.size(); i++) {
                    String at = "restock[" + i + "]";
                    JsonNode item = restock.get(i);
                    if (isAbsent(item) || !item.isObject()) {
                        throw ApiErrors.invalid(at, at + " must be an object {\"sku\": ..., \"quantity\": ...}");
                    }
                    onlyKnownFields(item, at + ".", ITEM_FIELDS, "a restock line has sku and quantity");
                    String sku = string(item.get("sku"), at + ".sku", "the SKU of an item of the order");
                    Long quantity = wholeNumber(item.get("quantity"), at + ".quantity", 1, Quantity.MAX, "units going back to stock");
                    if (sku == null) {
                        throw ApiErrors.invalid(at + ".sku", at + ".sku is required: the SKU of an item of the order");
                    }
                    if (quantity == null) {
                        throw ApiErrors.invalid(at + ".quantity", at + ".quantity is required: units going back to stock, 1 to " + Quantity.MAX);
                    }
                    if (quantity < 1 || quantity > Quantity.MAX) {
                        throw outOfRange(at + ".quantity", 1, Quantity.MAX, quantity);
                    }
                    lines.add(new PurchaseRequest.Item(sku, quantity.intValue()));
                }
            } else {
                throw ApiErrors.invalid("restock", "restock must be true (every unit sold goes back), false, or a list of"
                        + " {\"sku\": ..., \"quantity\": ...}");
            }
        }
        String reason = string(root.get("reason"), "reason", "a note on why, for the merchant's records");
        return new RefundRequest(amount, all, lines, reason);
    }

    /** {@code POST /api/admin/products/{sku}/stock}: the change, never zero. */
    long stockDelta(@Nullable byte[] body) {
        JsonNode root = object(body, STOCK_SHAPE);
        onlyKnownFields(root, "", STOCK_FIELDS, "send {\"delta\": <units to add, negative to remove>}");
        Long delta = wholeNumber(root.get("delta"), "delta", -MAX_DELTA, MAX_DELTA,
                "units to add, or negative to remove, relative to the stock now");
        if (delta == null) {
            throw ApiErrors.invalid("delta", "delta is required: the units to add, or negative to remove, e.g. {\"delta\": -3}");
        }
        if (delta < -MAX_DELTA || delta > MAX_DELTA) {
            throw outOfRange("delta", -MAX_DELTA, MAX_DELTA, delta);
        }
        if (delta == 0) {
            throw ApiErrors.invalid("delta", "delta must not be 0: send the units to add, or negative to remove");
        }
        return delta;
    }

    /** {@code PATCH /api/admin/products/{sku}}: new name and/or price, the stock untouched. */
    ProductRequest productDetails(@Nullable byte[] body) {
        JsonNode root = object(body, DETAILS_SHAPE);
        onlyKnownFields(root, "", DETAILS_FIELDS, "send name, unitAmount and currency (each optional); change the stock"
                + " with POST /api/admin/products/{sku}/stock");
        return new ProductRequest(null,
                string(root.get("name"), "name", "the product's display name"),
                wholeNumber(root.get("unitAmount"), "unitAmount", 1, Product.MAX_UNIT_AMOUNT,
                        "the price of one unit in minor units, e.g. 1999 for 19.99"),
                string(root.get("currency"), "currency", "an ISO 4217 code such as \"usd\""),
                null);
    }

    private static JsonNode object(@Nullable byte[] body, String shape) {
        if (body == null || body.length == 0) {
            throw ApiErrors.emptyBody(shape);
        }
        JsonNode root;
        try {
            root = JsonTree.parse(body);
        } catch (IOException malformed) {
            // Includes the parser's own limits (nesting depth, number length): all of it is the client's input.
            throw ApiErrors.invalidJson(malformed, shape);
        }
        if (root == null) {
            throw ApiErrors.emptyBody(shape);
        }
        if (!root.isObject()) {
            throw ApiErrors.notAnObject(shape);
        }
        return root;
    }

    private static @Nullable List<PurchaseRequest.Item> items(@Nullable JsonNode node) {
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isArray()) {
            throw ApiErrors.invalid("items", "items must be an array of {\"sku\": ..., \"quantity\": ...} objects");
        }
        // Checked before walking them, so an oversize cart costs nothing more to refuse.
        if (node.size() > Order.MAX_LINES) {
            throw ApiErrors.invalid("items", "items may have at most " + Order.MAX_LINES + " entries, had " + node.size());
        }
        var items = new ArrayList<PurchaseRequest.Item>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String at = "items[" + i + "]";
            JsonNode item = node.get(i);
            if (isAbsent(item)) {
                items.add(null); // the command names it: items[i] must be an object
                continue;
            }
            if (!item.isObject()) {
                throw ApiErrors.invalid(at, at + " must be an object {\"sku\": ..., \"quantity\": ...}");
            }
            onlyKnownFields(item, at + ".", ITEM_FIELDS, "an item has sku and quantity");
            String sku = string(item.get("sku"), at + ".sku", "the product's SKU as GET /api/products lists it");
            Long quantity = wholeNumber(item.get("quantity"), at + ".quantity", 1, Quantity.MAX, "the number of units");
            if (quantity != null && (quantity < Integer.MIN_VALUE || quantity > Integer.MAX_VALUE)) {
                throw outOfRange(at + ".quantity", 1, Quantity.MAX, quantity);
            }
            items.add(new PurchaseRequest.Item(sku, quantity == null ? null : quantity.intValue()));
        }
        return items;
    }

    private static void onlyKnownFields(JsonNode object, String prefix, Set<String> known, String expected) {
        for (Map.Entry<String, JsonNode> entry : object.entries()) {
            if (!known.contains(entry.getKey())) {
                throw ApiErrors.unknownField(prefix + entry.getKey(), expected);
            }
        }
    }

    private static @Nullable String string(@Nullable JsonNode node, String field, String hint) {
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isString()) {
            throw ApiErrors.invalid(field, field + " must be a string: " + hint);
        }
        return node.getStringValue();
    }

    /**
     * A JSON integer that fits a {@code long}. Fractions, exponents, strings and integers beyond {@code long} are
     * refused here, stating the range {@code [min, max]}; a representable value's range is the model's to check.
     */
    private static @Nullable Long wholeNumber(@Nullable JsonNode node, String field, long min, long max, String hint) {
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isNumber()) {
            throw ApiErrors.invalid(field, field + " must be a number, not " + jsonType(node)
                    + ": " + hint + ", from " + min + " to " + max);
        }
        Number number = node.getNumberValue();
        if (number instanceof Integer || number instanceof Long) {
            return number.longValue();
        }
        if (number instanceof BigInteger) {
            throw outOfRange(field, min, max, number);
        }
        throw ApiErrors.invalid(field, field + " must be a whole number (" + hint + ") from " + min + " to " + max
                + ", was " + ApiErrors.echo(number));
    }

    private static ApiException outOfRange(String field, long min, long max, Object was) {
        return ApiErrors.invalid(field, field + " must be from " + min + " to " + max + ", was " + ApiErrors.echo(was));
    }

    private static String jsonType(JsonNode node) {
        if (node.isString()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "true/false";
        }
        if (node.isArray()) {
            return "an array";
        }
        return node.isObject() ? "an object" : "this";
    }

    private static boolean isAbsent(@Nullable JsonNode node) {
        return node == null || node.isNull();
    }
}
