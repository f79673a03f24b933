package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

/**
 * How an {@link AppCall} ended.
 *
 * @param status what happened
 * @param error the app's error ({@code "RetryError: ..."}) or why the call did not run; empty on success
 * @param failures for {@link AppCall.OnEvents}: on how many events {@code onEvent} failed
 */
public record CallOutcome(Status status, String error, int failures) {
    /** What happened to a call. */
    public enum Status {
        /** The app ran and completed (for onEvent: on every event, some of which may have failed). */
        SUCCEEDED,
        /** The app threw a {@code RetryError}, or the worker died under the call: try again later. */
        RETRY,
        /** The app threw anything else, or timed out. */
        FAILED,
        /** The app does not export what the call runs. */
        NOT_EXPORTED,
        /** The app config is not loaded: its setup failed, or waits for its retry. */
        NOT_LOADED,
        /** The app config's circuit breaker is open: the call was not made; try again later. */
        BREAKER_OPEN
    }

    public CallOutcome {
        requireNonNull(status, "status is null");
        requireNonNull(error, "error is null");
    }

    public static CallOutcome succeeded(int failures) {
        return new CallOutcome(Status.SUCCEEDED, "", failures);
    }

    public static CallOutcome of(Status status, String error) {
        return new CallOutcome(status, error, 0);
    }
}
