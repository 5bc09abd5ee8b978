/** An offline Stripe-compatible provider for tokens, charges and refunds, and its browser library. */
package dev.checkout.sandbox;
