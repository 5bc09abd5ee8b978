package dev.checkout.application.events;

/** The inbound port of the provider's events: one delivery in, what became of it out. */
public interface ReceivePaymentEvents {

    /**
     * Verifies one delivery and acts on it once. Nothing changes for a delivery that is {@link Result#REJECTED}.
     * Safe to call concurrently, also at several instances, for the same event: it is applied once.
     *
     * @param payload         the request body, byte for byte as received
     * @param signatureHeader the provider's signature header, or null if the request had none
     * @return what was done
     * @throws RuntimeException if the stores failed, or the order kept changing under the event; nothing of the event
     *         was recorded, so the provider's redelivery applies it later
     */
    Receipt receive(byte[] payload, String signatureHeader);

    /** What became of a delivery. */
    enum Result {
        /** The event changed an order. */
        APPLIED,
        /**
         * A succeeded refund of a charge that no order holds yet: kept, and recorded on the order that comes to hold
         * the charge (when its payment is settled, or by the reconciler). Acknowledged like the others.
         */
        DEFERRED,
        /** The event was received before, or tells of what the checkout recorded itself: nothing changed. */
        DUPLICATE,
        /** A verified event with nothing to do: another type, an order already settled, an unknown order, a dispute of an unknown charge. */
        IGNORED,
        /** Not a verified event of the provider (signature missing, wrong or too old): refused, nothing changed. */
        REJECTED
    }

    /**
     * What became of a delivery.
     *
     * @param eventId the provider's event id, or null for a rejected delivery
     * @param type    the event's type, or null for a rejected delivery
     * @param result  what was done
     * @param detail  why, in a sentence for the log and for the provider's dashboard; never a secret
     */
    record Receipt(String eventId, String type, Result result, String detail) {
    }
}
