package dev.appserver.worker.runtime;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.graalvm.polyglot.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops runaway app code: every invocation that is executing JS registers its {@link Deadline};
 * one daemon thread looks at them a few times per interval and interrupts the context of any that
 * is past its deadline with {@link Context#interrupt(Duration)}, which unwinds the JS stack
 * without closing the context, so the instance keeps serving.
 *
 * <p>Waiting for host-service results is not the watchdog's business: the invoking thread times
 * those waits itself (see {@link AppInstance}).
 *
 * <p>Thread-safe.
 */
public final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    private static final Duration INTERRUPT_WAIT = Duration.ofSeconds(10);

    private final Set<Deadline> running = ConcurrentHashMap.newKeySet();
    private final LongSupplier nanoClock;
    private final long periodMillis;
    private final Thread thread;
    // Interrupts wait for the context's thread to unwind; do that off the watchdog's own thread.
    private final ExecutorService interrupter = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean stopped;

    public Watchdog(Duration period) {
        this(period, System::nanoTime);
    }

    Watchdog(Duration period, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.periodMillis = Math.max(1, period.toMillis());
        this.thread = Thread.ofPlatform().daemon().name("js-watchdog").start(this::loop);
    }

    long now() {
        return nanoClock.getAsLong();
    }

    void enter(Deadline deadline) {
        running.add(deadline);
    }

    void exit(Deadline deadline) {
        running.remove(deadline);
    }

    private void loop() {
        while (!stopped) {
            try {
                TimeUnit.MILLISECONDS.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
            long now = now();
            for (Deadline d : running) {
                if (d.isOverdue(now) && d.markInterrupted()) {
                    interrupter.execute(() -> interrupt(d.context()));
                }
            }
        }
    }

    private static void interrupt(Context context) {
        try {
            context.interrupt(INTERRUPT_WAIT);
        } catch (Exception e) {
            // The invocation may have finished (or the context closed) in the meantime.
            LOG.debug("interrupt did not complete: {}", e.toString());
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        interrupter.shutdownNow();
    }

    /** The deadline of one invocation while its thread is inside JS. */
    static final class Deadline {
        private final Context context;
        private volatile long deadlineNanos;
        private volatile boolean interrupted;

        Deadline(Context context) {
            this.context = context;
        }

        Context context() {
            return context;
        }

        void reset(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
            this.interrupted = false;
        }

        long deadlineNanos() {
            return deadlineNanos;
        }

        boolean isOverdue(long now) {
            return now - deadlineNanos > 0;
        }

        boolean interrupted() {
            return interrupted;
        }

        private synchronized boolean markInterrupted() {
            if (interrupted) {
                return false;
            }
            interrupted = true;
            return true;
        }
    }
}
