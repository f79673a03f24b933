package dev.appserver.orchestrator;

import dev.appserver.orchestrator.admin.AdminSettings;
import dev.appserver.orchestrator.hostservices.geoip.MaxMindGeoIpLocator;
import dev.appserver.orchestrator.ingest.DeliveryMode;
import dev.appserver.orchestrator.limits.UnconfinedWorkers;
import dev.appserver.orchestrator.server.OrchestratorServer;
import dev.appserver.orchestrator.exports.ExportRetrySettings;
import dev.appserver.orchestrator.scheduling.TaskScheduler;
import dev.appserver.orchestrator.server.ServerSettings;
import dev.appserver.orchestrator.server.StopSignals;
import dev.appserver.orchestrator.services.InvalidEndpointException;
import dev.appserver.orchestrator.services.ServiceEndpoints;
import dev.appserver.orchestrator.services.ServiceStartException;
import dev.appserver.orchestrator.services.SingleNodeSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code appserver start}: the server, until SIGINT or SIGTERM. Without service flags it embeds
 * Kafka, PostgreSQL and Redis (single-node mode); with {@code --kafka}, {@code --postgres} and
 * {@code --redis} (or their variables) it uses those (cluster mode).
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start the server (single-node mode embeds Kafka, PostgreSQL and Redis).")
final class StartCommand implements Callable<Integer> {
    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "External Kafka (cluster mode; or $APPSERVER_KAFKA).")
    String kafka;

    @Option(names = "--postgres", paramLabel = "JDBC_URL", description = "External PostgreSQL (cluster mode; or $APPSERVER_POSTGRES).")
    String postgres;

    @Option(names = "--redis", paramLabel = "URL", description = "External Redis (cluster mode; or $APPSERVER_REDIS).")
    String redis;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Where single-node mode keeps its data (default: ./${DEFAULT-VALUE}).")
    Path dataDirectory;

    @Option(names = "--kafka-port", defaultValue = "" + SingleNodeSettings.DEFAULT_KAFKA_PORT,
            description = "Single-node Kafka port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int kafkaPort;

    @Option(names = "--postgres-port", defaultValue = "" + SingleNodeSettings.DEFAULT_POSTGRES_PORT,
            description = "Single-node PostgreSQL port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int postgresPort;

    @Option(names = "--redis-port", defaultValue = "" + SingleNodeSettings.DEFAULT_REDIS_PORT,
            description = "Single-node Redis port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int redisPort;

    @Option(names = "--http-host", defaultValue = AdminSettings.DEFAULT_HOST,
            description = "Admin API address (default: ${DEFAULT-VALUE}); any other than loopback needs --admin-token.")
    String httpHost;

    @Option(names = "--http-port", defaultValue = "" + AdminSettings.DEFAULT_PORT,
            description = "Admin API port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int httpPort;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:APPSERVER_ADMIN_TOKEN}",
            description = "Bearer token the admin API requires (default: $APPSERVER_ADMIN_TOKEN).")
    String adminToken;

    @Option(names = "--delivery", defaultValue = "exactly-once", paramLabel = "MODE",
            description = "exactly-once (Kafka transactions, the default) or at-least-once.")
    String delivery;

    @Mixin
    PoolOptions pools = new PoolOptions();

    @Mixin
    WorkerLimitOptions workerLimits = new WorkerLimitOptions();

    @Mixin
    QuotaOptions quotas = new QuotaOptions();

    @Mixin
    BreakerOptions breakers = new BreakerOptions();

    @Option(names = UnconfinedWorkers.ALLOW_FLAG,
            description = "Cluster mode: start even where workers cannot get cgroup limits (they run unconfined).")
    boolean allowUnconfinedWorkers;

    @Option(names = "--node-name", paramLabel = "NAME", description = "This orchestrator's name in Kafka ids (default: the host name).")
    String nodeName;

    @Option(names = "--partitions", defaultValue = "4",
            description = "Partitions of the input and output topics, when this server creates them (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--app-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Time limit of one app invocation (default: ${DEFAULT-VALUE} s).")
    int appTimeoutSeconds;

    @Option(names = "--allow-host", paramLabel = "HOST",
            description = "Let fetch reach this loopback or private host (repeatable; off by default).")
    List<String> allowHosts = List.of();

    @Option(names = "--geoip-db", paramLabel = "FILE",
            description = "A MaxMind City database for meta.geoip.locate (without one it finds nothing).")
    Path geoIpDatabase;

    @Option(names = "--export-retries", paramLabel = "SECONDS[,SECONDS...]", defaultValue = "6,12,24", split = ",",
            description = "Backoffs before each retry of an exportEvents batch that threw a RetryError; after the last, "
                    + "the batch goes to plugin_export_dlq (default: ${DEFAULT-VALUE}; 0 for no retries).")
    List<Integer> exportRetrySeconds = List.of(6, 12, 24);

    @Override
    public Integer call() {
        ServerSettings settings;
        try {
            settings = settings();
        } catch (InvalidEndpointException | IllegalArgumentException e) {
            System.err.println("appserver start: " + e.getMessage());
            return 2;
        }
        if (!settings.allowedHosts().isEmpty()) {
            System.err.println("appserver start: fetch may reach these loopback/private hosts: " + settings.allowedHosts());
        }
        OrchestratorServer server;
        try {
            server = OrchestratorServer.start(settings, Clock.systemUTC());
        } catch (UnconfinedWorkers.RefusedException e) {
            System.err.println("appserver start: " + e.getMessage());
            return 2;
        } catch (ServiceStartException e) {
            System.err.println("appserver start: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println("appserver start: the server did not start: " + e);
            return 1;
        }
        StopSignals signals = StopSignals.install();
        // Only for exits that are not a signal we handle (e.g. the JVM being told to exit by an error).
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(server::close));
        System.out.println("appserver ready: admin API " + server.adminUri() + ", kafka " + server.endpoints().kafkaBootstrapServers()
                + (settings.cluster().isPresent() ? " (cluster mode)" : " (single-node mode, data in "
                        + settings.singleNode().dataDirectory().toAbsolutePath().normalize() + ")"));
        System.out.flush();
        try {
            signals.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.err.println("appserver: stopping");
        server.close();
        System.err.println("appserver: stopped");
        return 0;
    }

    /** What the flags say; checks every flag (and the files they name) before anything starts. */
    ServerSettings settings() throws InvalidEndpointException {
        Optional<Path> geoIp = geoIpDatabase();
        Optional<ServiceEndpoints> cluster = ServiceEndpoints.fromFlagsAndEnvironment(kafka, postgres, redis, System.getenv());
        DeliveryMode mode = switch (delivery) {
            case "exactly-once" -> DeliveryMode.EXACTLY_ONCE;
            case "at-least-once" -> DeliveryMode.AT_LEAST_ONCE;
            default -> throw new IllegalArgumentException("--delivery must be exactly-once or at-least-once, not " + delivery);
        };
        AdminSettings admin = new AdminSettings(httpHost, httpPort, Optional.ofNullable(adminToken).filter(t -> !t.isBlank()),
                AdminSettings.DEFAULT_MAX_REQUEST_BYTES);
        return new ServerSettings(cluster, new SingleNodeSettings(dataDirectory, kafkaPort, postgresPort, redisPort), admin, mode,
                pools.pools(workerLimits.limits()), allowUnconfinedWorkers,
                nodeName == null ? hostName() : nodeName, partitions, Duration.ofSeconds(appTimeoutSeconds), allowHosts,
                quotas.quotas(), breakers.settings(), geoIp, exportRetries(), TaskScheduler.Settings.DEFAULT);
    }

    private ExportRetrySettings exportRetries() {
        if (exportRetrySeconds.size() == 1 && exportRetrySeconds.get(0) == 0) {
            return new ExportRetrySettings(List.of());
        }
        for (int seconds : exportRetrySeconds) {
            if (seconds <= 0) {
                throw new IllegalArgumentException("--export-retries takes positive numbers of seconds (or just 0), not "
                        + exportRetrySeconds);
            }
        }
        return new ExportRetrySettings(exportRetrySeconds.stream().map(Duration::ofSeconds).toList());
    }

    /**
     * {@code --geoip-db}, opened once here so that an unusable file is a usage error (exit 2)
     * before anything starts; the server opens it again, and owns it.
     */
    private Optional<Path> geoIpDatabase() {
        if (geoIpDatabase == null) {
            return Optional.empty();
        }
        MaxMindGeoIpLocator usable = MaxMindGeoIpLocator.openFlag(geoIpDatabase);
        try {
            usable.close();
        } catch (IOException e) {
            // Only closing failed: the file is usable.
        }
        return Optional.of(geoIpDatabase);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "orchestrator";
        }
    }
}
