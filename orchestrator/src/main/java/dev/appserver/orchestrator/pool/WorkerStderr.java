package dev.appserver.orchestrator.pool;

import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts pooled workers' standard error lines into this process's log, with the worker's pid. A
 * line of the worker's own log at INFO or below stays at INFO here; anything else (its warnings
 * and errors, and what the JVM itself prints, such as an out-of-memory exit) is a warning.
 */
final class WorkerStderr {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerStderr.class);
    private static final Pattern QUIET = Pattern.compile("^\\S+ worker (INFO|DEBUG|TRACE) ");

    private WorkerStderr() {}

    static void log(String line, long pid) {
        if (QUIET.matcher(line).find()) {
            LOG.info("[worker {}] {}", pid, line);
        } else {
            LOG.warn("[worker {}] {}", pid, line);
        }
    }
}
