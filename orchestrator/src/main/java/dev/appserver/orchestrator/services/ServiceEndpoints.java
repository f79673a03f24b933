package dev.appserver.orchestrator.services;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the orchestrator finds its backing services: Kafka's bootstrap servers, PostgreSQL's JDBC
 * URL with the user and password to log in with (an empty password when none is needed), and a
 * Redis URL for lettuce. {@link #toString()} hides passwords.
 */
public record ServiceEndpoints(String kafkaBootstrapServers, String postgresJdbcUrl, String postgresUser,
        String postgresPassword, String redisUrl) {
    public static final String KAFKA_FLAG = "--kafka";
    public static final String POSTGRES_FLAG = "--postgres";
    public static final String REDIS_FLAG = "--redis";
    public static final String KAFKA_VARIABLE = "APPSERVER_KAFKA";
    public static final String POSTGRES_VARIABLE = "APPSERVER_POSTGRES";
    public static final String REDIS_VARIABLE = "APPSERVER_REDIS";

    public ServiceEndpoints {
        requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers is null");
        requireNonNull(postgresJdbcUrl, "postgresJdbcUrl is null");
        requireNonNull(postgresUser, "postgresUser is null");
        requireNonNull(postgresPassword, "postgresPassword is null");
        requireNonNull(redisUrl, "redisUrl is null");
    }

    /**
     * Cluster mode's endpoints, from the {@code start} command's flags (null when not given) or else
     * the {@code APPSERVER_KAFKA}, {@code APPSERVER_POSTGRES}, {@code APPSERVER_REDIS} variables.
     *
     * @return empty when none of the three is set: single-node mode, which starts its own services
     * @throws InvalidEndpointException when a value is malformed, or only some of the three are set
     */
    public static Optional<ServiceEndpoints> fromFlagsAndEnvironment(String kafka, String postgres, String redis,
            Map<String, String> environment) throws InvalidEndpointException {
        ConfiguredValue kafkaValue = ConfiguredValue.of(KAFKA_FLAG, kafka, KAFKA_VARIABLE, environment);
        ConfiguredValue postgresValue = ConfiguredValue.of(POSTGRES_FLAG, postgres, POSTGRES_VARIABLE, environment);
        ConfiguredValue redisValue = ConfiguredValue.of(REDIS_FLAG, redis, REDIS_VARIABLE, environment);
        if (kafkaValue == null && postgresValue == null && redisValue == null) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        if (kafkaValue == null) {
            missing.add(KAFKA_FLAG + " (or " + KAFKA_VARIABLE + ")");
        }
        if (postgresValue == null) {
            missing.add(POSTGRES_FLAG + " (or " + POSTGRES_VARIABLE + ")");
        }
        if (redisValue == null) {
            missing.add(REDIS_FLAG + " (or " + REDIS_VARIABLE + ")");
        }
        if (!missing.isEmpty()) {
            throw new InvalidEndpointException("cluster mode needs external Kafka, PostgreSQL and Redis, but "
                    + String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are")
                    + " not set; set all three, or none to start embedded services (single-node mode)");
        }
        String bootstrapServers = KafkaBootstrapServers.parse(kafkaValue);
        PostgresConnection database = PostgresConnection.parse(postgresValue);
        String redisUrl = RedisUrl.parse(redisValue);
        return Optional.of(new ServiceEndpoints(bootstrapServers, database.jdbcUrl(), database.user(),
                database.password(), redisUrl));
    }

    @Override
    public String toString() {
        return "ServiceEndpoints[kafka=" + kafkaBootstrapServers + ", postgres=" + Redaction.redact(postgresJdbcUrl)
                + " as " + postgresUser + (postgresPassword.isEmpty() ? "" : " with a password")
                + ", redis=" + Redaction.redact(redisUrl) + "]";
    }
}
