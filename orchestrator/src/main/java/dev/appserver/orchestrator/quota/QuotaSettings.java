package dev.appserver.orchestrator.quota;

import java.time.Duration;

/**
 * Every tenant's quotas (the same for all tenants for now). A tenant past one of the first three
 * is throttled: its events wait (they are never dropped) while the others' flow. Log lines past
 * their quota are not stored (a note says how many); a storage write past its quota fails.
 *
 * @param cpuPerMinute CPU time a tenant's app code may use per minute, across workers
 * @param eventsPerSecond events of a tenant processed per second (bursts of one second's worth)
 * @param fetchesPerMinute {@code fetch} calls a tenant's apps may make per minute; a call past it
 *     fails at once with a {@code FetchError} saying so, and the tenant's next events wait
 * @param logLinesPerMinute log lines a tenant's apps may write per minute
 * @param storageBytes bytes (keys and JSON values, UTF-8) a tenant's apps may keep in
 *     {@code meta.storage}; a {@code set} past it fails in the app
 */
public record QuotaSettings(Duration cpuPerMinute, long eventsPerSecond, long fetchesPerMinute, long logLinesPerMinute,
        long storageBytes) {
    /**
     * One core's worth of CPU per minute (of 60 s), 10,000 events per second, 1,200 fetch calls and
     * 1,000 log lines per minute, 50 MB of storage: enough that only a runaway tenant notices them.
     */
    public static final QuotaSettings DEFAULT =
            new QuotaSettings(Duration.ofSeconds(60), 10_000, 1_200, 1_000, 50L << 20);

    /** {@link #DEFAULT}'s storage quota with the other quotas given. */
    public QuotaSettings(Duration cpuPerMinute, long eventsPerSecond, long fetchesPerMinute, long logLinesPerMinute) {
        this(cpuPerMinute, eventsPerSecond, fetchesPerMinute, logLinesPerMinute, 50L << 20);
    }

    public QuotaSettings {
        if (cpuPerMinute == null || cpuPerMinute.isNegative() || cpuPerMinute.isZero()) {
            throw new IllegalArgumentException("the CPU quota must be positive: " + cpuPerMinute);
        }
        requirePositive(eventsPerSecond, "events per second");
        requirePositive(fetchesPerMinute, "fetch calls per minute");
        requirePositive(logLinesPerMinute, "log lines per minute");
        requirePositive(storageBytes, "storage bytes");
    }

    private static void requirePositive(long value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException("the quota of " + what + " must be at least 1: " + value);
        }
    }
}
