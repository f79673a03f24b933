package dev.appserver.worker.runtime;

/**
 * How a single invocation (setupPlugin, a task, a job, exportEvents...) ended.
 *
 * @param message the error text when it did not succeed
 */
public record Invocation(Status status, String message) {
    public enum Status {
        /** The function returned, or its promise resolved. */
        SUCCEEDED,
        /** It threw (or rejected with) a RetryError: the caller may try again later. */
        RETRY,
        /** It threw anything else, or ran out of time. */
        FAILED
    }

    static Invocation of(String status, String payload) {
        return switch (status) {
            case "ok" -> new Invocation(Status.SUCCEEDED, null);
            case "retry" -> new Invocation(Status.RETRY, payload);
            default -> new Invocation(Status.FAILED, payload);
        };
    }
}
