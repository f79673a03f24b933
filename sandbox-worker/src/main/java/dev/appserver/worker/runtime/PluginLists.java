package dev.appserver.worker.runtime;

import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

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

    /**
     * Adds the lists to every event of a batch in one call into the system context.
     *
     * @return the events with their lists, in order
     */
    synchronized String[] add(List<String> events, List<String> succeededJson, List<String> failedJson,
            String deferredJson) {
        Value out = addPluginLists.execute(ProxyArray.fromList(new ArrayList<Object>(events)),
                ProxyArray.fromList(new ArrayList<Object>(succeededJson)),
                ProxyArray.fromList(new ArrayList<Object>(failedJson)), deferredJson);
        String[] results = new String[events.size()];
        for (int i = 0; i < results.length; i++) {
            results[i] = out.getArrayElement(i).asString();
        }
        return results;
    }

    @Override
    public synchronized void close() {
        context.close();
    }
}
