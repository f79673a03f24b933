package dev.appserver.orchestrator.hostservices;

/** Receives jobs an app enqueued with {@code meta.jobs.<name>(payload).runNow|runIn|runAt}. */
@FunctionalInterface
public interface JobSink {
    /** @param runAtMillis when to run, epoch milliseconds; 0 for now */
    void enqueue(InstanceBinding from, String name, String payloadJson, long runAtMillis);
}
