package dev.appserver.orchestrator.scheduling;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.pool.AppCall;
import dev.appserver.orchestrator.pool.AppInvoker;
import dev.appserver.orchestrator.pool.CallOutcome;
import dev.appserver.orchestrator.pool.InstanceSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scheduled tasks ({@code runEveryMinute}, {@code runEveryHour}, {@code runEveryDay}) of
 * every enabled app config that exports them, once per period in the whole cluster:
 * <ul>
 *   <li>only the leader schedules: the orchestrator holding the {@code scheduler} lease, renewed
 *       on every tick; when its holder dies the lease runs out and another orchestrator takes it;
 *   <li>the leader claims each (app config, task, period) once before running it, so a leader
 *       that takes over in the middle of a period does not run what the old one ran;
 *   <li>a task still running from an earlier period is skipped for this one, not queued;
 *   <li>periods are aligned to the epoch (minutes, hours, UTC days); after a pause only the
 *       current period runs: missed ones are not replayed.
 * </ul>
 * {@link #tick} does the work; {@link #start} calls it every {@code settings.tick()}. Thread-safe.
 */
public final class TaskScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskScheduler.class);
    static final String LEADER_LEASE = "scheduler";

    /**
     * @param tick how often the scheduler looks at the clock
     * @param leaderLease how long the leader's lease lasts unless renewed: how long the cluster
     *     may go without a leader when one dies
     * @param periods each task's period, by task name
     */
    public record Settings(Duration tick, Duration leaderLease, Map<String, Duration> periods) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(1), Duration.ofSeconds(15),
                periods(Duration.ofMinutes(1)));

        public Settings {
            requireNonNull(tick, "tick is null");
            requireNonNull(leaderLease, "leaderLease is null");
            periods = Map.copyOf(periods);
        }

        /** PostHog's three tasks, with {@code minute} as the length of a minute (shorter in tests). */
        public static Map<String, Duration> periods(Duration minute) {
            Map<String, Duration> periods = new LinkedHashMap<>();
            periods.put("runEveryMinute", minute);
            periods.put("runEveryHour", minute.multipliedBy(60));
            periods.put("runEveryDay", minute.multipliedBy(60 * 24));
            return periods;
        }
    }

    private final Leases leases;
    private final String holder;
    private final Supplier<List<InstanceSpec>> enabled;
    private final BiPredicate<InstanceSpec, String> exports;
    private final AppInvoker invoker;
    private final TaskListener listener;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, Instant> lastPeriod = new HashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private boolean leader;
    private ScheduledFuture<?> ticks;

    /**
     * @param nodeName this orchestrator's name, in the leader lease (with a random part)
     * @param enabled every enabled app config of the cluster, as its chain has it
     * @param exports whether an app config's app exports a task
     */
    public TaskScheduler(Leases leases, String nodeName, Supplier<List<InstanceSpec>> enabled,
            BiPredicate<InstanceSpec, String> exports, AppInvoker invoker, TaskListener listener, Settings settings,
            Clock clock) {
        this.leases = requireNonNull(leases, "leases is null");
        this.holder = requireNonNull(nodeName, "nodeName is null") + "-" + UUID.randomUUID();
        this.enabled = requireNonNull(enabled, "enabled is null");
        this.exports = requireNonNull(exports, "exports is null");
        this.invoker = requireNonNull(invoker, "invoker is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Ticks every {@code settings.tick()} on {@code scheduler}, which the scheduler does not shut down. */
    public synchronized TaskScheduler start(ScheduledExecutorService scheduler) {
        ticks = Periodic.every(scheduler, settings.tick(), this::tick, LOG, "the task scheduler's tick");
        return this;
    }

    /** Renews or takes the leader lease and, as leader, starts the tasks of every period that began. @return the tasks started */
    public synchronized int tick() {
        boolean wasLeader = leader;
        leader = leases.acquireOrRenew(LEADER_LEASE, holder, settings.leaderLease());
        if (leader != wasLeader) {
            LOG.info(leader ? "this orchestrator now runs the scheduled tasks" : "another orchestrator runs the scheduled tasks now");
        }
        if (!leader) {
            lastPeriod.clear();
            return 0;
        }
        Instant now = clock.instant();
        Map<String, Instant> begun = new LinkedHashMap<>();
        settings.periods().forEach((task, period) -> {
            Instant start = periodStart(now, period);
            if (!start.equals(lastPeriod.put(task, start))) {
                begun.put(task, start);
            }
        });
        if (begun.isEmpty()) {
            return 0;
        }
        int started = 0;
        for (InstanceSpec spec : enabled.get()) {
            for (Map.Entry<String, Instant> period : begun.entrySet()) {
                if (exports.test(spec, period.getKey()) && run(spec, period.getKey(), period.getValue())) {
                    started++;
                }
            }
        }
        return started;
    }

    private boolean run(InstanceSpec spec, String task, Instant periodStart) {
        String key = spec.configId() + ":" + task;
        Duration period = settings.periods().get(task);
        if (!leases.claimOnce("task:" + key + ":" + periodStart.toEpochMilli(), period.multipliedBy(2))) {
            return false; // An earlier leader ran it in this period.
        }
        if (!running.add(key)) {
            LOG.info("{} of app config {} is still running from an earlier period; skipping this one", task, spec.configId());
            listener.skipped(spec, task);
            return false;
        }
        invoker.call(spec, new AppCall.RunTask(task)).whenComplete((outcome, error) -> {
            running.remove(key);
            if (error != null) {
                LOG.warn("{} of app config {} did not run: {}", task, spec.configId(), error.toString());
            } else if (outcome.status() != CallOutcome.Status.NOT_EXPORTED) {
                listener.ran(spec, task, outcome);
            }
        });
        return true;
    }

    static Instant periodStart(Instant now, Duration period) {
        long millis = period.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), millis) * millis);
    }

    /** Stops ticking and gives the leader lease up, so another orchestrator takes over at once. */
    @Override
    public synchronized void close() {
        if (ticks != null) {
            ticks.cancel(false);
        }
        if (leader) {
            try {
                leases.release(LEADER_LEASE, holder);
            } catch (RuntimeException e) {
                LOG.warn("could not give the scheduler lease up: {}", e.toString());
            }
            leader = false;
        }
    }
}
