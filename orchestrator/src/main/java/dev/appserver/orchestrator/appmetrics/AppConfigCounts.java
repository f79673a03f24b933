package dev.appserver.orchestrator.appmetrics;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * One app config's counters on one orchestrator, since {@code since}.
 *
 * @param configId the app config
 * @param since when this orchestrator started counting (its start): the counters are per node,
 *     and a cluster's totals are their sum over the nodes, as in Prometheus
 * @param values every {@link AppCounter}, zero where nothing was counted
 */
public record AppConfigCounts(long configId, Instant since, Map<AppCounter, Long> values) {
    public AppConfigCounts {
        requireNonNull(since, "since is null");
        values = Map.copyOf(values);
        for (AppCounter counter : AppCounter.values()) {
            if (!values.containsKey(counter)) {
                throw new IllegalArgumentException("no value for " + counter);
            }
        }
    }

    public long get(AppCounter counter) {
        return values.get(counter);
    }

    /** Every task run, failed ones included. */
    public long taskRuns() {
        return get(AppCounter.TASK_SUCCEEDED) + get(AppCounter.TASK_FAILED);
    }

    /** Every job run, failed ones included. */
    public long jobRuns() {
        return get(AppCounter.JOB_SUCCEEDED) + get(AppCounter.JOB_FAILED);
    }
}
