/** PaymentGateway implemented on stripe-java's StripeClient, against Stripe or any Stripe-compatible API base. */
package dev.checkout.adapter.stripe;
