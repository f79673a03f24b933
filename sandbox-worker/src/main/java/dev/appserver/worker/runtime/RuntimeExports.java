package dev.appserver.worker.runtime;

import java.util.List;

/** The names of the functions and objects an app may export, as PostHog defines them. */
final class RuntimeExports {
    static final List<String> NAMES = List.of(
            "setupPlugin", "teardownPlugin", "processEvent", "processEventBatch", "onEvent", "exportEvents",
            "composeWebhook", "runEveryMinute", "runEveryHour", "runEveryDay", "jobs", "metrics");

    /** Tasks the scheduler runs; others may be run by name when a caller lists them. */
    static final List<String> TASKS = List.of("runEveryMinute", "runEveryHour", "runEveryDay");

    private RuntimeExports() {}
}
