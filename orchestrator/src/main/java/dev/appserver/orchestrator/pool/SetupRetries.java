package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import dev.appserver.proto.v1.AppError;
import dev.appserver.proto.v1.LogEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Instances that failed to load, and whether and when to try again: PostHog's handling of
 * {@code setupPlugin} failures (decision 0012). A {@code RetryError} from {@code setupPlugin}
 * (error kind {@code retry}) is retried with exponential backoff, {@code firstDelay} doubled per
 * attempt, up to {@link #MAX_ATTEMPTS} loads; any other failure (the code does not evaluate,
 * setup threw something else or timed out, the load crashed a worker), or the last allowed
 * {@code RetryError}, disables that version: it is never loaded again, and chains run without it
 * (counted as failed for every event) until the app config changes, which makes a new version.
 * Kept for the whole pool and in memory only, so a replaced worker does not retry early, and a
 * restarted orchestrator tries once more.
 *
 * <p>Thread-safe.
 */
final class SetupRetries {
    /** PostHog's {@code VM_INIT_MAX_RETRIES}. */
    static final int MAX_ATTEMPTS = 5;
    static final String RETRY_KIND = "retry";

    private final Clock clock;
    private final Duration firstDelay;
    private final Map<InstanceSpec.Key, SetupStatus> failed = new ConcurrentHashMap<>();

    SetupRetries(Clock clock, Duration firstDelay) {
        this.clock = requireNonNull(clock, "clock is null");
        this.firstDelay = requireNonNull(firstDelay, "firstDelay is null");
    }

    /** Whether a load of {@code key} may be tried now. */
    boolean mayLoad(InstanceSpec.Key key) {
        SetupStatus status = failed.get(key);
        return status == null || status.retryAt().map(at -> !clock.instant().isBefore(at)).orElse(false);
    }

    /** Records a failed load of {@code key} and says what happens next. */
    SetupStatus failed(InstanceSpec.Key key, AppError error) {
        requireNonNull(error, "error is null");
        return failed.compute(key, (k, previous) -> {
            int attempts = previous == null ? 1 : previous.attempts() + 1;
            String text = error.getKind() + ": " + error.getMessage();
            if (error.getKind().equals(RETRY_KIND) && attempts < MAX_ATTEMPTS) {
                Instant at = clock.instant().plus(delayAfter(attempts));
                return new SetupStatus(k.configId(), k.version(), SetupStatus.State.RETRYING, attempts, MAX_ATTEMPTS,
                        Optional.of(at), text);
            }
            return new SetupStatus(k.configId(), k.version(), SetupStatus.State.DISABLED, attempts, MAX_ATTEMPTS,
                    Optional.empty(), text);
        });
    }

    /** The wait after the {@code attempt}-th failed load: {@code firstDelay * 2^(attempt - 1)}. */
    Duration delayAfter(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts are counted from 1: " + attempt);
        }
        return firstDelay.multipliedBy(1L << Math.min(attempt - 1, 30));
    }

    void loaded(InstanceSpec.Key key) {
        failed.remove(key);
    }

    /** Forgets the versions of {@code configId} other than {@code keepVersion} ({@code Long.MIN_VALUE}: all). */
    void forget(long configId, long keepVersion) {
        failed.keySet().removeIf(k -> k.configId() == configId && k.version() != keepVersion);
    }

    /** What the app config's log says about {@code status}, PostHog's wording where it had one. */
    String message(SetupStatus status) {
        String what = status.error().startsWith(RETRY_KIND + ": ")
                ? "setupPlugin failed with RetryError (attempt " + status.attempts() + "/" + status.maxAttempts() + "): "
                        + status.error().substring(RETRY_KIND.length() + 2)
                : "the app could not be loaded (" + status.error() + ")";
        return switch (status.state()) {
            case RETRYING -> what + ". Retrying in " + seconds(delayAfter(status.attempts())) + ".";
            case DISABLED -> what + ". Disabled the app config until it changes: its events go on without it.";
        };
    }

    private static String seconds(Duration delay) {
        long millis = delay.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** A SYSTEM log entry; its time is filled in by whoever stores it. */
    static LogEntry systemEntry(String type, String message) {
        return LogEntry.newBuilder().setType(type).setSource("SYSTEM").setMessage(message).build();
    }

    /** The failed load of the newest failed version of {@code configId}, if any. */
    Optional<SetupStatus> status(long configId) {
        return failed.values().stream().filter(s -> s.configId() == configId)
                .max(Comparator.comparingLong(SetupStatus::version));
    }
}
