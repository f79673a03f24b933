package dev.appserver.orchestrator.hostservices.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link HostResolver} answering from a table, never from the network: names map to the
 * addresses a test gives them, IP literals are parsed (which sends no traffic), anything else is
 * unknown. Records every host it was asked about. Thread-safe.
 */
final class FakeHostResolver implements HostResolver {

    private final Map<String, List<InetAddress>> names = new ConcurrentHashMap<>();
    private final List<String> lookups = new CopyOnWriteArrayList<>();

    /** Makes {@code name} resolve to {@code literals}, which must be IP literals. */
    FakeHostResolver with(String name, String... literals) {
        names.put(name, List.of(literals).stream().map(InetAddress::ofLiteral).toList());
        return this;
    }

    /** The hosts asked about, in order. */
    List<String> lookups() {
        return List.copyOf(lookups);
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        lookups.add(host);
        List<InetAddress> addresses = names.get(host);
        if (addresses != null) {
            return addresses;
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        try {
            return List.of(InetAddress.ofLiteral(bare));
        } catch (IllegalArgumentException notALiteral) {
            throw new UnknownHostException(host);
        }
    }
}
