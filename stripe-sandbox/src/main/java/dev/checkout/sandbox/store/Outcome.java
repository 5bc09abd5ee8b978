package dev.checkout.sandbox.store;

/** The {@code outcome} hash of a charge (spec 4.4). */
public record Outcome(String type, String networkStatus, String reason, String riskLevel, int riskScore,
        String sellerMessage, String adviceCode) {
}
