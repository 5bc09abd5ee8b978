package dev.checkout.archfixture.adapter.out.persistence;

import dev.checkout.archfixture.adapter.out.stripe.StripeHelper;

/** Deliberately broken: named like a port adapter, implements no port, and leans on another adapter. */
public class JdbcOrders {
    public final StripeHelper helper = new StripeHelper();
}
