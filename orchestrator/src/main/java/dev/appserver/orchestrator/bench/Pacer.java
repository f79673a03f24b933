package dev.appserver.orchestrator.bench;

import static java.util.Objects.requireNonNull;

import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Hands out a run's events on a schedule. At a rate, event {@code i} is due {@code i / rate}
 * seconds after the start, and every event that is due goes at once: a sender that fell behind (a
 * producer blocked on a full buffer, a pause) catches up in a burst instead of drifting, as a token
 * bucket filling at the rate would allow. Between due times the thread parks until the next one,
 * so at high rates one wake-up sends many events: there is no sleep per event. Flat out, every
 * event is due at the start.
 *
 * <p>Time and parking are injected (tests advance a fake clock). Immutable; {@link #run} runs on
 * the calling thread.
 */
final class Pacer {
    private static final double NANOS_PER_SECOND = 1e9;

    /** Events per second; 0 for flat out. */
    private final double rate;
    private final LongSupplier nanoTime;
    private final LongConsumer parkNanos;

    private Pacer(double rate, LongSupplier nanoTime, LongConsumer parkNanos) {
        this.rate = rate;
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.parkNanos = requireNonNull(parkNanos, "parkNanos is null");
    }

    static Pacer flatOut(LongSupplier nanoTime, LongConsumer parkNanos) {
        return new Pacer(0, nanoTime, parkNanos);
    }

    static Pacer perSecond(double rate, LongSupplier nanoTime, LongConsumer parkNanos) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a positive number: " + rate);
        }
        return new Pacer(rate, nanoTime, parkNanos);
    }

    /** @return how long after the start event {@code index} (from 0) is due, in nanoseconds */
    long dueAfter(long index) {
        return rate == 0 ? 0 : (long) Math.ceil(index * NANOS_PER_SECOND / rate);
    }

    /**
     * Calls {@code send} with 0, 1, ... {@code count - 1}, each no earlier than it is due, until all
     * went or {@code stop} says to stop (asked before each event).
     *
     * @return how many events were handed to {@code send}
     */
    int run(int count, IntConsumer send, BooleanSupplier stop) {
        long start = nanoTime.getAsLong();
        int next = 0;
        while (next < count && !stop.getAsBoolean()) {
            long wait = start + dueAfter(next) - nanoTime.getAsLong();
            if (wait > 0) {
                parkNanos.accept(wait);
            } else {
                send.accept(next++);
            }
        }
        return next;
    }
}
