package dev.appserver.orchestrator;

import dev.appserver.orchestrator.quota.QuotaSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code start}'s per-tenant quota flags; every tenant gets the same quotas. */
public final class QuotaOptions {
    @Option(names = "--quota-cpu-ms-per-minute", paramLabel = "MS",
            defaultValue = "" + 60_000,
            description = "CPU time a tenant's app code may use per minute, in milliseconds (default: ${DEFAULT-VALUE}).")
    long cpuMillisPerMinute;

    @Option(names = "--quota-events-per-second", paramLabel = "N", defaultValue = "10000",
            description = "Events of a tenant processed per second (default: ${DEFAULT-VALUE}).")
    long eventsPerSecond;

    @Option(names = "--quota-fetches-per-minute", paramLabel = "N", defaultValue = "1200",
            description = "fetch calls a tenant's apps may make per minute (default: ${DEFAULT-VALUE}).")
    long fetchesPerMinute;

    @Option(names = "--quota-log-lines-per-minute", paramLabel = "N", defaultValue = "1000",
            description = "Log lines a tenant's apps may store per minute (default: ${DEFAULT-VALUE}).")
    long logLinesPerMinute;

    @Option(names = "--quota-storage-mb", paramLabel = "MB", defaultValue = "50",
            description = "meta.storage a tenant's apps may keep, in MB (default: ${DEFAULT-VALUE}).")
    long storageMegabytes;

    /**
     * The quotas these flags describe.
     *
     * @throws IllegalArgumentException with a message naming the flag
     */
    public QuotaSettings quotas() {
        requirePositive(cpuMillisPerMinute, "--quota-cpu-ms-per-minute");
        requirePositive(eventsPerSecond, "--quota-events-per-second");
        requirePositive(fetchesPerMinute, "--quota-fetches-per-minute");
        requirePositive(logLinesPerMinute, "--quota-log-lines-per-minute");
        requirePositive(storageMegabytes, "--quota-storage-mb");
        return new QuotaSettings(Duration.ofMillis(cpuMillisPerMinute), eventsPerSecond, fetchesPerMinute, logLinesPerMinute,
                storageMegabytes << 20);
    }

    private static void requirePositive(long value, String flag) {
        if (value < 1) {
            throw new IllegalArgumentException(flag + " must be at least 1, not " + value);
        }
    }
}
