package dev.appserver.orchestrator.services;

import java.util.Map;

/**
 * A setting's value and where it came from ({@code --kafka} or {@code APPSERVER_KAFKA}), so that a
 * complaint about it can name the place to fix. A flag wins over the environment; an environment
 * variable set to an empty string counts as unset.
 */
record ConfiguredValue(String value, String source) {
    static ConfiguredValue of(String flag, String flagValue, String variable, Map<String, String> environment) {
        if (flagValue != null) {
            return new ConfiguredValue(flagValue.strip(), flag);
        }
        String fromEnvironment = environment.get(variable);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new ConfiguredValue(fromEnvironment.strip(), variable);
        }
        return null;
    }

    InvalidEndpointException invalid(String problem, String expected) {
        return new InvalidEndpointException(source + " \"" + Redaction.redact(value) + "\": " + problem
                + "; expected " + expected);
    }
}
