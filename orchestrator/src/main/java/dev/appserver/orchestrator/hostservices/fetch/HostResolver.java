package dev.appserver.orchestrator.hostservices.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host into the addresses a connection to it may use. The egress guard judges exactly the
 * addresses returned here, and the fetcher connects only to one of them.
 *
 * <p>Implementations must be thread-safe; {@link #resolve} may block (DNS), so callers run it off
 * request threads.
 */
interface HostResolver {

    /**
     * The addresses of {@code host}, never empty.
     *
     * @param host a canonical host (see {@link HostNames}): a name, dotted IPv4, or bracketed IPv6
     * @throws UnknownHostException when the host has no address
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
