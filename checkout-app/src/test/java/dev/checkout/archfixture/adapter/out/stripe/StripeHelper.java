package dev.checkout.archfixture.adapter.out.stripe;

/** A class of another adapter. */
public class StripeHelper {
}
