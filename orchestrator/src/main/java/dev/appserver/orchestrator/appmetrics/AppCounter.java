package dev.appserver.orchestrator.appmetrics;

/**
 * The counters kept per app config. Each is one series of {@code appserver_app_outcomes_total}
 * in {@code /metrics}, labelled by {@link #kind} (what the app was asked to do) and
 * {@link #outcome}; within a kind the outcomes do not overlap, except {@code retried}.
 */
public enum AppCounter {
    /** Events the config's {@code processEvent} returned (changed or not). */
    PROCESSED("processEvent", "processed"),
    /** Events the config's {@code processEvent} dropped. */
    DROPPED("processEvent", "dropped"),
    /** Events the config's {@code processEvent} failed on (threw, timed out, crashed, not loaded, breaker open). */
    FAILED("processEvent", "failed"),
    /** Events handed to the config's {@code onEvent}. */
    ON_EVENT("onEvent", "handed"),
    /** Events the config's {@code exportEvents} took (the call succeeded). */
    EXPORTED("exportEvents", "exported"),
    /** Events of {@code exportEvents} calls to be retried ({@code RetryError}): once per retry. */
    EXPORT_RETRIED("exportEvents", "retried"),
    /** Events sent to the export dead-letter topic after the last retry. */
    EXPORT_DLQ("exportEvents", "dlq"),
    /** Scheduled task runs that succeeded. */
    TASK_SUCCEEDED("task", "succeeded"),
    /** Scheduled task runs that failed. */
    TASK_FAILED("task", "failed"),
    /** Job runs that succeeded. */
    JOB_SUCCEEDED("job", "succeeded"),
    /** Job runs that failed. */
    JOB_FAILED("job", "failed");

    private final String kind;
    private final String outcome;

    AppCounter(String kind, String outcome) {
        this.kind = kind;
        this.outcome = outcome;
    }

    /** The {@code kind} label: {@code processEvent}, {@code onEvent}, {@code exportEvents}, {@code task}, {@code job}. */
    public String kind() {
        return kind;
    }

    /** The {@code outcome} label. */
    public String outcome() {
        return outcome;
    }
}
