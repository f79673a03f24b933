package dev.appserver.worker.runtime;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * The worker's system context, where no app code ever runs, used to add PostHog's
 * {@code $plugins_succeeded}, {@code $plugins_failed} and {@code $plugins_deferred} to events
 * (finisher.js). Thread-safe: calls are serialized, they are short.
 */
final class PluginLists implements AutoCloseable {
    private final Context context;
    private final Value addPluginLists;

    PluginLists(JsEngine engine) {
        this.context = engine.newContext();
        this.addPluginLists = context.eval(engine.finisher()).execute();
    }

    synchronized String add(String eventJson, String succeededJson, String failedJson, String deferredJson) {
        return addPluginLists.execute(eventJson, succeededJson, failedJson, deferredJson).asString();
    }

    @Override
    public synchronized void close() {
        context.close();
    }
}
