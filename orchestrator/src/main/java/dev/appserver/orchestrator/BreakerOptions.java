package dev.appserver.orchestrator;

import dev.appserver.orchestrator.breakers.BreakerSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code start}'s flags for the circuit breakers of app configs ({@link BreakerSettings}). */
public final class BreakerOptions {
    @Option(names = "--breaker-failure-rate", paramLabel = "PERCENT", defaultValue = "" + 50,
            description = "An app's breaker opens when it failed on this percentage of its recent events (default: ${DEFAULT-VALUE}).")
    float failureRate;

    @Option(names = "--breaker-window", paramLabel = "EVENTS", defaultValue = "" + 100,
            description = "How many of an app's latest events the failure rate is taken over (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--breaker-minimum", paramLabel = "EVENTS", defaultValue = "" + 20,
            description = "Events an app must have seen before its breaker may open (default: ${DEFAULT-VALUE}).")
    int minimum;

    @Option(names = "--breaker-open-seconds", paramLabel = "SECONDS", defaultValue = "" + 60,
            description = "How long an open breaker skips its app before probing it (default: ${DEFAULT-VALUE}).")
    long openSeconds;

    @Option(names = "--breaker-probe-events", paramLabel = "EVENTS", defaultValue = "" + 10,
            description = "Probe events that decide whether a half-open breaker closes (default: ${DEFAULT-VALUE}).")
    int probeEvents;

    /** The settings these flags describe; @throws IllegalArgumentException naming what is wrong */
    public BreakerSettings settings() {
        return new BreakerSettings(failureRate, window, minimum, Duration.ofSeconds(openSeconds), probeEvents);
    }
}
