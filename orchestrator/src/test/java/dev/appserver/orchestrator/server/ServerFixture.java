package dev.appserver.orchestrator.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.admin.AdminSettings;
import dev.appserver.orchestrator.breakers.BreakerSettings;
import dev.appserver.orchestrator.exports.ExportRetrySettings;
import dev.appserver.orchestrator.scheduling.TaskScheduler;
import dev.appserver.orchestrator.services.ServiceEndpoints;
import dev.appserver.orchestrator.ingest.DeliveryMode;
import dev.appserver.orchestrator.pool.WorkerLimits;
import dev.appserver.orchestrator.quota.QuotaSettings;
import dev.appserver.orchestrator.services.SingleNodeSettings;
import dev.appserver.orchestrator.trust.TrustPoolSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A single-node server in this JVM (embedded Kafka, PostgreSQL and Redis on free ports, data in a
 * temporary directory, real worker processes), with a small client for its admin API.
 */
final class ServerFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Path data;
    private final boolean deleteData;
    final OrchestratorServer server;

    /**
     * A server with one worker on {@code data}, which {@link #close} leaves in place: a second
     * fixture on the same directory is the same server restarted.
     */
    ServerFixture(Path data) throws Exception {
        this(data, false, TrustPoolSettings.of(1, new WorkerLimits(256, WorkerLimits.DEFAULT.stackKilobytes(), false)),
                DeliveryMode.EXACTLY_ONCE, Duration.ofSeconds(10), QuotaSettings.DEFAULT, List.of(), ExportRetrySettings.DEFAULT);
    }

    /**
     * A server with one worker whose export retries wait {@code exportRetries}, and whose apps
     * may {@code fetch} from {@code allowedHosts} (a loopback server standing in for a destination).
     */
    ServerFixture(ExportRetrySettings exportRetries, List<String> allowedHosts) throws Exception {
        this(Files.createTempDirectory("appserver-server-it-"), true,
                TrustPoolSettings.of(1, new WorkerLimits(256, WorkerLimits.DEFAULT.stackKilobytes(), false)),
                DeliveryMode.EXACTLY_ONCE, Duration.ofSeconds(10), QuotaSettings.DEFAULT, allowedHosts, exportRetries);
    }

    ServerFixture(int workers, DeliveryMode delivery) throws Exception {
        this(workers, delivery, Duration.ofSeconds(10));
    }

    /** As above, with {@code appTimeout} as the per-invocation time limit of app code. */
    ServerFixture(int workers, DeliveryMode delivery, Duration appTimeout) throws Exception {
        this(workers, delivery, appTimeout, 256);
    }

    /** As above, with workers of {@code heapMegabytes}. */
    ServerFixture(int workers, DeliveryMode delivery, Duration appTimeout, int heapMegabytes) throws Exception {
        this(TrustPoolSettings.of(workers, new WorkerLimits(heapMegabytes, WorkerLimits.DEFAULT.stackKilobytes(), false)),
                delivery, appTimeout, QuotaSettings.DEFAULT);
    }

    ServerFixture(TrustPoolSettings pools, DeliveryMode delivery) throws Exception {
        this(pools, delivery, QuotaSettings.DEFAULT);
    }

    ServerFixture(TrustPoolSettings pools, DeliveryMode delivery, QuotaSettings quotas) throws Exception {
        this(pools, delivery, Duration.ofSeconds(10), quotas);
    }

    private ServerFixture(TrustPoolSettings pools, DeliveryMode delivery, Duration appTimeout, QuotaSettings quotas)
            throws Exception {
        this(Files.createTempDirectory("appserver-server-it-"), true, pools, delivery, appTimeout, quotas, List.of(),
                ExportRetrySettings.DEFAULT);
    }

    private ServerFixture(Path data, boolean deleteData, TrustPoolSettings pools, DeliveryMode delivery, Duration appTimeout,
            QuotaSettings quotas, List<String> allowedHosts, ExportRetrySettings exportRetries) throws Exception {
        this(data, deleteData, new ServerSettings(Optional.empty(), SingleNodeSettings.anyFreePorts(data),
                AdminSettings.loopback(0), delivery, pools, false, "it", 4, appTimeout, allowedHosts, quotas,
                BreakerSettings.defaults(), Optional.empty(), exportRetries, TaskScheduler.Settings.DEFAULT));
    }

    private ServerFixture(Path data, boolean deleteData, ServerSettings settings) throws Exception {
        this.data = data;
        this.deleteData = deleteData;
        server = OrchestratorServer.start(settings, Clock.systemUTC());
    }

    /**
     * One orchestrator of a cluster on {@code services} (started by the test), named {@code nodeName},
     * with one worker, the scheduler's {@code scheduler} settings, and {@code fetch} allowed to reach 127.0.0.1.
     */
    static ServerFixture clusterMember(ServiceEndpoints services, String nodeName, TaskScheduler.Settings scheduler)
            throws Exception {
        Path data = Files.createTempDirectory("appserver-cluster-it-");
        ServerSettings settings = new ServerSettings(Optional.of(services), SingleNodeSettings.anyFreePorts(data),
                AdminSettings.loopback(0), DeliveryMode.EXACTLY_ONCE,
                TrustPoolSettings.of(1, new WorkerLimits(256, WorkerLimits.DEFAULT.stackKilobytes(), false)),
                true, nodeName, 4, Duration.ofSeconds(10), List.of("127.0.0.1"), QuotaSettings.DEFAULT, BreakerSettings.defaults(),
                Optional.empty(), ExportRetrySettings.DEFAULT, scheduler);
        return new ServerFixture(data, true, settings);
    }

    String kafka() {
        return server.endpoints().kafkaBootstrapServers();
    }

    /** The admin API's client. */
    AdminHttp admin() {
        return new AdminHttp(server.adminUri().toString());
    }

    static ObjectNode config(String key, String value) {
        return JSON.createObjectNode().put(key, value);
    }

    @Override
    public void close() {
        server.close();
        if (deleteData) {
            delete(data);
        }
    }

    /** Deletes {@code directory} and everything in it, as far as it can. */
    static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Temporary data; leaving it behind is harmless.
        }
    }
}
