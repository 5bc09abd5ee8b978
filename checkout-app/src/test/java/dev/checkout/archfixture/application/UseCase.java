package dev.checkout.archfixture.application;

/** The fixture's inbound port. */
public interface UseCase {
}
