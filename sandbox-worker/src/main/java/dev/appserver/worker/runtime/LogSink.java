package dev.appserver.worker.runtime;

/** Receives an instance's log entries (console lines, app failures, worker notes about it). */
@FunctionalInterface
public interface LogSink {
    LogSink DISCARD = (instanceId, type, source, message) -> {};

    /**
     * @param type LOG, INFO, WARN, ERROR or DEBUG
     * @param source CONSOLE, PLUGIN or SYSTEM
     */
    void log(long instanceId, String type, String source, String message);
}
