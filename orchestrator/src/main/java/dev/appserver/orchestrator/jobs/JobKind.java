package dev.appserver.orchestrator.jobs;

/** What a queued job runs; stored by {@link #column()} name. */
public enum JobKind {
    /** One of the app's {@code jobs}, with the payload it was given. */
    APP("app"),
    /** A retry of an {@code exportEvents} batch that threw a {@code RetryError}. */
    EXPORT_RETRY("export_retry");

    private final String column;

    JobKind(String column) {
        this.column = column;
    }

    /** The value in the {@code jobs.kind} column. */
    public String column() {
        return column;
    }

    public static JobKind ofColumn(String value) {
        for (JobKind kind : values()) {
            if (kind.column.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown job kind: " + value);
    }
}
