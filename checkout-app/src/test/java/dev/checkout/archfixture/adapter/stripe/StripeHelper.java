package dev.checkout.archfixture.adapter.stripe;

/** A class of another adapter. */
public class StripeHelper {
}
