package dev.appserver.orchestrator.exports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import dev.appserver.orchestrator.testing.MutableClock;

class ExportBufferTest {
    private final MutableClock clock = new MutableClock();
    private final List<List<String>> batches = new ArrayList<>();

    private ExportBuffer<String> buffer(long bytes, Duration age, Set<String> ignored) {
        return new ExportBuffer<>(new ExportSettings(bytes, age, ignored), clock, batches::add);
    }

    @Test
    void flushesBeforeAnEventWouldPassTheByteLimit() {
        ExportBuffer<String> buffer = buffer(10, Duration.ofSeconds(10), Set.of());
        buffer.add("a", "aaaa", "aaaa".length());
        buffer.add("b", "bbbb", "bbbb".length());
        assertThat(batches).isEmpty();
        buffer.add("c", "cccc", "cccc".length());
        assertThat(batches).containsExactly(List.of("aaaa", "bbbb"));
        assertThat(buffer.size()).isEqualTo(1);
    }

    @Test
    void anEventLargerThanTheLimitGoesAloneAtOnce() {
        ExportBuffer<String> buffer = buffer(10, Duration.ofSeconds(10), Set.of());
        buffer.add("a", "aa", "aa".length());
        buffer.add("big", "x".repeat(20), 20);
        assertThat(batches).containsExactly(List.of("aa"), List.of("x".repeat(20)));
    }

    @Test
    void flushesWhenTheOldestEventHasWaitedLongEnough() {
        ExportBuffer<String> buffer = buffer(1000, Duration.ofSeconds(10), Set.of());
        buffer.add("a", "1", "1".length());
        clock.advance(Duration.ofSeconds(9));
        buffer.flushIfDue();
        assertThat(batches).isEmpty();
        buffer.add("b", "2", "2".length());
        clock.advance(Duration.ofSeconds(1));
        buffer.flushIfDue();
        assertThat(batches).containsExactly(List.of("1", "2"));
        clock.advance(Duration.ofSeconds(30));
        buffer.flushIfDue();
        assertThat(batches).hasSize(1);
    }

    @Test
    void ignoresListedEventsAndFlushesOnDemand() {
        ExportBuffer<String> buffer = buffer(1000, Duration.ofSeconds(10), Set.of("ignored"));
        buffer.add("a", "1", "1".length());
        buffer.add("ignored", "2", "2".length());
        buffer.add("b", "3", "3".length());
        buffer.flush();
        buffer.flush();
        assertThat(batches).containsExactly(List.of("1", "3"));
    }

    @Test
    void readsSettingsFromConfigLikePostHog() throws Exception {
        var config = new ObjectMapper().readTree(
                "{\"exportEventsBufferBytes\":\"2048\",\"exportEventsBufferSeconds\":\"0.5\",\"exportEventsToIgnore\":\" a, b ,,\"}");
        ExportSettings settings = ExportSettings.fromConfig(config);
        assertThat(settings.maxBytes()).isEqualTo(2048);
        assertThat(settings.maxAge()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.ignored()).containsExactlyInAnyOrder("a", "b");
        ExportSettings defaults = ExportSettings.fromConfig(new ObjectMapper().readTree("{\"exportEventsBufferBytes\":\"lots\"}"));
        assertThat(defaults.maxBytes()).isEqualTo(ExportSettings.DEFAULT_BYTES);
        assertThat(defaults.maxAge()).isEqualTo(ExportSettings.DEFAULT_AGE);
    }
}
