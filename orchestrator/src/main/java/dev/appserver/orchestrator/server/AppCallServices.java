package dev.appserver.orchestrator.server;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.appmetrics.AppMetrics;
import dev.appserver.orchestrator.breakers.BreakingAppInvoker;
import dev.appserver.orchestrator.breakers.CircuitBreakers;
import dev.appserver.orchestrator.exports.AsyncHandlers;
import dev.appserver.orchestrator.exports.AsyncSettings;
import dev.appserver.orchestrator.exports.AsyncTargets;
import dev.appserver.orchestrator.exports.ExportListener;
import dev.appserver.orchestrator.exports.Exporter;
import dev.appserver.orchestrator.exports.KafkaExportDeadLetters;
import dev.appserver.orchestrator.ingest.IngestTopics;
import dev.appserver.orchestrator.jobs.AppJobs;
import dev.appserver.orchestrator.jobs.JobKind;
import dev.appserver.orchestrator.jobs.JobQueue;
import dev.appserver.orchestrator.jobs.JobRunner;
import dev.appserver.orchestrator.pool.AppInvoker;
import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.routing.AppCapabilities;
import dev.appserver.orchestrator.routing.TeamChains;
import dev.appserver.orchestrator.scheduling.RedisLeases;
import dev.appserver.orchestrator.scheduling.TaskScheduler;
import dev.appserver.orchestrator.store.AppConfig;
import dev.appserver.orchestrator.store.AppConfigRepository;
import dev.appserver.orchestrator.store.AppLogRepository;
import io.lettuce.core.RedisClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The part of the composition root that runs app code outside the {@code processEvent} chains:
 * the async handlers (onEvent, exports), the job runner and the runEvery* scheduler, all on the
 * pools' call instances. Everything started is handed to {@code own}, which closes it with the
 * server, in reverse order.
 */
final class AppCallServices {
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    private final ServerSettings settings;
    private final AppConfigRepository configs;
    private final AppLogRepository logs;
    private final JobQueue jobQueue;
    private final AppMetrics appMetrics;
    private final TeamChains chains;
    private final AppCapabilities capabilities;
    private final AppInvoker invoker;
    private final UnaryOperator<AutoCloseable> own;
    private final Clock clock;

    AppCallServices(ServerSettings settings, AppConfigRepository configs, AppLogRepository logs, JobQueue jobQueue,
            AppMetrics appMetrics, TeamChains chains, AppCapabilities capabilities, AppInvoker invoker,
            UnaryOperator<AutoCloseable> own, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.configs = requireNonNull(configs, "configs is null");
        this.logs = requireNonNull(logs, "logs is null");
        this.jobQueue = requireNonNull(jobQueue, "jobQueue is null");
        this.appMetrics = requireNonNull(appMetrics, "appMetrics is null");
        this.chains = requireNonNull(chains, "chains is null");
        this.capabilities = requireNonNull(capabilities, "capabilities is null");
        this.invoker = requireNonNull(invoker, "invoker is null");
        this.own = requireNonNull(own, "own is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Starts the async handlers, the job runner and the scheduler. */
    void start(String kafkaBootstrapServers, CircuitBreakers breakers, RedisClient redis) {
        Exporter exporter = startExports(kafkaBootstrapServers, breakers);
        startJobs(exporter);
        startScheduler(redis);
    }

    /**
     * The async handlers: their consumer group on the output topic feeds onEvent and the export
     * buffers; exports go through the app configs' breakers, retries through the job queue.
     */
    private Exporter startExports(String kafka, CircuitBreakers breakers) {
        KafkaExportDeadLetters deadLetters = new KafkaExportDeadLetters(kafka, ServerTopics.EXPORT_DEAD_LETTERS,
                settings.nodeName());
        own.apply(deadLetters);
        ExportListener counted = new CountedExports(appMetrics);
        Exporter exporter = new Exporter(new BreakingAppInvoker(invoker, breakers), jobQueue, deadLetters,
                settings.exportRetries(), logs, counted, clock);
        own.apply(AsyncHandlers.start(AsyncSettings.defaults(kafka, IngestTopics.DEFAULT.output(), settings.nodeName()),
                new AsyncTargets(chains, capabilities), invoker, exporter, counted, clock));
        return exporter;
    }

    /** The job queue's runner: due jobs claimed here run in the pools, each on its app config's call instance. */
    private void startJobs(Exporter exporter) {
        ScheduledExecutorService polls = singleThread("job-runner");
        LongFunction<Optional<InstanceSpec>> specs = configId -> configs.get(configId).filter(AppConfig::enabled)
                .flatMap(config -> chains.chainOf(config.teamId()).stream().filter(spec -> spec.configId() == configId)
                        .findFirst());
        own.apply(new JobRunner(jobQueue, specs, Map.of(JobKind.APP, new AppJobs(invoker, logs, appMetrics, clock),
                JobKind.EXPORT_RETRY, exporter), JobRunner.Settings.DEFAULT, clock).start(polls));
    }

    /** The runEvery* scheduler: the orchestrator holding the scheduler lease in Redis runs every task. */
    private void startScheduler(RedisClient redis) {
        RedisLeases leases = RedisLeases.connect(redis, REDIS_TIMEOUT);
        own.apply(leases);
        ScheduledExecutorService ticks = singleThread("task-scheduler");
        Supplier<List<InstanceSpec>> enabled = () -> configs.teamsWithEnabledConfigs().stream()
                .flatMap(team -> chains.chainOf(team).stream()).toList();
        own.apply(new TaskScheduler(leases, settings.nodeName(), enabled,
                (spec, task) -> capabilities.mayExport(spec.appId(), task), invoker,
                new CountedTasks(appMetrics, logs, clock), settings.scheduler(), clock).start(ticks));
    }

    /** A daemon scheduler thread, shut down with the server. */
    private ScheduledExecutorService singleThread(String name) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name(name).factory());
        own.apply(scheduler::shutdownNow);
        return scheduler;
    }
}
