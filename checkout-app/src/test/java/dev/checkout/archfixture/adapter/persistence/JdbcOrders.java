package dev.checkout.archfixture.adapter.persistence;

import dev.checkout.archfixture.adapter.stripe.StripeHelper;

/** Deliberately broken: named like a port adapter, implements no port, and leans on another adapter. */
public class JdbcOrders {
    public final StripeHelper helper = new StripeHelper();
}
