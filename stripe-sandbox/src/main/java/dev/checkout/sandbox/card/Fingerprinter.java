package dev.checkout.sandbox.card;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Card fingerprints: HMAC-SHA256 of account and card number under a secret key, so the same card gives the same
 * fingerprint within an account while the fingerprint reveals nothing about the number.
 */
public final class Fingerprinter {
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
            .toCharArray();

    private final SecretKeySpec key;
    // Mac is not thread-safe and costly to look up; one clone per event-loop thread
    private final ThreadLocal<Mac> macs;

    public Fingerprinter(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** 16 alphanumerics, like Stripe's. */
    public String fingerprint(String accountId, String digits) {
        Mac mac = macs.get();
        mac.update(accountId.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) 0);
        byte[] h = mac.doFinal(digits.getBytes(StandardCharsets.US_ASCII));
        char[] out = new char[16];
        for (int i = 0; i < 16; i++) {
            out[i] = ALPHABET[(h[i] & 0xff) % ALPHABET.length];
        }
        return new String(out);
    }
}
