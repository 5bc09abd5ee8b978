package dev.checkout.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Free TCP ports for servers a test starts itself. */
public final class Ports {
    private Ports() {
    }

    /** A port free at this moment (another process could take it before it is used; rare enough for tests). */
    public static int free() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
