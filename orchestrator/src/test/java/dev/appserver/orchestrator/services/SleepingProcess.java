package dev.appserver.orchestrator.services;

import java.io.IOException;

/** A stand-in for a server process: {@code sleep 60}, destroyed by {@link #close()} if still there. */
final class SleepingProcess implements AutoCloseable {
    private final Process process;

    SleepingProcess() throws IOException {
        process = new ProcessBuilder("sleep", "60").start();
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
