package dev.appserver.orchestrator.server;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.admin.AdminServer;
import dev.appserver.orchestrator.admin.ConfigChange;
import dev.appserver.orchestrator.admin.ConfigRuntime;
import dev.appserver.orchestrator.applogs.KafkaPublishingAppLogs;
import dev.appserver.orchestrator.appmetrics.AppMetrics;
import dev.appserver.orchestrator.apps.AppLoader;
import dev.appserver.orchestrator.apps.TypeScriptTranspiler;
import dev.appserver.orchestrator.breakers.BreakerStatus;
import dev.appserver.orchestrator.breakers.BreakingChainExecutor;
import dev.appserver.orchestrator.breakers.CircuitBreakers;
import dev.appserver.orchestrator.hostservices.GeoIpLocator;
import dev.appserver.orchestrator.hostservices.RedisAppCache;
import dev.appserver.orchestrator.hostservices.geoip.MaxMindGeoIpLocator;
import dev.appserver.orchestrator.ingest.CaptureQueue;
import dev.appserver.orchestrator.ingest.IngestMetrics;
import dev.appserver.orchestrator.ingest.IngestSettings;
import dev.appserver.orchestrator.ingest.IngestTopics;
import dev.appserver.orchestrator.ingest.KafkaIngestion;
import dev.appserver.orchestrator.limits.CgroupDetection;
import dev.appserver.orchestrator.limits.CgroupLimits;
import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.orchestrator.limits.NoCgroups;
import dev.appserver.orchestrator.limits.PrefixedCgroups;
import dev.appserver.orchestrator.limits.UnconfinedWorkers;
import dev.appserver.orchestrator.pool.ChainExecutor;
import dev.appserver.orchestrator.pool.SetupStatus;
import dev.appserver.orchestrator.pool.WorkerDistribution;
import dev.appserver.orchestrator.pool.WorkerPool;
import dev.appserver.orchestrator.pool.WorkerPoolSettings;
import dev.appserver.orchestrator.pool.WorkerStartException;
import dev.appserver.orchestrator.quota.TenantQuotas;
import dev.appserver.orchestrator.reload.ConfigReload;
import dev.appserver.orchestrator.reload.FullReload;
import dev.appserver.orchestrator.jobs.JobKind;
import dev.appserver.orchestrator.jobs.JobQueue;
import dev.appserver.orchestrator.jobs.NewJob;
import dev.appserver.orchestrator.reload.RedisReloadPublisher;
import dev.appserver.orchestrator.reload.RedisReloadSubscriber;
import dev.appserver.orchestrator.routing.AppCapabilities;
import dev.appserver.orchestrator.routing.TeamChains;
import dev.appserver.orchestrator.services.ServiceEndpoints;
import dev.appserver.orchestrator.services.SingleNodeServices;
import dev.appserver.orchestrator.store.AppConfigRepository;
import dev.appserver.orchestrator.store.AppLogRepository;
import dev.appserver.orchestrator.store.AppRepository;
import dev.appserver.orchestrator.store.postgres.PostgresAppConfigRepository;
import dev.appserver.orchestrator.store.postgres.PostgresAppLogRepository;
import dev.appserver.orchestrator.store.postgres.PostgresAppStorage;
import dev.appserver.orchestrator.store.postgres.PostgresAppRepository;
import dev.appserver.orchestrator.store.postgres.PostgresDatabase;
import dev.appserver.orchestrator.store.postgres.PostgresJobQueue;
import dev.appserver.orchestrator.trust.PoolName;
import dev.appserver.orchestrator.trust.PoolPlan;
import dev.appserver.orchestrator.trust.TrustPools;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
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
 * {@code --geoip-db} database, the workers' cgroups (or refuses to start without them, in cluster
 * mode), the backing services (embedded in single-node mode), the topics, the store, the Redis
 * client and the host services on both (cache in Redis, storage in PostgreSQL), the worker pools
 * by trust (the untrusted
 * one; the others start on first use) behind the app configs' circuit breakers, the reload subscriber,
 * the ingestion consumer and the admin API; {@link #close} stops them in reverse order, so
 * ingestion finishes (or hands back) its batch before the pool tears the apps down.
 *
 * <p>Thread safety: {@link #close} may be called from any thread (a shutdown hook), more than once.
 */
public final class OrchestratorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrchestratorServer.class);
    /** How long a cached chain is trusted without a reload message. */
    private static final Duration CHAIN_REFRESH = Duration.ofSeconds(30);
    /** How long one {@code meta.cache} command may wait for Redis. */
    private static final Duration CACHE_TIMEOUT = Duration.ofSeconds(5);
    /** The newest log entries kept per app config. */
    private static final int LOG_ENTRIES_PER_CONFIG = 10_000;

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final ServerSettings settings;
    private final Clock clock;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AppMetrics appMetrics;
    private ServiceEndpoints endpoints;
    private AppRepository apps;
    private AppConfigRepository configs;
    private AppLogRepository logs;
    private JobQueue jobQueue;
    private AdminServer admin;

    private OrchestratorServer(ServerSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.appMetrics = new AppMetrics(registry, clock);
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
        // First: an unusable --geoip-db, and cluster mode's refusal to run workers unconfined,
        // stop the start before anything else is started.
        GeoIpLocator geoIp = openGeoIpDatabase();
        Cgroups cgroups = startCgroups();
        startServices();
        PostgresDatabase database = startStore();
        RedisClient redis = RedisClient.create(endpoints.redisUrl());
        own(redis::shutdown);
        CaptureQueue captures = new CaptureQueue(IngestTopics.DEFAULT);
        PostgresAppStorage storage = new PostgresAppStorage(database);
        // Each tenant's storage quota starts from what the tenant stores in PostgreSQL.
        TenantQuotas quotas = new TenantQuotas(settings.quotas(), clock, registry, storage::tenantBytes);
        RedisAppCache cache = own(RedisAppCache.connect(redis, CACHE_TIMEOUT));
        ServerHostServices hostServices = own(new ServerHostServices(settings.allowedHosts(), cache, storage, geoIp, captures,
                jobQueue, quotas, clock));
        TrustPools pool = startPools(cgroups, hostServices, quotas);
        CircuitBreakers breakers = new CircuitBreakers(settings.breakers(), logs, registry, clock);
        ChainExecutor executor = new BreakingChainExecutor(pool, breakers, id -> pool.setupStatus(id).isPresent());
        TeamChains chains = new TeamChains(apps, configs, settings.appTimeout().toMillis(), clock, CHAIN_REFRESH);
        ConfigReloader reloader = new ConfigReloader(chains, executor);
        RedisReloadSubscriber reloads = own(RedisReloadSubscriber.subscribe(redis, reloader));
        RedisReloadPublisher publisher = own(new RedisReloadPublisher(redis, Duration.ofSeconds(2)));
        IngestSettings ingest = IngestSettings.defaults(endpoints.kafkaBootstrapServers(), settings.nodeName())
                .withMode(settings.delivery());
        IngestMetrics ingestMetrics = new IngestMetrics(registry, appMetrics);
        // Events of a tenant past a quota wait in the overflow topic, which a consumer of their own
        // works off as the tenant's quotas allow; the input consumer never waits for a tenant.
        own(KafkaIngestion.create(ingest.forOverflow(), chains, executor, captures, ingestMetrics, quotas).start());
        own(KafkaIngestion.create(ingest, chains, executor, captures, ingestMetrics, quotas).start());
        new AppCallServices(settings, configs, logs, jobQueue, appMetrics, chains, new AppCapabilities(apps), pool,
                this::own, clock).start(endpoints.kafkaBootstrapServers(), breakers, redis);
        TypeScriptTranspiler transpiler = own(new TypeScriptTranspiler(TypeScriptTranspiler.defaultCacheDirectory()));
        admin = own(AdminServer.builder(settings.admin())
                .appLoader(new AppLoader(transpiler))
                .repositories(apps, configs, logs)
                .metrics(registry)
                .appMetrics(appMetrics)
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
                .jobTrigger((config, name, payload) -> jobQueue.enqueue(new NewJob(config.id(), JobKind.APP, name,
                        payload.toString(), clock.instant())))
                .configChangeListener(change -> {
                    // Here at once; everywhere else (and here again, harmlessly) through Redis.
                    reloader.accept(ConfigReload.of(change));
                    publisher.configChanged(change);
                    if (change.kind() == ConfigChange.Kind.DELETED) {
                        appMetrics.forget(change.config().id());
                    }
                })
                .appTrustListener((appId, verified) -> {
                    // Every chain using the app moves pools: reread them all, here and everywhere.
                    FullReload reload = new FullReload("app " + appId + (verified ? " verified" : " no longer verified"));
                    reloader.accept(reload);
                    publisher.publish(reload);
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
                KafkaPublishingAppLogs.DEFAULT_TOPIC, settings.partitions(), (short) 1);
        if (!created.isEmpty()) {
            LOG.info("created topics {}", created);
        }
    }

    private PostgresDatabase startStore() throws Exception {
        long began = System.nanoTime();
        PostgresDatabase database = own(PostgresDatabase.open(endpoints.postgresJdbcUrl(), endpoints.postgresUser(),
                endpoints.postgresPassword()));
        apps = new PostgresAppRepository(database, clock);
        configs = new PostgresAppConfigRepository(database, clock);
        // Every stored entry also goes to the log entries topic; closed after everything that logs.
        logs = own(KafkaPublishingAppLogs.create(new PostgresAppLogRepository(database, LOG_ENTRIES_PER_CONFIG),
                endpoints.kafkaBootstrapServers(), KafkaPublishingAppLogs.DEFAULT_TOPIC, configs, settings.nodeName(), clock,
                registry));
        jobQueue = new PostgresJobQueue(database);
        LOG.info("store ready (schema migrated) in {}", seconds(began));
        return database;
    }

    /** {@code --geoip-db}, owned from here on; without it {@code meta.geoip.locate} finds nothing. */
    private GeoIpLocator openGeoIpDatabase() {
        if (settings.geoIpDatabase().isEmpty()) {
            return GeoIpLocator.NONE;
        }
        MaxMindGeoIpLocator locator = own(MaxMindGeoIpLocator.openFlag(settings.geoIpDatabase().get()));
        LOG.info("meta.geoip.locate reads {}", settings.geoIpDatabase().get());
        return locator;
    }

    private Cgroups startCgroups() throws UnconfinedWorkers.RefusedException {
        Cgroups cgroups = own(unconfinedWorkers().apply(CgroupDetection.detect(), LOG::warn));
        settings.pools().byName().forEach((name, plan) -> {
            CgroupLimits limits = plan.limits().cgroup();
            if (cgroups instanceof NoCgroups) {
                LOG.info("{} pool: {} workers: heap {} MB; no cgroup limits", name, plan.workers(), plan.limits().heapMegabytes());
            } else {
                LOG.info("{} pool: {} workers: heap {} MB; {}: memory {} MB, cpus {}, pids {}", name, plan.workers(),
                        plan.limits().heapMegabytes(), cgroups.description(), limits.memoryMegabytes(), limits.cpus(),
                        limits.pids());
            }
        });
        return cgroups;
    }

    private UnconfinedWorkers unconfinedWorkers() {
        return UnconfinedWorkers.forServer(settings.cluster().isPresent(), settings.allowUnconfinedWorkers());
    }

    /**
     * The pools by trust: the untrusted one starts now, the verified and dedicated ones on first
     * use. Every worker is asked whether its seccomp filter is on ({@link UnconfinedWorkers}).
     */
    private TrustPools startPools(Cgroups cgroups, ServerHostServices hostServices, TenantQuotas quotas) throws Exception {
        long began = System.nanoTime();
        WorkerDistribution dist = WorkerDistribution.locate();
        StoredInstanceEvents events = new StoredInstanceEvents(apps, configs, logs, quotas, clock);
        UnconfinedWorkers unconfined = unconfinedWorkers();
        TrustPools pools;
        try {
            pools = own(TrustPools.start(settings.pools().dedicated().keySet(), name -> {
                PoolPlan plan = settings.pools().plan(name);
                WorkerPoolSettings poolSettings = WorkerPoolSettings.defaults().withWorkers(plan.workers())
                        .withLimits(plan.limits()).withMaxBatchesInFlight(4 * plan.workers()).withUnconfinedWorkers(unconfined);
                long poolBegan = System.nanoTime();
                WorkerPool pool = WorkerPool.start(poolSettings, dist, new PrefixedCgroups(cgroups, name + "-"), hostServices,
                        events, clock);
                LOG.info("{} pool: {} sandbox workers ready in {}", name, plan.workers(), seconds(poolBegan));
                return pool;
            }));
        } catch (WorkerStartException e) {
            if (e.getCause() instanceof UnconfinedWorkers.RefusedException refused) {
                throw refused; // A worker without seccomp in cluster mode: the same exit as for cgroups.
            }
            throw e;
        }
        LOG.info("worker pools ready in {} (verified and dedicated pools start on their first batch)", seconds(began));
        for (PoolName name : pools.names()) {
            Tags tags = Tags.of("pool", name.name());
            Gauge.builder("appserver.workers.alive", pools, p -> p.stats(name).workersAlive()).tags(tags)
                    .description("sandbox worker processes serving, by pool").register(registry);
            Gauge.builder("appserver.worker.restarts", pools, p -> p.stats(name).workerRestarts()).tags(tags)
                    .description("workers replaced after dying or hanging, by pool").register(registry);
            Gauge.builder("appserver.instances.loaded", pools, p -> p.stats(name).instancesLoaded()).tags(tags)
                    .description("app instances loaded in workers, by pool").register(registry);
            Gauge.builder("appserver.batches.in_flight", pools, p -> p.stats(name).batchesInFlight()).tags(tags)
                    .description("worker batches submitted and not finished, by pool").register(registry);
            Gauge.builder("appserver.pool.started", pools, p -> p.started(name) ? 1 : 0).tags(tags)
                    .description("1 once the pool's workers were started (verified and dedicated pools start on first use)")
                    .register(registry);
        }
        return pools;
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

    private static List<String> notReady(boolean redisConnected, TrustPools pools) {
        List<String> missing = new ArrayList<>();
        if (!redisConnected) {
            missing.add("redis");
        }
        // A pool not started yet is ready: it starts on its first batch. One without a live worker,
        // or whose start failed, is not.
        pools.notReady().forEach(name -> missing.add("workers (" + name + " pool)"));
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
