package dev.appserver.orchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.appserver.orchestrator.services.ServiceEndpoints;
import dev.appserver.orchestrator.services.SingleNodeServices;
import dev.appserver.orchestrator.services.SingleNodeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode: external Kafka, PostgreSQL and Redis (started by the test), and two
 * {@code ./appserver start} processes in one consumer group. Both take partitions; when one is
 * killed with SIGKILL the other takes its partitions over, and every event arrives exactly once.
 */
class ClusterModeIT {
    private static final long TEAM = 21;

    @TempDir
    Path data;

    @Test
    void twoOrchestratorsSharePartitionsAndOneTakesOverWhenTheOtherIsKilled() throws Exception {
        try (SingleNodeServices services = SingleNodeServices.start(SingleNodeSettings.anyFreePorts(data));
                TopicClient topics = new TopicClient(services.endpoints().kafkaBootstrapServers());
                ServerProcess first = ServerProcess.start(cluster(services.endpoints(), "first"));
                ServerProcess second = ServerProcess.start(cluster(services.endpoints(), "second"))) {
            AdminHttp admin = new AdminHttp(first.adminUri);
            long app = admin.install(Path.of("src/test/resources/apps/slow-greeter"));
            admin.configure(TEAM, app, 1, ServerFixture.config("greeting", "clustered"));

            EventStream stream = new EventStream(TEAM, 64);
            try (TopicClient.Reader output = topics.reader("clickhouse_events_json")) {
                stream.send(topics, 2_000);
                await().atMost(Duration.ofMinutes(3)).until(() -> stream.count(output.poll()) >= 2_000);
                assertThat(membersWithPartitions(services.endpoints())).as("both orchestrators hold partitions").isEqualTo(2);

                try (AutoCloseable sender = stream.sendContinuously(topics, 200, Duration.ofMillis(250))) {
                    await().atMost(Duration.ofMinutes(1)).until(() -> stream.count(output.poll()) > 3_000);
                    first.kill();
                    int sentAtKill = stream.sent();
                    await().atMost(Duration.ofMinutes(1)).until(() -> stream.sent() > sentAtKill + 1_000);
                }
                await().atMost(Duration.ofMinutes(3)).until(() -> stream.count(output.poll()) >= stream.sent());
                assertThat(membersWithPartitions(services.endpoints())).as("the survivor holds them all").isEqualTo(1);
                // Anything still in flight would show up now as a duplicate.
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> output.poll() != null);
                stream.assertExactlyOnceInOrder(output.records, "clustered");
            }
            assertThat(second.isAlive()).isTrue();
        }
    }

    private static List<String> cluster(ServiceEndpoints endpoints, String name) {
        return List.of("--kafka", endpoints.kafkaBootstrapServers(),
                "--postgres", endpoints.postgresJdbcUrl() + "?user=" + endpoints.postgresUser(),
                "--redis", endpoints.redisUrl(), "--http-port", "0", "--node-name", name, "--workers", "1");
    }

    private static int membersWithPartitions(ServiceEndpoints endpoints) throws Exception {
        Properties config = new Properties();
        config.setProperty("bootstrap.servers", endpoints.kafkaBootstrapServers());
        try (Admin admin = Admin.create(config)) {
            Map<String, ConsumerGroupDescription> groups = admin
                    .describeConsumerGroups(List.of("appserver-ingestion")).all().get();
            int members = 0;
            for (MemberDescription member : groups.get("appserver-ingestion").members()) {
                if (!member.assignment().topicPartitions().isEmpty()) {
                    members++;
                }
            }
            return members;
        }
    }
}
