package dev.checkout.domain.inventory;

import dev.checkout.domain.catalogue.Sku;

import java.util.List;

/**
 * The answer to "reserve all lines of this order" ({@code Inventory.reserve}): all of them, or none and which ones
 * were short. A shortage is a value, not an exception, so the caller's transaction stays usable.
 */
public sealed interface ReservationOutcome {

    /** Every line is held for the order (or already was: reserving is idempotent per order). */
    record Reserved() implements ReservationOutcome {}

    /**
     * Nothing was reserved for the order.
     *
     * @param shortSkus the SKUs that had fewer units available than asked, or are not in the catalogue, in SKU
     *                  order as the stores report them; copied unmodifiable
     */
    record Insufficient(List<Sku> shortSkus) implements ReservationOutcome {
        /**
         * Copies the list.
         *
         * @throws NullPointerException if the list or an element is null
         */
        public Insufficient {
            shortSkus = List.copyOf(shortSkus);
        }
    }
}
