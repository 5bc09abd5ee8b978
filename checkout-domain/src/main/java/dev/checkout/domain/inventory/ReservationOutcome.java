package dev.checkout.domain.inventory;

import dev.checkout.domain.catalogue.Sku;

import java.util.List;

/** The answer to "reserve all lines of this order": all of them, or none and which ones were short. */
public sealed interface ReservationOutcome {

    /** Every line is held for the order. */
    record Reserved() implements ReservationOutcome {}

    /** Nothing was reserved; these SKUs had fewer units available than asked. */
    record Insufficient(List<Sku> shortSkus) implements ReservationOutcome {
        public Insufficient {
            shortSkus = List.copyOf(shortSkus);
        }
    }
}
