package dev.appserver.orchestrator.server;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.admin.AdminServer;
import dev.appserver.orchestrator.admin.ConfigChange;
import dev.appserver.orchestrator.apps.AppLoader;
import dev.appserver.orchestrator.apps.TypeScriptTranspiler;
import dev.appserver.orchestrator.hostservices.AppHostServices;
import dev.appserver.orchestrator.hostservices.FetchHostService;
import dev.appserver.orchestrator.hostservices.GeoIpLocator;
import dev.appserver.orchestrator.hostservices.InMemoryAppCache;
import dev.appserver.orchestrator.hostservices.InMemoryAppStorage;
import dev.appserver.orchestrator.hostservices.fetch.EgressPolicy;
import dev.appserver.orchestrator.hostservices.fetch.FetchSettings;
import dev.appserver.orchestrator.hostservices.fetch.HttpFetcher;
import dev.appserver.orchestrator.ingest.CaptureQueue;
import dev.appserver.orchestrator.ingest.IngestMetrics;
import dev.appserver.orchestrator.ingest.IngestSettings;
import dev.appserver.orchestrator.ingest.KafkaIngestion;
import dev.appserver.orchestrator.pool.WorkerDistribution;
import dev.appserver.orchestrator.pool.WorkerLimits;
import dev.appserver.orchestrator.pool.WorkerPool;
import dev.appserver.orchestrator.pool.WorkerPoolSettings;
import dev.appserver.orchestrator.reload.ConfigReload;
import dev.appserver.orchestrator.reload.FullReload;
import dev.appserver.orchestrator.reload.RedisReloadPublisher;
import dev.appserver.orchestrator.reload.RedisReloadSubscriber;
import dev.appserver.orchestrator.reload.ReloadMessage;
import dev.appserver.orchestrator.routing.TeamChains;
import dev.appserver.orchestrator.services.ServiceEndpoints;
import dev.appserver.orchestrator.services.SingleNodeServices;
import dev.appserver.orchestrator.store.AppConfigRepository;
import dev.appserver.orchestrator.store.AppLogEntry;
import dev.appserver.orchestrator.store.AppLogRepository;
import dev.appserver.orchestrator.store.AppRepository;
import dev.appserver.orchestrator.store.postgres.PostgresAppConfigRepository;
import dev.appserver.orchestrator.store.postgres.PostgresAppLogRepository;
import dev.appserver.orchestrator.store.postgres.PostgresAppRepository;
import dev.appserver.orchestrator.store.postgres.PostgresDatabase;
import io.lettuce.core.RedisClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: the composition root of {@code appserver start}. Starts, in order, the
 * backing services (embedded in single-node mode), the store, the worker pool, the reload
 * subscriber, the ingestion consumer and the admin API; {@link #close} stops them in reverse
 * order (ingestion first finishes or hands back its batch, then the pool tears the apps down).
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
    private final ServiceEndpoints endpoints;
    private final AdminServer admin;

    private OrchestratorServer(ServerSettings settings, Clock clock) throws Exception {
        try {
            if (settings.cluster().isPresent()) {
                endpoints = settings.cluster().get();
                LOG.info("cluster mode: {}", endpoints);
            } else {
                SingleNodeServices services = SingleNodeServices.start(settings.singleNode());
                resources.push(services);
                endpoints = services.endpoints();
            }
            List<String> created = ServerTopics.createMissing(endpoints.kafkaBootstrapServers(),
                    dev.appserver.orchestrator.ingest.IngestTopics.DEFAULT, settings.partitions(), (short) 1);
            if (!created.isEmpty()) {
                LOG.info("created topics {}", created);
            }
            PostgresDatabase database = PostgresDatabase.open(endpoints.postgresJdbcUrl(), endpoints.postgresUser(),
                    endpoints.postgresPassword());
            resources.push(database);
            AppRepository apps = new PostgresAppRepository(database, clock);
            AppConfigRepository configs = new PostgresAppConfigRepository(database, clock);
            AppLogRepository logs = new PostgresAppLogRepository(database, LOG_ENTRIES_PER_CONFIG);

            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            CaptureQueue captures = new CaptureQueue(dev.appserver.orchestrator.ingest.IngestTopics.DEFAULT);
            ExecutorService fetchThreads = Executors.newFixedThreadPool(8, Thread.ofPlatform().daemon().name("fetch-", 1).factory());
            resources.push(fetchThreads::shutdownNow);
            HttpFetcher fetcher = HttpFetcher.create(EgressPolicy.withAllowedHosts(settings.allowedHosts()),
                    FetchSettings.defaults(), fetchThreads);
            resources.push(fetcher);
            InMemoryAppCache cache = new InMemoryAppCache(clock);
            InMemoryAppStorage storage = new InMemoryAppStorage();
            FetchHostService fetch = new FetchHostService(fetcher);
            WorkerPoolSettings poolSettings = WorkerPoolSettings.defaults().withWorkers(settings.workers())
                    .withLimits(new WorkerLimits(settings.workerHeapMegabytes(), WorkerLimits.DEFAULT.stackKilobytes(), false));
            WorkerPool pool = WorkerPool.start(poolSettings, WorkerDistribution.locate(),
                    directory -> new AppHostServices(directory, cache, storage, captures,
                            (from, name, payload, runAt) -> logs.append(new AppLogEntry(from.configId(), clock.instant(),
                                    "WARN", "SYSTEM", "job " + name + " was not run: this server does not run jobs yet")),
                            fetch, GeoIpLocator.NONE, clock),
                    new StoredInstanceEvents(apps, configs, logs, clock), clock);
            resources.push(pool);

            TeamChains chains = new TeamChains(apps, configs, settings.appTimeout().toMillis(), clock, CHAIN_REFRESH);
            RedisClient redis = RedisClient.create(endpoints.redisUrl());
            resources.push(redis::shutdown);
            RedisReloadSubscriber reloads = RedisReloadSubscriber.subscribe(redis, message -> reload(chains, pool, message));
            resources.push(reloads);
            RedisReloadPublisher publisher = new RedisReloadPublisher(redis, Duration.ofSeconds(2));
            resources.push(publisher);

            KafkaIngestion ingestion = KafkaIngestion.create(
                    IngestSettings.defaults(endpoints.kafkaBootstrapServers(), settings.nodeName()).withMode(settings.delivery()),
                    chains, pool, captures, new IngestMetrics(registry)).start();
            resources.push(ingestion);

            TypeScriptTranspiler transpiler = new TypeScriptTranspiler(TypeScriptTranspiler.defaultCacheDirectory());
            resources.push(transpiler);
            admin = AdminServer.builder(settings.admin())
                    .appLoader(new AppLoader(transpiler))
                    .repositories(apps, configs, logs)
                    .metrics(registry)
                    .readiness(() -> notReady(reloads.connected(), pool))
                    .configChangeListener(change -> {
                        reload(chains, pool, ConfigReload.of(change));
                        publisher.configChanged(change);
                    })
                    .build()
                    .start();
            resources.push(admin);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** Starts the server; on failure everything started so far is stopped again. */
    public static OrchestratorServer start(ServerSettings settings, Clock clock) throws Exception {
        return new OrchestratorServer(requireNonNull(settings, "settings is null"), requireNonNull(clock, "clock is null"));
    }

    public ServiceEndpoints endpoints() {
        return endpoints;
    }

    public java.net.URI adminUri() {
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

    private static void reload(TeamChains chains, WorkerPool pool, ReloadMessage message) {
        switch (message) {
            case ConfigReload change -> {
                chains.invalidate(change.teamId());
                pool.retire(change.configId(), change.kind() == ConfigReload.Kind.DELETED ? Long.MIN_VALUE : change.version());
            }
            case FullReload full -> chains.invalidateAll();
        }
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
