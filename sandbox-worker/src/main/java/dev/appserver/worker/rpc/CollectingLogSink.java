package dev.appserver.worker.rpc;

import dev.appserver.proto.v1.LogEntry;
import dev.appserver.worker.runtime.LogSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the log entries of one request, to return them in its response. Bounded, so a
 * logging loop cannot grow a response without limit; the overflow is itself reported.
 */
final class CollectingLogSink implements LogSink {
    static final int MAX_ENTRIES = 10_000;
    static final int MAX_MESSAGE_CHARS = 16_384;

    private final List<LogEntry> entries = new ArrayList<>();
    private int dropped;

    @Override
    public synchronized void log(long instanceId, String type, String source, String message) {
        if (entries.size() >= MAX_ENTRIES) {
            dropped++;
            return;
        }
        String text = message.length() > MAX_MESSAGE_CHARS
                ? message.substring(0, MAX_MESSAGE_CHARS) + "... (" + (message.length() - MAX_MESSAGE_CHARS) + " more characters)"
                : message;
        entries.add(LogEntry.newBuilder()
                .setInstanceId(instanceId)
                .setType(type)
                .setSource(source)
                .setMessage(text)
                .setTimestampMillis(System.currentTimeMillis())
                .build());
    }

    synchronized List<LogEntry> entries() {
        if (dropped > 0) {
            List<LogEntry> all = new ArrayList<>(entries);
            all.add(LogEntry.newBuilder().setType("WARN").setSource("SYSTEM")
                    .setMessage(dropped + " more log entries were dropped (limit " + MAX_ENTRIES + " per request)")
                    .setTimestampMillis(System.currentTimeMillis()).build());
            return all;
        }
        return entries;
    }
}
