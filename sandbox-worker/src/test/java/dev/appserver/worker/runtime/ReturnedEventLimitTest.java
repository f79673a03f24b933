package dev.appserver.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReturnedEventLimitTest {
    @Test
    void acceptsAnEventUpToTheLimitInUtf8Bytes() {
        assertThat(ReturnedEventLimit.check("x".repeat(10), 10)).isNull();
        assertThat(ReturnedEventLimit.check("é".repeat(5), 10)).as("two bytes each").isNull();
        assertThat(ReturnedEventLimit.check("😀".repeat(2), 8)).as("four bytes per surrogate pair").isNull();
    }

    @Test
    void refusesAnEventOverTheLimitSayingHowLargeItWas() {
        assertThat(ReturnedEventLimit.check("x".repeat(11), 10))
                .isEqualTo("Error: processEvent returned an event of 11 bytes; the largest an app may return is 10 bytes");
        assertThat(ReturnedEventLimit.check("é".repeat(6), 10)).contains("of 12 bytes");
        assertThat(ReturnedEventLimit.check("€".repeat(4), 10)).as("three bytes each").contains("of 12 bytes");
    }

    @Test
    void theDefaultIsTheOrchestratorsLargestOutput() {
        assertThat(ReturnedEventLimit.check("x".repeat(1_000_000))).isNull();
        assertThat(ReturnedEventLimit.check("x".repeat(1_000_001))).isNotNull();
    }
}
