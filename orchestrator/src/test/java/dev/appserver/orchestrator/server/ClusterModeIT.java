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
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode: external Kafka, PostgreSQL and Redis (started by the test), and two
 * {@code ./appserver start} processes in one consumer group. Both take partitions; a config
 * change made through one reaches the other within seconds; when one is killed with SIGKILL the
 * other takes its partitions over, and every event arrives exactly once.
 */
class ClusterModeIT {
    private static final long TEAM = 21;
    private static final long RELOADED_TEAM = 22;

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
                aChangeMadeOnOneOrchestratorReachesTheOther(topics, output, new AdminHttp(second.adminUri), app);

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

    /**
     * Warms both orchestrators' chains for another tenant, changes its config through the second
     * one's API, and expects every event of a later round to carry the change well before the 30 s
     * refresh would have picked it up: the first orchestrator learnt it through Redis.
     */
    private static void aChangeMadeOnOneOrchestratorReachesTheOther(TopicClient topics, TopicClient.Reader output,
            AdminHttp second, long app) throws Exception {
        long config = second.configure(RELOADED_TEAM, app, 1, ServerFixture.config("greeting", "before"));
        EventStream reloaded = new EventStream(RELOADED_TEAM, 64);
        reloaded.send(topics, 256);
        await().atMost(Duration.ofMinutes(3)).until(() -> reloaded.greetingsFrom(output.poll(), 0).equals(Set.of("before")));

        second.send("PATCH", "/api/configs/" + config,
                ServerFixture.JSON.createObjectNode().set("config", ServerFixture.config("greeting", "after")));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            int from = reloaded.sent();
            reloaded.send(topics, 256);
            await().atMost(Duration.ofSeconds(30)).until(() -> !reloaded.greetingsFrom(output.poll(), from).isEmpty());
            if (reloaded.greetingsFrom(output.records, from).equals(Set.of("after"))) {
                return;
            }
            assertThat(System.nanoTime()).as("the change reached both orchestrators within 20 s").isLessThan(deadline);
        }
    }

    private static List<String> cluster(ServiceEndpoints endpoints, String name) {
        return List.of("--kafka", endpoints.kafkaBootstrapServers(),
                "--postgres", endpoints.postgresJdbcUrl() + "?user=" + endpoints.postgresUser(),
                "--redis", endpoints.redisUrl(), "--http-port", "0", "--node-name", name, "--workers", "1",
                // This test is about clustering: on a host without cgroups it runs workers unconfined.
                "--allow-unconfined-workers");
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
