package dev.checkout.sandbox.form;

/** A form body or query string that cannot be decoded; {@code param} names the offending key when one is known. */
public final class FormException extends RuntimeException {
    private final String param;

    public FormException(String message, String param) {
        super(message, null, false, false);
        this.param = param;
    }

    public String param() {
        return param;
    }
}
