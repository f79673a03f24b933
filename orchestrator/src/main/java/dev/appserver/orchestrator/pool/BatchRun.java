package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import dev.appserver.proto.v1.AppError;
import dev.appserver.proto.v1.LogEntry;
import dev.appserver.proto.v1.ProcessBatchRequest;
import dev.appserver.proto.v1.ProcessBatchResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch of one tenant's chain on the tenant's {@link WorkerSlot}, re-run on a fresh worker
 * when its worker dies or hangs, with blame only on evidence (DESIGN.md, isolation layers):
 *
 * <ol>
 *   <li>the batch runs beside other tenants' batches; if the worker dies, the slot replaces it
 *       (and serves the slot's other tenants at once), and
 *   <li>the batch runs again, alone on a fresh worker of its {@link Quarantine} (a worker killed
 *       from outside once blames nobody: this run succeeds); if that worker dies too,
 *   <li>each event runs alone; an event that kills a worker alone is
 *   <li>run through each {@code processEvent} app alone (the others skipped): an app that
 *       kills the worker so is recorded as failed for that event (and told in a log entry),
 *       and the event goes through the rest of the chain without it.
 * </ol>
 *
 * A worker that dies while loading an instance alone is evidence against that instance: it
 * counts as a failed load. Every run after the first is in quarantine, alone, so a death there is
 * this batch's doing. Not thread-safe: one per batch, on one thread.
 */
final class BatchRun {
    private static final Logger LOG = LoggerFactory.getLogger(BatchRun.class);
    static final String CRASH_MESSAGE = "the worker crashed (out of memory or killed) while this app processed an "
            + "event; the app is recorded as failed for that event";

    private final WorkerSlot slot;
    private final Quarantine quarantine;
    private final List<InstanceSpec> chain;
    private final InstanceReports reports;
    private final SetupRetries retries;
    private final Clock clock;
    /** Instances whose load killed a worker during this batch: not loaded again by it. */
    private final Set<InstanceSpec.Key> crashedLoads = new HashSet<>();

    BatchRun(WorkerSlot slot, Quarantine quarantine, List<InstanceSpec> chain, InstanceReports reports,
            SetupRetries retries, Clock clock) {
        this.slot = requireNonNull(slot, "slot is null");
        this.quarantine = requireNonNull(quarantine, "quarantine is null");
        this.chain = List.copyOf(chain);
        this.reports = requireNonNull(reports, "reports is null");
        this.retries = requireNonNull(retries, "retries is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** One outcome per event, in order. @throws WorkerStartException when no worker can be started */
    List<EventOutcome> run(List<byte[]> events) throws WorkerStartException {
        try {
            return slot.shared(worker -> attempt(worker, events, Set.of()));
        } catch (WorkerDiedException e) {
            LOG.info("re-running a batch of {} events of team {} alone on a quarantine worker: {}", events.size(),
                    chain.get(0).teamId(), e.getMessage());
        }
        try {
            return exclusive(worker -> attempt(worker, events, Set.of()));
        } catch (WorkerDiedException e) {
            LOG.warn("a batch of {} events of team {} killed a fresh worker again; re-running it event by event",
                    events.size(), chain.get(0).teamId());
        }
        if (events.size() == 1) {
            return List.of(bisect(events.get(0)));
        }
        List<EventOutcome> out = new ArrayList<>(events.size());
        for (byte[] event : events) {
            out.add(alone(event));
        }
        return out;
    }

    private EventOutcome alone(byte[] event) throws WorkerStartException {
        try {
            return exclusive(worker -> attempt(worker, List.of(event), Set.of())).get(0);
        } catch (WorkerDiedException e) {
            return bisect(event);
        }
    }

    /** The event killed a worker alone: find the apps that kill it, and run it without them. */
    private EventOutcome bisect(byte[] event) throws WorkerStartException {
        List<Long> suspects;
        try {
            suspects = exclusive(worker -> worker.prepare(chain, crashedLoads).processEventConfigIds());
        } catch (WorkerDiedException e) {
            suspects = List.of();
        }
        Set<Long> culprits = new LinkedHashSet<>();
        if (suspects.size() == 1) {
            // The only app that ran each time the worker died.
            culprits.addAll(suspects);
        } else {
            for (long suspect : suspects) {
                Set<Long> others = new HashSet<>(suspects);
                others.remove(suspect);
                try {
                    exclusive(worker -> attempt(worker, List.of(event), others));
                } catch (WorkerDiedException e) {
                    culprits.add(suspect);
                }
            }
        }
        culprits.forEach(this::blame);
        try {
            return exclusive(worker -> attempt(worker, List.of(event), culprits)).get(0);
        } catch (WorkerDiedException e) {
            LOG.error("an event of team {} kills a worker even without its suspected apps {}; it is passed on "
                    + "unchanged with every app of the chain recorded as failed", chain.get(0).teamId(), culprits);
            List<Long> all = new ArrayList<>();
            chain.forEach(spec -> all.add(spec.configId()));
            return new EventOutcome(event, all);
        }
    }

    private List<EventOutcome> attempt(PooledWorker worker, List<byte[]> events, Set<Long> skip) {
        PreparedChain prepared = worker.prepare(chain, crashedLoads);
        if (prepared.instanceIds().isEmpty()) {
            return Outcomes.unchanged(events, prepared, Set.of());
        }
        ProcessBatchRequest.Builder request = ProcessBatchRequest.newBuilder()
                .addAllChain(prepared.instanceIds())
                .addAllSkipInstances(prepared.instanceIdsOf(skip));
        events.forEach(e -> request.addEvents(ByteString.copyFrom(e)));
        ProcessBatchResponse response = worker.processBatch(request.build());
        reports.cpuUsed(chain.get(0).teamId(), response.getCpuNanos());
        return Outcomes.of(response, prepared, events.size());
    }

    /**
     * A run alone on a quarantine worker; a load that kills the worker is a failed load, and the
     * run goes on without it.
     */
    private <T> T exclusive(Function<PooledWorker, T> work) throws WorkerStartException {
        while (true) {
            try {
                return quarantine.run(work);
            } catch (WorkerDiedException e) {
                if (e.loading() == null || !crashedLoads.add(e.loading().key())) {
                    throw e;
                }
                InstanceSpec spec = e.loading();
                String message = "the worker crashed (out of memory or killed) while this app was loaded";
                AppError error = AppError.newBuilder().setKind("crash").setMessage(message).build();
                SetupStatus status = retries.failed(spec.key(), error);
                reports.logs(spec, List.of(entry(message)));
                reports.loadFailed(spec, error);
                reports.logs(spec, List.of(entry(retries.message(status))));
            }
        }
    }

    private void blame(long configId) {
        for (InstanceSpec spec : chain) {
            if (spec.configId() == configId) {
                LOG.warn("config {} (team {}) crashed a worker on an event; recorded as failed for it", configId,
                        spec.teamId());
                reports.logs(spec, List.of(entry(CRASH_MESSAGE)));
            }
        }
    }

    private LogEntry entry(String message) {
        return LogEntry.newBuilder().setType("ERROR").setSource("PLUGIN").setMessage(message)
                .setTimestampMillis(clock.millis()).build();
    }
}
