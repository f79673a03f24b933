package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A chain as one worker will run it: the instance ids of the app configs loaded there, in chain
 * order, and the app configs left out because they could not be loaded.
 *
 * @param configIds every app config of the chain, in chain order
 * @param instanceIds the loaded ones' instance ids in that worker, in chain order
 * @param configIdByInstance instance id to app config id
 * @param excluded app configs not loaded (failed, or waiting for their retry)
 * @param processEventConfigIds loaded app configs that export {@code processEvent}: the only
 *     ones that can crash a worker in {@code ProcessBatch}
 */
record PreparedChain(
        List<Long> configIds,
        List<Long> instanceIds,
        Map<Long, Long> configIdByInstance,
        Set<Long> excluded,
        List<Long> processEventConfigIds) {
    PreparedChain {
        configIds = List.copyOf(configIds);
        instanceIds = List.copyOf(instanceIds);
        configIdByInstance = Map.copyOf(configIdByInstance);
        excluded = Set.copyOf(excluded);
        processEventConfigIds = List.copyOf(processEventConfigIds);
    }

    /** The instance ids of {@code configIds} that are loaded here. */
    List<Long> instanceIdsOf(Set<Long> configIds) {
        requireNonNull(configIds, "configIds is null");
        Map<Long, Long> instanceByConfig = new HashMap<>();
        configIdByInstance.forEach((instance, config) -> instanceByConfig.put(config, instance));
        List<Long> out = new ArrayList<>();
        for (long configId : configIds) {
            Long instance = instanceByConfig.get(configId);
            if (instance != null) {
                out.add(instance);
            }
        }
        return out;
    }

    /** {@code failed}, plus the excluded app configs, in chain order without duplicates. */
    List<Long> inChainOrder(Set<Long> failed) {
        List<Long> out = new ArrayList<>();
        for (long configId : configIds) {
            if ((failed.contains(configId) || excluded.contains(configId)) && !out.contains(configId)) {
                out.add(configId);
            }
        }
        return out;
    }
}
