package dev.checkout.archfixture.domain.port;

/** The fixture's port. */
public interface Orders {
}
