package dev.appserver.orchestrator.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KafkaBootstrapServersTest {
    private static String parse(String value) throws InvalidEndpointException {
        return KafkaBootstrapServers.parse(new ConfiguredValue(value, "--kafka"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "localhost:9092|localhost:9092",
        "kafka-1:9092, kafka-2.internal:19092|kafka-1:9092,kafka-2.internal:19092",
        "10.0.0.7:9092|10.0.0.7:9092",
        "[::1]:9092|[::1]:9092"})
    void acceptsHostPortLists(String value, String normalized) throws InvalidEndpointException {
        assertThat(parse(value)).isEqualTo(normalized);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|it is empty",
        "localhost|\"localhost\" has no port",
        "localhost:|\"localhost:\" has port \"\", not a number from 1 to 65535",
        "localhost:99999|\"localhost:99999\" has port \"99999\", not a number from 1 to 65535",
        "localhost:0|\"localhost:0\" has port \"0\", not a number from 1 to 65535",
        "kafka:9092,,other:9092|an entry is empty",
        "PLAINTEXT://kafka:9092|\"PLAINTEXT://kafka:9092\" has a scheme; give only the address",
        "::1:9092|\"::1:9092\" has no valid host (IPv6 addresses go in brackets)",
        ":9092|\":9092\" has no valid host (IPv6 addresses go in brackets)"})
    void rejectsAnythingElseSayingWhy(String value, String problem) {
        assertThatThrownBy(() -> parse(value))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessage("--kafka \"" + value + "\": " + problem + "; expected " + KafkaBootstrapServers.EXPECTED);
    }
}
