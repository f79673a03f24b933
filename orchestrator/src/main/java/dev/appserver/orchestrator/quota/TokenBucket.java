package dev.appserver.orchestrator.quota;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket on a clock: {@code capacity} tokens, refilled continuously at
 * {@code capacity / period}. {@link #charge} may take the balance below zero (a debt), for costs
 * that are known only after the fact, such as CPU time; {@link #tryTake} only takes what is there.
 *
 * <p>Thread-safe.
 */
final class TokenBucket {
    private final double capacity;
    private final double perNano;
    private final Clock clock;
    private double balance;
    private long updatedNanos;

    /** A full bucket of {@code capacity} tokens that refills completely over {@code period}. */
    TokenBucket(double capacity, Duration period, Clock clock) {
        if (!(capacity > 0)) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        this.capacity = capacity;
        this.perNano = capacity / period.toNanos();
        this.clock = requireNonNull(clock, "clock is null");
        this.balance = capacity;
        this.updatedNanos = nanos();
    }

    /** Takes {@code tokens} whatever the balance, which may go negative. */
    synchronized void charge(double tokens) {
        refill();
        balance -= tokens;
    }

    /** Takes {@code tokens} if the balance holds them; otherwise takes nothing. */
    synchronized boolean tryTake(double tokens) {
        refill();
        if (balance < tokens) {
            return false;
        }
        balance -= tokens;
        return true;
    }

    /** Takes up to {@code tokens} whole tokens and returns how many it took. */
    synchronized long takeUpTo(long tokens) {
        refill();
        long taken = (long) Math.max(0, Math.min(tokens, Math.floor(balance)));
        balance -= taken;
        return taken;
    }

    /** How long until the balance is back to zero; zero when it is not negative. */
    Duration debt() {
        return timeUntil(0);
    }

    /** How long until the balance holds {@code tokens}; zero when it does. */
    synchronized Duration timeUntil(double tokens) {
        refill();
        return balance >= tokens ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((tokens - balance) / perNano));
    }

    synchronized double balance() {
        refill();
        return balance;
    }

    private void refill() {
        long now = nanos();
        balance = Math.min(capacity, balance + (now - updatedNanos) * perNano);
        updatedNanos = now;
    }

    private long nanos() {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
