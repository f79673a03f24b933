package dev.appserver.orchestrator.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.store.AppConfig;

/**
 * Runs one of an app's {@code jobs} on request ({@code POST /api/configs/{id}/jobs/{name}}): the
 * jobs queue plugs in here. Called on the request thread; it should only enqueue.
 */
@FunctionalInterface
public interface JobTrigger {
    void trigger(AppConfig config, String jobName, ObjectNode payload);
}
