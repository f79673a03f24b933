package dev.appserver.orchestrator.runapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.proto.v1.LogEntry;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * App log entries of a run: kept as JSON lines for {@code --logs FILE}, or printed readably to
 * standard error as they come when there is no such file.
 */
final class RunLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream stderr;
    private final boolean toFile;
    private final Map<Long, String> names;
    private final List<String> lines = new ArrayList<>();

    /** @param names display names by config id, for the readable form */
    RunLog(PrintStream stderr, boolean toFile, Map<Long, String> names) {
        this.stderr = stderr;
        this.toFile = toFile;
        this.names = names;
    }

    synchronized void add(List<LogEntry> entries) {
        for (LogEntry e : entries) {
            add(e.getInstanceId(), e.getType(), e.getSource(), e.getMessage());
        }
    }

    synchronized void add(long configId, String type, String source, String message) {
        if (toFile) {
            ObjectNode line = JSON.createObjectNode();
            line.put("type", type);
            line.put("source", source);
            line.put("message", message);
            if (configId > 0) {
                line.put("config_id", configId);
            } else {
                line.putNull("config_id");
            }
            lines.add(line.toString());
        } else {
            String who = configId > 0 ? names.getOrDefault(configId, "config " + configId) : "appserver";
            stderr.println("[" + who + "] " + type + " " + source + ": " + message);
        }
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
