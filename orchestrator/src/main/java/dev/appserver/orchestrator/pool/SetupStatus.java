package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Why an app config's newest version is not loaded: its {@code setupPlugin} (or its code) failed,
 * and whether it will be tried again ({@link SetupRetries}).
 *
 * @param configId the app config
 * @param version the version that failed
 * @param state whether a retry is scheduled
 * @param attempts the loads tried so far
 * @param maxAttempts the most loads tried for one version when each fails with a {@code RetryError}
 * @param retryAt when the next load may be tried; empty once {@link State#DISABLED}
 * @param error the last failure, {@code "<kind>: <message>"}
 */
public record SetupStatus(long configId, long version, State state, int attempts, int maxAttempts,
        Optional<Instant> retryAt, String error) {
    public SetupStatus {
        requireNonNull(state, "state is null");
        requireNonNull(retryAt, "retryAt is null");
        requireNonNull(error, "error is null");
    }

    /** The state of a failed load. */
    public enum State {
        /** setupPlugin threw a {@code RetryError}: the load is tried again at {@code retryAt}. */
        RETRYING,
        /**
         * Any other failure, or the last allowed {@code RetryError}: the version is not loaded
         * again; its events go on without it until the app config changes (a new version).
         */
        DISABLED
    }
}
