package dev.appserver.orchestrator.server;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.admin.AdminServer;
import dev.appserver.orchestrator.admin.ConfigRuntime;
import dev.appserver.orchestrator.apps.AppLoader;
import dev.appserver.orchestrator.apps.TypeScriptTranspiler;
import dev.appserver.orchestrator.breakers.BreakerStatus;
import dev.appserver.orchestrator.breakers.BreakingChainExecutor;
import dev.appserver.orchestrator.breakers.CircuitBreakers;
import dev.appserver.orchestrator.ingest.CaptureQueue;
import dev.appserver.orchestrator.ingest.IngestMetrics;
import dev.appserver.orchestrator.ingest.IngestSettings;
import dev.appserver.orchestrator.ingest.IngestTopics;
import dev.appserver.orchestrator.ingest.KafkaIngestion;
import dev.appserver.orchestrator.limits.CgroupDetection;
import dev.appserver.orchestrator.limits.CgroupLimits;
import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.orchestrator.limits.NoCgroups;
import dev.appserver.orchestrator.limits.UnconfinedWorkers;
import dev.appserver.orchestrator.pool.ChainExecutor;
import dev.appserver.orchestrator.pool.SetupStatus;
import dev.appserver.orchestrator.pool.WorkerDistribution;
import dev.appserver.orchestrator.pool.WorkerPool;
import dev.appserver.orchestrator.pool.WorkerPoolSettings;
import dev.appserver.orchestrator.reload.ConfigReload;
import dev.appserver.orchestrator.reload.RedisReloadPublisher;
import dev.appserver.orchestrator.reload.RedisReloadSubscriber;
import dev.appserver.orchestrator.routing.TeamChains;
import dev.appserver.orchestrator.services.ServiceEndpoints;
import dev.appserver.orchestrator.services.SingleNodeServices;
import dev.appserver.orchestrator.store.AppConfigRepository;
import dev.appserver.orchestrator.store.AppLogRepository;
import dev.appserver.orchestrator.store.AppRepository;
import dev.appserver.orchestrator.store.postgres.PostgresAppConfigRepository;
import dev.appserver.orchestrator.store.postgres.PostgresAppLogRepository;
import dev.appserver.orchestrator.store.postgres.PostgresAppRepository;
import dev.appserver.orchestrator.store.postgres.PostgresDatabase;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: the composition root of {@code appserver start}. Starts, in order, the
 * workers' cgroups (or refuses to start without them, in cluster mode), the backing services
 * (embedded in single-node mode), the topics, the store, the worker pool (behind the app configs'
 * circuit breakers), the reload subscriber,
 * the ingestion consumer and the admin API; {@link #close} stops them in reverse order, so
 * ingestion finishes (or hands back) its batch before the pool tears the apps down.
 *
 * <p>Thread safety: {@link #close} may be called from any thread (a shutdown hook), more than once.
 */
public final class OrchestratorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrchestratorServer.class);
    /** How long a cached chain is trusted without a reload message. */
    private static final Duration CHAIN_REFRESH = Duration.ofSeconds(30);
    /** The newest log entries kept per app config. */
    private static final int LOG_ENTRIES_PER_CONFIG = 10_000;

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final ServerSettings settings;
    private final Clock clock;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private ServiceEndpoints endpoints;
    private AppRepository apps;
    private AppConfigRepository configs;
    private AppLogRepository logs;
    private AdminServer admin;

    private OrchestratorServer(ServerSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts the server; on failure everything started so far is stopped again. */
    public static OrchestratorServer start(ServerSettings settings, Clock clock) throws Exception {
        OrchestratorServer server = new OrchestratorServer(requireNonNull(settings, "settings is null"),
                requireNonNull(clock, "clock is null"));
        try {
            server.startAll();
            return server;
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        // First: cluster mode refuses to run workers unconfined before it starts anything else.
        Cgroups cgroups = startCgroups();
        startServices();
        startStore();
        CaptureQueue captures = new CaptureQueue(IngestTopics.DEFAULT);
        ServerHostServices hostServices = own(new ServerHostServices(settings.allowedHosts(), captures, logs, clock));
        WorkerPool pool = startPool(cgroups, hostServices);
        CircuitBreakers breakers = new CircuitBreakers(settings.breakers(), logs, registry, clock);
        ChainExecutor executor = new BreakingChainExecutor(pool, breakers, id -> pool.setupStatus(id).isPresent());
        TeamChains chains = new TeamChains(apps, configs, settings.appTimeout().toMillis(), clock, CHAIN_REFRESH);
        ConfigReloader reloader = new ConfigReloader(chains, executor);
        RedisClient redis = RedisClient.create(endpoints.redisUrl());
        own(redis::shutdown);
        RedisReloadSubscriber reloads = own(RedisReloadSubscriber.subscribe(redis, reloader));
        RedisReloadPublisher publisher = own(new RedisReloadPublisher(redis, Duration.ofSeconds(2)));
        own(KafkaIngestion.create(
                IngestSettings.defaults(endpoints.kafkaBootstrapServers(), settings.nodeName()).withMode(settings.delivery()),
                chains, executor, captures, new IngestMetrics(registry)).start());
        TypeScriptTranspiler transpiler = own(new TypeScriptTranspiler(TypeScriptTranspiler.defaultCacheDirectory()));
        admin = own(AdminServer.builder(settings.admin())
                .appLoader(new AppLoader(transpiler))
                .repositories(apps, configs, logs)
                .metrics(registry)
                .configRuntime(new ConfigRuntime() {
                    @Override
                    public Optional<BreakerStatus> breaker(long configId) {
                        return breakers.status(configId);
                    }

                    @Override
                    public Optional<SetupStatus> setup(long configId) {
                        return pool.setupStatus(configId);
                    }
                })
                .readiness(() -> notReady(reloads.connected(), pool))
                .configChangeListener(change -> {
                    // Here at once; everywhere else (and here again, harmlessly) through Redis.
                    reloader.accept(ConfigReload.of(change));
                    publisher.configChanged(change);
                })
                .build()
                .start());
    }

    private void startServices() throws Exception {
        if (settings.cluster().isPresent()) {
            endpoints = settings.cluster().get();
            LOG.info("cluster mode: {}", endpoints);
        } else {
            endpoints = own(SingleNodeServices.start(settings.singleNode())).endpoints();
        }
        List<String> created = ServerTopics.createMissing(endpoints.kafkaBootstrapServers(), IngestTopics.DEFAULT,
                settings.partitions(), (short) 1);
        if (!created.isEmpty()) {
            LOG.info("created topics {}", created);
        }
    }

    private void startStore() throws Exception {
        long began = System.nanoTime();
        PostgresDatabase database = own(PostgresDatabase.open(endpoints.postgresJdbcUrl(), endpoints.postgresUser(),
                endpoints.postgresPassword()));
        apps = new PostgresAppRepository(database, clock);
        configs = new PostgresAppConfigRepository(database, clock);
        logs = new PostgresAppLogRepository(database, LOG_ENTRIES_PER_CONFIG);
        LOG.info("store ready (schema migrated) in {}", seconds(began));
    }

    private Cgroups startCgroups() throws UnconfinedWorkers.RefusedException {
        UnconfinedWorkers policy = UnconfinedWorkers.forServer(settings.cluster().isPresent(), settings.allowUnconfinedWorkers());
        Cgroups cgroups = own(policy.apply(CgroupDetection.detect(), LOG::warn));
        CgroupLimits limits = settings.workerLimits().cgroup();
        if (cgroups instanceof NoCgroups) {
            LOG.info("workers: heap {} MB; no cgroup limits", settings.workerLimits().heapMegabytes());
        } else {
            LOG.info("workers: heap {} MB; {}: memory {} MB, cpus {}, pids {}", settings.workerLimits().heapMegabytes(),
                    cgroups.description(), limits.memoryMegabytes(), limits.cpus(), limits.pids());
        }
        return cgroups;
    }

    private WorkerPool startPool(Cgroups cgroups, ServerHostServices hostServices) throws Exception {
        long began = System.nanoTime();
        WorkerPoolSettings poolSettings = WorkerPoolSettings.defaults().withWorkers(settings.workers())
                .withLimits(settings.workerLimits());
        WorkerPool pool = own(WorkerPool.start(poolSettings, WorkerDistribution.locate(), cgroups, hostServices,
                new StoredInstanceEvents(apps, configs, logs, clock), clock));
        LOG.info("{} sandbox workers ready in {}", settings.workers(), seconds(began));
        Gauge.builder("appserver.workers.alive", pool, p -> p.stats().workersAlive())
                .description("sandbox worker processes serving").register(registry);
        Gauge.builder("appserver.worker.restarts", pool, p -> p.stats().workerRestarts())
                .description("workers replaced after dying or hanging").register(registry);
        Gauge.builder("appserver.instances.loaded", pool, p -> p.stats().instancesLoaded())
                .description("app instances loaded in workers").register(registry);
        Gauge.builder("appserver.batches.in_flight", pool, p -> p.stats().batchesInFlight())
                .description("worker batches submitted and not finished").register(registry);
        return pool;
    }

    /** Remembers {@code resource} to be closed, in reverse order, by {@link #close}. */
    private <T extends AutoCloseable> T own(T resource) {
        resources.push(resource);
        return resource;
    }

    public ServiceEndpoints endpoints() {
        return endpoints;
    }

    public URI adminUri() {
        return admin.uri();
    }

    private static List<String> notReady(boolean redisConnected, WorkerPool pool) {
        List<String> missing = new ArrayList<>();
        if (!redisConnected) {
            missing.add("redis");
        }
        if (pool.stats().workersAlive() == 0) {
            missing.add("workers");
        }
        return missing;
    }

    private static String seconds(long startedNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }

    @Override
    public synchronized void close() {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("{} did not stop cleanly: {}", resource, e.toString());
            }
        }
    }
}
