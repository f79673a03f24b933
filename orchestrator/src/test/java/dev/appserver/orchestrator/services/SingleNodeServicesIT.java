package dev.appserver.orchestrator.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Single-node services start together, stop without leftovers, and keep their data across a restart. */
class SingleNodeServicesIT {
    @TempDir
    Path data;

    @Test
    void aRestartOnTheSameDirectoryKeepsMessagesRowsAndKeys() throws Exception {
        List<Long> processes;
        try (SingleNodeServices services = SingleNodeServices.start(SingleNodeSettings.anyFreePorts(data))) {
            processes = serverProcesses();
            ServiceEndpoints endpoints = services.endpoints();
            KafkaTestClients.createTopic(endpoints.kafkaBootstrapServers(), "kept");
            KafkaTestClients.sendCommitted(endpoints.kafkaBootstrapServers(), "kept", "message");
            sql(endpoints, "CREATE TABLE kept (value text)", "INSERT INTO kept VALUES ('row')");
            redis(endpoints, redis -> redis.sync().set("kept", "key"));
        }
        assertThat(processes).hasSize(2).noneMatch(SingleNodeServicesIT::isAlive);

        try (SingleNodeServices services = SingleNodeServices.start(SingleNodeSettings.anyFreePorts(data))) {
            processes = serverProcesses();
            ServiceEndpoints endpoints = services.endpoints();
            assertThat(KafkaTestClients.readCommitted(endpoints.kafkaBootstrapServers(), "kept", 1)).containsExactly("message");
            assertThat(queryOne(endpoints, "SELECT value FROM kept")).isEqualTo("row");
            String key = redis(endpoints, redis -> redis.sync().get("kept"));
            assertThat(key).isEqualTo("key");
        }
        assertThat(processes).hasSize(2).noneMatch(SingleNodeServicesIT::isAlive);
    }

    @Test
    void aTakenPortNamesTheServiceAndTheFlagBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(LoopbackPorts.ADDRESS, 0));
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> SingleNodeServices.start(new SingleNodeSettings(data, 0, port, 0)))
                    .isInstanceOf(ServiceStartException.class)
                    .hasMessage("postgres cannot listen on 127.0.0.1:" + port
                            + ": the port is in use; choose another port with --postgres-port");
        }
        assertThat(data.resolve("kafka")).doesNotExist();
    }

    /** The PostgreSQL and Redis servers' pids, from the files they write in their directories. */
    private List<Long> serverProcesses() throws IOException {
        List<Long> pids = new ArrayList<>();
        LeftoverProcess.readPid(data.resolve("postgres/postmaster.pid")).ifPresent(pids::add);
        LeftoverProcess.readPid(data.resolve("redis/redis.pid")).ifPresent(pids::add);
        return pids;
    }

    /** Running, that is: a zombie waiting for init to collect it has exited. */
    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(LeftoverProcess::isRunning).orElse(false);
    }

    private static void sql(ServiceEndpoints endpoints, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(endpoints.postgresJdbcUrl(), endpoints.postgresUser(),
                endpoints.postgresPassword()); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String queryOne(ServiceEndpoints endpoints, String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(endpoints.postgresJdbcUrl(), endpoints.postgresUser(),
                endpoints.postgresPassword()); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            return result.next() ? result.getString(1) : null;
        }
    }

    private static <T> T redis(ServiceEndpoints endpoints, Function<StatefulRedisConnection<String, String>, T> use) {
        RedisClient client = RedisClient.create(endpoints.redisUrl());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return use.apply(connection);
        } finally {
            client.shutdown();
        }
    }
}
