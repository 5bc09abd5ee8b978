package dev.checkout.archfixture.domain;

/** A stand-in for a domain port package, which the fixture's adapters fail to implement. */
public interface Port {
}
