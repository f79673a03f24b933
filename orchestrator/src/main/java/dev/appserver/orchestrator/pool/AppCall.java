package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import dev.appserver.proto.v1.Capabilities;
import java.util.List;

/**
 * One call into an app config other than its {@code processEvent} chain: what the async
 * handlers, the scheduler and the job queue ask an {@link AppInvoker} to run.
 */
public sealed interface AppCall {
    /** Whether an instance with {@code capabilities} exports what this call runs. */
    boolean exportedBy(Capabilities capabilities);

    /**
     * Whether an instance with {@code capabilities} exports anything an {@code AppCall} runs:
     * {@code onEvent}, {@code exportEvents}, a task or a job. An instance that exports none serves
     * no call, so a call instance loaded only to find that out need not stay loaded.
     */
    static boolean anyExportedBy(Capabilities capabilities) {
        return capabilities.getOnEvent() || capabilities.getExportEvents() || capabilities.getTasksCount() > 0
                || capabilities.getJobsCount() > 0;
    }

    /** A short description for logs: {@code "onEvent"}, {@code "exportEvents"}, the task or job name. */
    String describe();

    /** {@code onEvent} for each event, in order. @param events processed events, UTF-8 JSON */
    record OnEvents(List<byte[]> events) implements AppCall {
        public OnEvents {
            events = List.copyOf(events);
        }

        @Override
        public boolean exportedBy(Capabilities capabilities) {
            return capabilities.getOnEvent();
        }

        @Override
        public String describe() {
            return "onEvent";
        }
    }

    /**
     * {@code exportEvents} on one batch.
     *
     * @param events UTF-8 JSON events, in the order they were buffered
     * @param batchId the batch's id, the same on every attempt, so a destination can deduplicate
     * @param attempt 0 for the first attempt, then 1, 2, ...
     */
    record ExportEvents(List<byte[]> events, String batchId, int attempt) implements AppCall {
        public ExportEvents {
            events = List.copyOf(events);
            requireNonNull(batchId, "batchId is null");
        }

        @Override
        public boolean exportedBy(Capabilities capabilities) {
            return capabilities.getExportEvents();
        }

        @Override
        public String describe() {
            return "exportEvents";
        }
    }

    /** A scheduled task: {@code runEveryMinute}, {@code runEveryHour} or {@code runEveryDay}. */
    record RunTask(String task) implements AppCall {
        public RunTask {
            requireNonNull(task, "task is null");
        }

        @Override
        public boolean exportedBy(Capabilities capabilities) {
            return capabilities.getTasksList().contains(task);
        }

        @Override
        public String describe() {
            return task;
        }
    }

    /** One of the app's {@code jobs} with its payload (JSON). */
    record RunJob(String job, String payloadJson) implements AppCall {
        public RunJob {
            requireNonNull(job, "job is null");
            requireNonNull(payloadJson, "payloadJson is null");
        }

        @Override
        public boolean exportedBy(Capabilities capabilities) {
            return capabilities.getJobsList().contains(job);
        }

        @Override
        public String describe() {
            return "job " + job;
        }
    }
}
