package dev.checkout.adapter.stripe;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Tells a connection that was never made (the request certainly not sent) from one lost after sending. */
final class Connections {
    private Connections() {
    }

    /**
     * True only for failures that happen before a connection exists: refused, no route, unknown host, connect
     * timeout. Everything else (read timeout, reset, broken pipe, TLS trouble) may come after the request left.
     */
    static boolean certainlyNotSent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return true;
            }
            // The JDK says "Connect timed out" only from Socket.connect; a read timeout says "Read timed out". Should
            // the wording ever change, a connect timeout falls back to "unknown", the safe side.
            if (t instanceof SocketTimeoutException && t.getMessage() != null
                    && t.getMessage().toLowerCase(Locale.ROOT).contains("connect timed out")) {
                return true;
            }
        }
        return false;
    }

    /** True when the failure was a timeout waiting for an answer (as opposed to a reset or a closed connection). */
    static boolean readTimedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
