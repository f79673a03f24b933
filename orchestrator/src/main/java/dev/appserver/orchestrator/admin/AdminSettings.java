package dev.appserver.orchestrator.admin;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where and how the admin API listens.
 *
 * @param host the address to bind; {@code 127.0.0.1} by default
 * @param port the port; 0 picks a free one
 * @param token the bearer token {@code /api} and {@code /metrics} require; mandatory unless
 *     {@code host} is a loopback address
 * @param maxRequestBytes the largest request body accepted (app archives); larger ones get 413
 */
public record AdminSettings(String host, int port, Optional<String> token, long maxRequestBytes) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 6738;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 20L * 1024 * 1024;

    /**
     * @throws IllegalArgumentException with a message for the operator when {@code host} is not a
     *     loopback address and there is no token, or the token is too short
     */
    public AdminSettings {
        requireNonNull(host, "host is null");
        requireNonNull(token, "token is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("admin API port out of range: " + port);
        }
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("maxRequestBytes must be positive: " + maxRequestBytes);
        }
        if (token.isEmpty() && !isLoopback(host)) {
            throw new IllegalArgumentException("refusing to serve the admin API on " + host + ", which is not a "
                    + "loopback address, without a bearer token: set one with --admin-token or APPSERVER_ADMIN_TOKEN");
        }
        token.ifPresent(BearerToken::new);
    }

    public static AdminSettings loopback(int port) {
        return new AdminSettings(DEFAULT_HOST, port, Optional.empty(), DEFAULT_MAX_REQUEST_BYTES);
    }

    /** Whether every address {@code host} names is a loopback one; an unknown name is not. */
    static boolean isLoopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
