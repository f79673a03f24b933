package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workers of the pool's own kind outside its slots, where a batch that killed its worker is run
 * again alone ({@link BatchRun}): the slot's replacement serves the other tenants placed there
 * meanwhile, instead of waiting for the whole search for the culprit. A worker is started on first
 * use and replaced after each death; it runs nothing but this batch's work, so a death there is
 * this batch's doing.
 *
 * <p>A quarantine holds one of the pool's {@code workers} permits from its first worker's start
 * until {@link #close}: when a worker that held batches of hundreds of tenants died, their re-runs
 * once started hundreds of worker JVMs at once on two cores. Now they take turns (decision 0019).
 *
 * <p>One per batch run, used from its thread; {@link #close} stops the worker.
 */
final class Quarantine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);

    private final WorkerSlot.WorkerStarter starter;
    private final String name;
    private final Runnable onDeath;
    private final Semaphore workers;
    private boolean holdsPermit;
    private PooledWorker worker;
    private int generation;

    /**
     * @param name unique within the pool: names each worker (its socket and cgroup)
     * @param onDeath told of each worker that died or hung here (the pool counts restarts)
     * @param workers the pool's permits for quarantine workers, shared by all its quarantines
     */
    Quarantine(WorkerSlot.WorkerStarter starter, String name, Runnable onDeath, Semaphore workers) {
        this.starter = requireNonNull(starter, "starter is null");
        this.name = requireNonNull(name, "name is null");
        this.onDeath = requireNonNull(onDeath, "onDeath is null");
        this.workers = requireNonNull(workers, "workers is null");
    }

    /**
     * Runs {@code work} on this quarantine's worker, starting one first when it has none.
     *
     * @throws WorkerDiedException when the worker died or hung (it is stopped; the next run starts another)
     * @throws WorkerStartException when no worker could be started
     */
    <T> T run(Function<PooledWorker, T> work) throws WorkerStartException {
        PooledWorker current = worker();
        try {
            return work.apply(current);
        } catch (InstanceLoadException e) {
            throw failure(current, e.getCause(), e.spec());
        } catch (StatusRuntimeException e) {
            throw failure(current, e, null);
        }
    }

    private PooledWorker worker() throws WorkerStartException {
        if (worker == null) {
            if (!holdsPermit) {
                workers.acquireUninterruptibly();
                holdsPermit = true;
            }
            generation++;
            try {
                worker = starter.start(name + "-" + generation).join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof WorkerStartException start) {
                    throw start;
                }
                throw e;
            }
            LOG.info("{} started to re-run a batch alone ({})", worker, name);
        }
        return worker;
    }

    private RuntimeException failure(PooledWorker dead, StatusRuntimeException e, InstanceSpec loading) {
        if (!CallFailures.isDeath(dead.worker(), e)) {
            return e;
        }
        worker = null;
        onDeath.run();
        dead.worker().kill();
        return new WorkerDiedException(dead.toString(), e, loading);
    }

    /** Tears the worker's instances down and stops it. */
    @Override
    public void close() {
        if (worker != null) {
            worker.stop();
            worker = null;
        }
        if (holdsPermit) {
            holdsPermit = false;
            workers.release();
        }
    }
}
