package dev.appserver.orchestrator.applogs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishFailuresTest {
    private final MutableClock clock = new MutableClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> warnings = new ArrayList<>();
    private final PublishFailures failures = new PublishFailures(warnings::add, clock, registry);

    @Test
    void warnsAtMostOnceAMinuteWithTheCountSinceTheLastWarning() {
        failures.failed("first cause");
        failures.failed("second cause");
        clock.advance(Duration.ofSeconds(59));
        failures.failed("third cause");
        clock.advance(Duration.ofSeconds(1));
        failures.failed("fourth cause");

        assertThat(warnings).containsExactly(
                "1 app log entries not published (stored all the same); latest cause: first cause",
                "3 app log entries not published (stored all the same); latest cause: fourth cause");
        assertThat(failures.total()).isEqualTo(4);
        assertThat(registry.get("appserver.app_logs.publish_failures").counter().count()).isEqualTo(4);
    }
}
