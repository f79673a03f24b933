package dev.appserver.orchestrator.server;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.hostservices.AppCache;
import dev.appserver.orchestrator.hostservices.AppHostServices;
import dev.appserver.orchestrator.hostservices.AppStorage;
import dev.appserver.orchestrator.hostservices.CaptureSink;
import dev.appserver.orchestrator.hostservices.FetchHostService;
import dev.appserver.orchestrator.hostservices.GeoIpLocator;
import dev.appserver.orchestrator.hostservices.HostCallHandler;
import dev.appserver.orchestrator.hostservices.InstanceDirectory;
import dev.appserver.orchestrator.hostservices.JobSink;
import dev.appserver.orchestrator.hostservices.fetch.EgressPolicy;
import dev.appserver.orchestrator.hostservices.fetch.FetchSettings;
import dev.appserver.orchestrator.hostservices.fetch.HttpFetcher;
import dev.appserver.orchestrator.jobs.JobKind;
import dev.appserver.orchestrator.jobs.JobQueue;
import dev.appserver.orchestrator.jobs.NewJob;
import dev.appserver.orchestrator.quota.TenantQuotas;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The host services the server's workers call back into, shared by every worker: {@code meta.cache}
 * in Redis ({@code RedisAppCache}), {@code meta.storage} and {@code meta.utils.cursor} in
 * PostgreSQL ({@code PostgresAppStorage}, charged to each tenant's storage quota), captures into
 * ingestion's queue, {@code fetch} through the egress guard, {@code meta.geoip} on the
 * {@code --geoip-db} database, jobs into the {@link JobQueue}.
 *
 * <p>Lifecycle: owns the fetch threads; the cache, storage and locator are the composition root's.
 * Thread-safe.
 */
final class ServerHostServices implements Function<InstanceDirectory, HostCallHandler>, AutoCloseable {
    private final ExecutorService fetchThreads =
            Executors.newFixedThreadPool(8, Thread.ofPlatform().daemon().name("fetch-", 1).factory());
    private final HttpFetcher fetcher;
    private final FetchHostService fetch;
    private final AppCache cache;
    private final AppStorage storage;
    private final GeoIpLocator geoIp;
    private final CaptureSink captures;
    private final JobSink jobs;
    private final TenantQuotas quotas;
    private final Clock clock;

    /** {@code fetch} calls and {@code meta.storage} bytes count against {@code quotas}. */
    ServerHostServices(List<String> allowedHosts, AppCache cache, AppStorage storage, GeoIpLocator geoIp,
            CaptureSink captures, JobQueue jobQueue, TenantQuotas quotas, Clock clock) {
        this.cache = requireNonNull(cache, "cache is null");
        this.storage = requireNonNull(storage, "storage is null");
        this.geoIp = requireNonNull(geoIp, "geoIp is null");
        this.captures = requireNonNull(captures, "captures is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        requireNonNull(jobQueue, "jobQueue is null");
        this.fetcher = HttpFetcher.create(EgressPolicy.withAllowedHosts(allowedHosts), FetchSettings.defaults(), fetchThreads);
        this.fetch = new FetchHostService(fetcher, quotas::tryFetch);
        // Queued in PostgreSQL; the JobRunner of whichever orchestrator claims a job runs it.
        this.jobs = (from, name, payload, runAt) -> jobQueue.enqueue(new NewJob(from.configId(), JobKind.APP, name,
                payload.isEmpty() ? "{}" : payload, runAt == 0 ? clock.instant() : Instant.ofEpochMilli(runAt)));
    }

    @Override
    public HostCallHandler apply(InstanceDirectory directory) {
        return new AppHostServices(directory, cache, storage, quotas, captures, jobs, fetch, geoIp, clock);
    }

    @Override
    public void close() {
        fetcher.close();
        fetchThreads.shutdownNow();
    }
}
