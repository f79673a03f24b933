package dev.appserver.orchestrator.pool;

import dev.appserver.proto.v1.EventResult;
import dev.appserver.proto.v1.ProcessBatchResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** Turns a worker's {@code ProcessBatch} results into {@link EventOutcome}s in app config terms. */
final class Outcomes {
    private Outcomes() {}

    /** One outcome per result; the excluded app configs count as failed on every event. */
    static List<EventOutcome> of(ProcessBatchResponse response, PreparedChain chain, int events) {
        if (response.getResultsCount() != events) {
            throw new IllegalStateException("the worker answered " + response.getResultsCount() + " results for "
                    + events + " events");
        }
        List<EventOutcome> out = new ArrayList<>(events);
        for (EventResult result : response.getResultsList()) {
            Set<Long> failed = new HashSet<>();
            for (long instanceId : result.getFailedInstancesList()) {
                failed.add(configId(chain, instanceId));
            }
            List<Long> succeeded = new ArrayList<>(result.getSucceededInstancesCount());
            for (long instanceId : result.getSucceededInstancesList()) {
                succeeded.add(configId(chain, instanceId));
            }
            byte[] event = result.getDropped() ? null : result.getEvent().toByteArray();
            OptionalLong droppedBy = result.getDropped() && result.getDroppedBy() != 0
                    ? OptionalLong.of(configId(chain, result.getDroppedBy())) : OptionalLong.empty();
            out.add(new EventOutcome(event, chain.inChainOrder(failed), succeeded, droppedBy));
        }
        return out;
    }

    private static long configId(PreparedChain chain, long instanceId) {
        Long configId = chain.configIdByInstance().get(instanceId);
        if (configId == null) {
            throw new IllegalStateException("the worker named instance " + instanceId + ", not in the chain");
        }
        return configId;
    }

    /** The events as they came, every excluded app config (and those of {@code failed}) counted as failed. */
    static List<EventOutcome> unchanged(List<byte[]> events, PreparedChain chain, Set<Long> failed) {
        List<Long> failedIds = chain.inChainOrder(failed);
        List<EventOutcome> out = new ArrayList<>(events.size());
        for (byte[] event : events) {
            out.add(new EventOutcome(event, failedIds));
        }
        return out;
    }
}
