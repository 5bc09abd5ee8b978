/**
 * The provider's own reports of payments (webhooks): {@link dev.checkout.application.events.PaymentEventService}
 * verifies an event, applies it once, and answers how it went.
 */
package dev.checkout.application.events;
