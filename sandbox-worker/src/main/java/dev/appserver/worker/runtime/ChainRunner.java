package dev.appserver.worker.runtime;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a batch of events through a tenant's chain with PostHog's rules: each app in order; a
 * falsy return drops the event and stops its chain; a failure (throw, timeout, invalid result,
 * changed team_id) is logged and the event goes on as it was before that app; the
 * {@code $plugins_*} lists are added when any app took part.
 *
 * <p>The batch goes through the chain app by app (all events through the first app, the
 * survivors through the second, ...), each app seeing its events in input order: one entry into
 * each context per batch instead of one per event. See docs/decisions/0004-batch-app-by-app.md.
 *
 * <p>Thread-safe; instances serialize their own invocations.
 */
public final class ChainRunner {
    private final PluginLists pluginLists;

    public ChainRunner(JsEngine engine) {
        this.pluginLists = new PluginLists(requireNonNull(engine, "engine is null"));
    }

    /** One result per input event, in input order. */
    public List<ChainResult> run(List<AppInstance> chain, List<String> events, LogSink sink) {
        return run(chain, java.util.Set.of(), events, sink);
    }

    /**
     * Like {@link #run(List, List, LogSink)}, with the instances in {@code skip} recorded as failed
     * for every event without being run (the orchestrator knows they crash a worker on them).
     */
    public List<ChainResult> run(List<AppInstance> chain, java.util.Set<Long> skip, List<String> events, LogSink sink) {
        int n = events.size();
        String[] current = events.toArray(new String[0]);
        boolean[] dropped = new boolean[n];
        // Whether current[i] is JSON an app's JSON.stringify wrote (else it is still the input's text).
        boolean[] written = new boolean[n];
        List<List<String>> succeeded = lists(n);
        List<List<String>> failed = lists(n);
        List<List<Long>> failedIds = new ArrayList<>(n);
        List<List<Long>> succeededIds = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            failedIds.add(new ArrayList<>(0));
            succeededIds.add(new ArrayList<>(2));
        }
        long[] droppedBy = new long[n];
        // Each app's output must keep the team_id its input had, which is the chain's input's.
        String[] teams = new String[n];
        for (int i = 0; i < n; i++) {
            teams[i] = EventJson.teamValue(current[i]);
        }
        List<String> deferred = new ArrayList<>();
        boolean anyTookPart = false;
        for (AppInstance app : chain) {
            AppInstance.Exports exports = app.exports();
            if (exports.has("onEvent") || exports.has("exportEvents") || exports.has("composeWebhook")) {
                deferred.add(app.displayName());
                anyTookPart = true;
            }
            if (!exports.has("processEvent")) {
                continue;
            }
            anyTookPart = true;
            if (skip.contains(app.id())) {
                for (int i = 0; i < n; i++) {
                    if (!dropped[i]) {
                        failed.get(i).add(app.displayName());
                        failedIds.get(i).add(app.id());
                    }
                }
                continue;
            }
            List<Integer> alive = new ArrayList<>(n);
            List<String> inputs = new ArrayList<>(n);
            List<String> inputTeams = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                if (!dropped[i]) {
                    alive.add(i);
                    inputs.add(current[i]);
                    inputTeams.add(teams[i]);
                }
            }
            if (alive.isEmpty()) {
                break;
            }
            List<EventOutcome> outcomes = app.runBatch("processEvent", inputs, inputTeams, sink);
            for (int j = 0; j < outcomes.size(); j++) {
                int i = alive.get(j);
                EventOutcome o = outcomes.get(j);
                switch (o.status()) {
                    case OK -> {
                        current[i] = o.json();
                        written[i] = true;
                        succeeded.get(i).add(app.displayName());
                        succeededIds.get(i).add(app.id());
                    }
                    case DROPPED -> {
                        dropped[i] = true;
                        droppedBy[i] = app.id();
                    }
                    case FAILED -> {
                        failed.get(i).add(app.displayName());
                        failedIds.get(i).add(app.id());
                        sink.log(app.id(), "ERROR", "PLUGIN", o.reason());
                    }
                }
            }
        }
        String[] finished = anyTookPart ? addLists(current, written, dropped, succeeded, failed, jsonArray(deferred)) : current;
        List<ChainResult> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            results.add(new ChainResult(dropped[i] ? null : finished[i], failedIds.get(i), succeededIds.get(i), droppedBy[i]));
        }
        return results;
    }

    /**
     * The surviving events with their {@code $plugins_*} lists; dropped slots stay null. An event
     * an app wrote is already JS's JSON, so the lists are spliced into its text ({@link EventJson});
     * one no app wrote (every app failed on it, or none transforms) goes through the system
     * context's {@code JSON.parse} and {@code JSON.stringify} once, so that it leaves written as JS
     * writes it too.
     */
    private String[] addLists(String[] current, boolean[] written, boolean[] dropped, List<List<String>> succeeded,
            List<List<String>> failed, String deferredJson) {
        String[] finished = new String[current.length];
        List<Integer> unwritten = new ArrayList<>();
        List<String> events = new ArrayList<>();
        List<String> succeededJson = new ArrayList<>();
        List<String> failedJson = new ArrayList<>();
        // Most events of a batch share their lists: write each distinct list as JSON once.
        Map<List<String>, String> lists = new HashMap<>();
        for (int i = 0; i < current.length; i++) {
            if (dropped[i]) {
                continue;
            }
            String succeededList = lists.computeIfAbsent(succeeded.get(i), ChainRunner::jsonArray);
            String failedList = lists.computeIfAbsent(failed.get(i), ChainRunner::jsonArray);
            if (written[i]) {
                finished[i] = EventJson.withLists(current[i], succeededList, failedList, deferredJson);
            } else {
                unwritten.add(i);
                events.add(current[i]);
                succeededJson.add(succeededList);
                failedJson.add(failedList);
            }
        }
        if (!events.isEmpty()) {
            String[] withLists = pluginLists.add(events, succeededJson, failedJson, deferredJson);
            for (int j = 0; j < withLists.length; j++) {
                finished[unwritten.get(j)] = withLists[j];
            }
        }
        return finished;
    }

    private static List<List<String>> lists(int n) {
        List<List<String>> lists = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lists.add(new ArrayList<>(2));
        }
        return lists;
    }

    private static String jsonArray(List<String> names) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            out.append(i == 0 ? "" : ",").append(JsonStrings.quote(names.get(i)));
        }
        return out.append(']').toString();
    }

    /**
     * @param json the resulting event, or null when the chain dropped it
     * @param failedInstances instances whose invocation failed for this event
     * @param succeededInstances instances whose {@code processEvent} returned the event for this
     *     event (changed or not)
     * @param droppedBy the instance whose {@code processEvent} dropped the event; 0 when kept
     */
    public record ChainResult(String json, List<Long> failedInstances, List<Long> succeededInstances, long droppedBy) {}
}
