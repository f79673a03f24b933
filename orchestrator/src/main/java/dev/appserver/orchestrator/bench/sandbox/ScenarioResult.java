package dev.appserver.orchestrator.bench.sandbox;

import dev.appserver.orchestrator.bench.Median;
import java.util.List;

/**
 * What one scenario measured.
 *
 * @param runsPerSecond appserver's events/s of each run, warm worker
 * @param batchMillis how long each batch of the runs took, sorted
 * @param nodePerSecond node-ref's steady events/s with its per-call vm timeout; NaN when not run
 * @param nodeUnprotectedPerSecond the same with the timeout off; NaN when not run
 * @param workerReadyMillis from spawning the scenario's worker to its saying it is ready
 * @param loadMillis loading the scenario's chain into the fresh worker, setupPlugin included
 */
record ScenarioResult(SandboxScenario scenario, List<Double> runsPerSecond, List<Double> batchMillis,
        double nodePerSecond, double nodeUnprotectedPerSecond, double workerReadyMillis, double loadMillis) {
    ScenarioResult {
        runsPerSecond = List.copyOf(runsPerSecond);
        batchMillis = batchMillis.stream().sorted().toList();
    }

    double perSecond() {
        return Median.of(runsPerSecond);
    }

    double batchPercentile(double p) {
        if (batchMillis.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100 * batchMillis.size()) - 1;
        return batchMillis.get(Math.max(0, Math.min(batchMillis.size() - 1, index)));
    }

    /** appserver's events/s over node-ref's; NaN when node-ref did not run. */
    double ratio() {
        return perSecond() / nodePerSecond;
    }

    double unprotectedRatio() {
        return perSecond() / nodeUnprotectedPerSecond;
    }
}
