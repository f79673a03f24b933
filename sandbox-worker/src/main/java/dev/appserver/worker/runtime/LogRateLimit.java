package dev.appserver.worker.runtime;

import java.util.function.LongSupplier;

/**
 * How many log lines one app instance may write: a token bucket of {@link #BURST} lines, refilled
 * at {@link #LINES_PER_SECOND}. An app that logs in a tight loop gets its first lines through and
 * then a trickle; the rest are counted, not kept, and {@link #takeDropped()} tells how many so the
 * instance can write one note in their place. It bounds what one instance puts into a response,
 * the orchestrator's log store and memory, whatever the app does.
 *
 * <p>Not thread-safe: used by the thread that holds its instance's lock.
 */
final class LogRateLimit {
    static final int BURST = 1_000;
    static final int LINES_PER_SECOND = 100;
    private static final long NANOS_PER_LINE = 1_000_000_000L / LINES_PER_SECOND;

    private final LongSupplier nanoClock;
    private final long burst;
    private final long nanosPerLine;
    private double tokens;
    private long refilledAt;
    private long dropped;

    LogRateLimit(LongSupplier nanoClock) {
        this(nanoClock, BURST, NANOS_PER_LINE);
    }

    LogRateLimit(LongSupplier nanoClock, int burst, long nanosPerLine) {
        if (burst < 1 || nanosPerLine < 1) {
            throw new IllegalArgumentException("burst and nanosPerLine must be positive: " + burst + ", " + nanosPerLine);
        }
        this.nanoClock = nanoClock;
        this.burst = burst;
        this.nanosPerLine = nanosPerLine;
        this.tokens = burst;
        this.refilledAt = nanoClock.getAsLong();
    }

    /** Whether one more line may be written now; when not, it is counted as dropped. */
    boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (double) (now - refilledAt) / nanosPerLine);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        dropped++;
        return false;
    }

    /** The lines dropped since the last call, and starts counting again from zero. */
    long takeDropped() {
        long n = dropped;
        dropped = 0;
        return n;
    }

    /** The note written in place of {@code dropped} lines. */
    static String droppedNote(long dropped) {
        return dropped + " log lines dropped: this app logged faster than " + BURST + " lines at once or "
                + LINES_PER_SECOND + " lines a second, the limit of one app instance";
    }
}
