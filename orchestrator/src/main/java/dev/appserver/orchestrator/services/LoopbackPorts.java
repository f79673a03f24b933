package dev.appserver.orchestrator.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * Ports on 127.0.0.1 for the embedded services: checks that a chosen port is free before a service
 * is started on it, or picks a free one for port 0. The check comes first because a service told
 * to use a taken port may fail with an obscure message, or (PostgreSQL's readiness probe) even
 * mistake the other process for itself.
 */
final class LoopbackPorts {
    static final String HOST = "127.0.0.1";
    static final InetAddress ADDRESS = loopback();

    private LoopbackPorts() {
    }

    /** @return {@code port} once checked free, or a free port when {@code port} is 0 */
    static int claim(String service, int port) throws PortInUseException {
        requireValid(port);
        if (port == 0) {
            return free();
        }
        // Bind the way the services do (SO_REUSEADDR): this fails only when something listens there.
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(ADDRESS, port));
            return port;
        } catch (IOException e) {
            throw new PortInUseException(service, port);
        }
    }

    /** A port that is free now (another process may still take it before it is used). */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, ADDRESS)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    static int requireValid(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535: " + port);
        }
        return port;
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
