package dev.appserver.orchestrator.server;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.admin.AdminSettings;
import dev.appserver.orchestrator.breakers.BreakerSettings;
import dev.appserver.orchestrator.exports.ExportRetrySettings;
import dev.appserver.orchestrator.ingest.DeliveryMode;
import dev.appserver.orchestrator.quota.QuotaSettings;
import dev.appserver.orchestrator.scheduling.TaskScheduler;
import dev.appserver.orchestrator.services.ServiceEndpoints;
import dev.appserver.orchestrator.services.SingleNodeSettings;
import dev.appserver.orchestrator.trust.TrustPoolSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code appserver start} was told.
 *
 * @param cluster external services (cluster mode); empty for single-node mode
 * @param singleNode where single-node mode keeps its services (unused in cluster mode)
 * @param admin where the admin API listens
 * @param delivery exactly-once or at-least-once into the output topic
 * @param pools the pools by trust: each one's workers and their heap and cgroup limits
 * @param allowUnconfinedWorkers in cluster mode, start even where workers cannot get cgroup
 *     limits (single-node mode always does, with a warning)
 * @param nodeName this orchestrator's name in Kafka client and transactional ids
 * @param partitions partitions of the input and output topics when this server creates them
 * @param appTimeout the per-invocation time limit of app code
 * @param allowedHosts hosts {@code fetch} may reach although they are loopback or private
 * @param quotas every tenant's quotas
 * @param breakers how the circuit breaker of every app config decides
 * @param geoIpDatabase the MaxMind City database behind {@code meta.geoip.locate}; without one,
 *     it finds nothing
 * @param exportRetries the backoffs before each retry of an export batch that threw a {@code RetryError}
 * @param scheduler how the {@code runEvery*} scheduler ticks, and its periods
 */
public record ServerSettings(
        Optional<ServiceEndpoints> cluster,
        SingleNodeSettings singleNode,
        AdminSettings admin,
        DeliveryMode delivery,
        TrustPoolSettings pools,
        boolean allowUnconfinedWorkers,
        String nodeName,
        int partitions,
        Duration appTimeout,
        List<String> allowedHosts,
        QuotaSettings quotas,
        BreakerSettings breakers,
        Optional<Path> geoIpDatabase,
        ExportRetrySettings exportRetries,
        TaskScheduler.Settings scheduler) {
    public ServerSettings {
        requireNonNull(cluster, "cluster is null");
        requireNonNull(singleNode, "singleNode is null");
        requireNonNull(admin, "admin is null");
        requireNonNull(delivery, "delivery is null");
        requireNonNull(pools, "pools is null");
        requireNonNull(nodeName, "nodeName is null");
        requireNonNull(appTimeout, "appTimeout is null");
        allowedHosts = List.copyOf(allowedHosts);
        requireNonNull(quotas, "quotas is null");
        requireNonNull(breakers, "breakers is null");
        requireNonNull(geoIpDatabase, "geoIpDatabase is null");
        requireNonNull(exportRetries, "exportRetries is null");
        requireNonNull(scheduler, "scheduler is null");
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, not " + partitions);
        }
    }

    /** The default untrusted worker count: one per core, which is what a pool of CPU-bound workers can use. */
    public static int defaultWorkers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
