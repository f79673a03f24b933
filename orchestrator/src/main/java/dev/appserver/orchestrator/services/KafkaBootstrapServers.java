package dev.appserver.orchestrator.services;

import java.util.ArrayList;
import java.util.List;

/** Validates a Kafka {@code bootstrap.servers} list: {@code HOST:PORT[,HOST:PORT...]}. */
final class KafkaBootstrapServers {
    static final String EXPECTED = "HOST:PORT, several separated by commas (e.g. kafka-1:9092,kafka-2:9092)";

    private KafkaBootstrapServers() {
    }

    /** @return the list, normalized (no spaces) */
    static String parse(ConfiguredValue given) throws InvalidEndpointException {
        if (given.value().isEmpty()) {
            throw given.invalid("it is empty", EXPECTED);
        }
        List<String> servers = new ArrayList<>();
        for (String server : given.value().split(",", -1)) {
            servers.add(server(server.strip(), given));
        }
        return String.join(",", servers);
    }

    private static String server(String server, ConfiguredValue given) throws InvalidEndpointException {
        if (server.isEmpty()) {
            throw given.invalid("an entry is empty", EXPECTED);
        }
        if (server.contains("://")) {
            throw given.invalid("\"" + server + "\" has a scheme; give only the address", EXPECTED);
        }
        int colon = server.lastIndexOf(':');
        if (colon < 0) {
            throw given.invalid("\"" + server + "\" has no port", EXPECTED);
        }
        String host = server.substring(0, colon);
        boolean bracketedIpv6 = host.startsWith("[") && host.endsWith("]") && host.length() > 2;
        if (host.isEmpty() || !bracketedIpv6 && (host.contains(":") || !host.matches("[A-Za-z0-9._-]+"))) {
            throw given.invalid("\"" + server + "\" has no valid host (IPv6 addresses go in brackets)", EXPECTED);
        }
        Ports.parse(server.substring(colon + 1), "\"" + server + "\"", given, EXPECTED);
        return server;
    }
}
