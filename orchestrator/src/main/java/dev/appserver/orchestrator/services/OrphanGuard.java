package dev.appserver.orchestrator.services;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Makes a service process die with this JVM, however the JVM ends (including SIGKILL and crashes,
 * where no shutdown hook runs).
 *
 * <p>Mechanism: a watchdog {@code sh} blocks reading a pipe whose only writer is this JVM. When the
 * JVM dies the kernel closes the pipe, the read ends, and the watchdog sends the service its
 * shutdown signal. {@link #close()} kills the watchdog first, so an orderly stop of the service is
 * never raced by the signal. (Linux offers {@code PR_SET_PDEATHSIG} instead, but it fires when the
 * forking <em>thread</em> exits, and PostgreSQL's server is not our child anyway.)
 */
final class OrphanGuard implements AutoCloseable {
    private final Process watchdog;

    private OrphanGuard(Process watchdog) {
        this.watchdog = watchdog;
    }

    /**
     * @param pid the service's process
     * @param signal the signal that shuts it down cleanly, e.g. {@code TERM}, or {@code INT} for
     *     PostgreSQL's fast shutdown
     */
    static OrphanGuard watch(long pid, String signal) throws IOException {
        if (!signal.matches("[A-Z]+")) {
            throw new IllegalArgumentException("not a signal name: " + signal);
        }
        Process watchdog = new ProcessBuilder("/bin/sh", "-c",
                "while read -r _; do :; done; kill -s " + signal + " " + pid + " 2>/dev/null")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        return new OrphanGuard(watchdog);
    }

    /** The watchdog process, for tests. */
    Process watchdog() {
        return watchdog;
    }

    /** Stops watching without signalling the service. */
    @Override
    public void close() {
        watchdog.destroyForcibly();
        try {
            watchdog.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
