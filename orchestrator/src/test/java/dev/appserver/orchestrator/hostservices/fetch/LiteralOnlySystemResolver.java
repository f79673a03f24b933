package dev.appserver.orchestrator.hostservices.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The {@link SystemHostResolver}, restricted to IP literals: a test that hands it a name fails
 * instead of sending a DNS query. Lets tests check that the system resolver and the policy agree on
 * odd numeric host forms without any traffic.
 */
final class LiteralOnlySystemResolver implements HostResolver {

    private final SystemHostResolver system = new SystemHostResolver();

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress.ofLiteral(bare);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("a test asked the system resolver about a name: " + host, e);
        }
        return system.resolve(host);
    }
}
