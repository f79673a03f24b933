package dev.appserver.orchestrator.hostservices.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The JVM's resolver ({@link InetAddress#getAllByName}): the system's name service (hosts file,
 * DNS), subject to the JVM's address cache. IP literals are parsed without any lookup.
 * Stateless and thread-safe; blocks for as long as a lookup takes.
 */
final class SystemHostResolver implements HostResolver {

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        return List.of(InetAddress.getAllByName(host));
    }
}
