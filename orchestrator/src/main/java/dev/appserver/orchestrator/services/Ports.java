package dev.appserver.orchestrator.services;

/** Reads a TCP port out of an endpoint, with a complaint that names the endpoint. */
final class Ports {
    private Ports() {
    }

    static int parse(String text, String where, ConfiguredValue given, String expected) throws InvalidEndpointException {
        if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65_535) {
            throw given.invalid(where + " has port \"" + text + "\", not a number from 1 to 65535", expected);
        }
        return Integer.parseInt(text);
    }
}
