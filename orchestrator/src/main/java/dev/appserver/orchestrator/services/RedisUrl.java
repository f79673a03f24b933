package dev.appserver.orchestrator.services;

import java.net.URI;
import java.net.URISyntaxException;

/** Validates a Redis URL as lettuce takes it: {@code redis[s]://[[USER]:PASSWORD@]HOST[:PORT][/DATABASE]}. */
final class RedisUrl {
    static final String EXPECTED = "redis://[[USER]:PASSWORD@]HOST[:PORT][/DATABASE] (rediss:// for TLS)";

    private RedisUrl() {
    }

    /** @return the URL as given */
    static String parse(ConfiguredValue given) throws InvalidEndpointException {
        URI uri;
        try {
            uri = new URI(given.value());
        } catch (URISyntaxException e) {
            throw given.invalid("not a valid URI (" + e.getReason() + ")", EXPECTED);
        }
        if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase("redis") && !uri.getScheme().equalsIgnoreCase("rediss")) {
            throw given.invalid("the scheme is not redis:// or rediss://", EXPECTED);
        }
        if (uri.getHost() == null) {
            throw given.invalid("it names no valid host", EXPECTED);
        }
        if (uri.getPort() != -1) {
            Ports.parse(Integer.toString(uri.getPort()), "it", given, EXPECTED);
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (!path.isEmpty() && !path.equals("/") && !path.matches("/[0-9]{1,5}")) {
            throw given.invalid("the path \"" + path + "\" is not a database number", EXPECTED);
        }
        return given.value();
    }
}
