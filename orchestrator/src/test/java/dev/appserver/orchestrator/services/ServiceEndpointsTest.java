package dev.appserver.orchestrator.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceEndpointsTest {
    private static final String KAFKA = "kafka-1:9092,kafka-2:9092";
    private static final String POSTGRES = "jdbc:postgresql://db:5432/appserver?user=app&password=secret";
    private static final String REDIS = "redis://cache:6379/0";

    @Test
    void nothingSetMeansSingleNodeMode() throws InvalidEndpointException {
        assertThat(ServiceEndpoints.fromFlagsAndEnvironment(null, null, null, Map.of())).isEmpty();
    }

    @Test
    void flagsGiveClusterEndpoints() throws InvalidEndpointException {
        Optional<ServiceEndpoints> endpoints = ServiceEndpoints.fromFlagsAndEnvironment(KAFKA, POSTGRES, REDIS, Map.of());

        assertThat(endpoints).contains(new ServiceEndpoints(KAFKA, "jdbc:postgresql://db:5432/appserver", "app", "secret", REDIS));
    }

    @Test
    void theEnvironmentFillsInWhatNoFlagGives() throws InvalidEndpointException {
        Map<String, String> environment = Map.of("APPSERVER_KAFKA", "env-kafka:9092", "APPSERVER_POSTGRES", POSTGRES,
                "APPSERVER_REDIS", "redis://env-cache");

        ServiceEndpoints endpoints = ServiceEndpoints.fromFlagsAndEnvironment(KAFKA, null, null, environment).orElseThrow();

        assertThat(endpoints.kafkaBootstrapServers()).isEqualTo(KAFKA);
        assertThat(endpoints.postgresUser()).isEqualTo("app");
        assertThat(endpoints.redisUrl()).isEqualTo("redis://env-cache");
    }

    @Test
    void emptyEnvironmentVariablesCountAsUnset() throws InvalidEndpointException {
        Map<String, String> environment = Map.of("APPSERVER_KAFKA", "", "APPSERVER_POSTGRES", " ", "APPSERVER_REDIS", "");

        assertThat(ServiceEndpoints.fromFlagsAndEnvironment(null, null, null, environment)).isEmpty();
    }

    @Test
    void someButNotAllIsAnErrorNamingWhatIsMissing() {
        assertThatThrownBy(() -> ServiceEndpoints.fromFlagsAndEnvironment(KAFKA, null, null, Map.of()))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessage("cluster mode needs external Kafka, PostgreSQL and Redis, but --postgres (or APPSERVER_POSTGRES)"
                        + " and --redis (or APPSERVER_REDIS) are not set; set all three, or none to start embedded"
                        + " services (single-node mode)");
    }

    @Test
    void aMalformedValueNamesItsSource() {
        assertThatThrownBy(() -> ServiceEndpoints.fromFlagsAndEnvironment(KAFKA, POSTGRES, null,
                Map.of("APPSERVER_REDIS", "http://cache:6379")))
                .hasMessageStartingWith("APPSERVER_REDIS \"http://cache:6379\": the scheme is not redis:// or rediss://");
    }

    @Test
    void printingHidesPasswords() {
        ServiceEndpoints endpoints = new ServiceEndpoints(KAFKA, "jdbc:postgresql://db/app", "app", "secret",
                "redis://user:hunter2@cache:6379");

        assertThat(endpoints.toString()).doesNotContain("secret", "hunter2")
                .isEqualTo("ServiceEndpoints[kafka=" + KAFKA + ", postgres=jdbc:postgresql://db/app as app with a password,"
                        + " redis=redis://user:***@cache:6379]");
    }
}
