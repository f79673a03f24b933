package dev.appserver.orchestrator.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedisUrlTest {
    private static String parse(String value) throws InvalidEndpointException {
        return RedisUrl.parse(new ConfiguredValue(value, "APPSERVER_REDIS"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://cache", "redis://cache:6380", "redis://cache:6379/2", "rediss://:secret@cache:6380/",
        "redis://user:secret@10.1.2.3:6379?timeout=5s", "REDIS://cache"})
    void acceptsRedisUrls(String value) throws InvalidEndpointException {
        assertThat(parse(value)).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cache:6379|the scheme is not redis:// or rediss://",
        "http://cache:6379|the scheme is not redis:// or rediss://",
        "redis://|not a valid URI (Expected authority)",
        "redis://_cache_:6379|it names no valid host",
        "redis://cache:0|it has port \"0\", not a number from 1 to 65535",
        "redis://cache:6379/cache|the path \"/cache\" is not a database number",
        "redis://ca che|not a valid URI (Illegal character in authority)"})
    void rejectsAnythingElseSayingWhy(String value, String problem) {
        assertThatThrownBy(() -> parse(value))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessage("APPSERVER_REDIS \"" + value + "\": " + problem + "; expected " + RedisUrl.EXPECTED);
    }
}
