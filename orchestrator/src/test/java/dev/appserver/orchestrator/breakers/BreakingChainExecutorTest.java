package dev.appserver.orchestrator.breakers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appserver.orchestrator.pool.EventOutcome;
import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.store.AppLogEntry;
import dev.appserver.orchestrator.store.InMemoryAppLogRepository;
import dev.appserver.orchestrator.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BreakingChainExecutorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Opens at 50 % over the last 10 events once 4 were seen; 60 s open; 3 probe events. */
    private static final BreakerSettings SETTINGS = new BreakerSettings(50, 10, 4, Duration.ofSeconds(60), 3);

    private final MutableClock clock = new MutableClock();
    private final InMemoryAppLogRepository logs = new InMemoryAppLogRepository(100);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CircuitBreakers breakers = new CircuitBreakers(SETTINGS, logs, registry, clock);
    private final ScriptedChainExecutor pool = new ScriptedChainExecutor();
    private final Set<Long> setupFailing = new HashSet<>();
    private final BreakingChainExecutor executor = new BreakingChainExecutor(pool, breakers, setupFailing::contains);

    private final InstanceSpec a = spec(1, 1);
    private final InstanceSpec b = spec(2, 1);
    private final InstanceSpec c = spec(3, 1);

    @Test
    void opensAfterRepeatedFailuresAndSkipsTheAppWithItInPluginsFailed() throws Exception {
        pool.failing.add(1L);
        List<EventOutcome> first = run(List.of(a, b), 4);
        assertThat(first).allSatisfy(o -> assertThat(o.failedConfigIds()).containsExactly(1L));
        assertThat(state(1)).isEqualTo("open");
        assertThat(messages(1)).singleElement().asString()
                .startsWith("circuit breaker opened: the app failed on 100 % of its last 4 events (threshold 50 %)");
        assertThat(logs.recent(1, 10).getFirst().type()).isEqualTo("ERROR");
        assertThat(state(2)).isEqualTo("closed");

        pool.failing.clear(); // it would work now, but it is not asked
        List<EventOutcome> skipped = run(List.of(a, b), 2);
        assertThat(pool.lastChain()).containsExactly(2L);
        for (EventOutcome outcome : skipped) {
            assertThat(outcome.failedConfigIds()).containsExactly(1L);
            assertThat(outcome.succeededConfigIds()).containsExactly(2L);
            JsonNode event = json(outcome);
            assertThat(event.at("/properties/ran_1").isMissingNode()).isTrue();
            assertThat(event.at("/properties/ran_2").asBoolean()).isTrue();
            assertThat(names(event, "$plugins_failed")).containsExactly("App 1 (1)");
            assertThat(names(event, "$plugins_succeeded")).containsExactly("App 2 (2)");
        }
        assertThat(breakers.status(1)).get().extracting(BreakerStatus::skippedBatches).isEqualTo(1L);
        assertThat(breakersIn("open")).isEqualTo(1.0);
        assertThat(breakersIn("closed")).as("app config 2's").isEqualTo(1.0);
        assertThat(breakers.status(1)).get().extracting(BreakerStatus::failureRate).isEqualTo(100.0f);
    }

    @Test
    void aHalfOpenProbeThatSucceedsClosesTheBreaker() throws Exception {
        pool.failing.add(1L);
        run(List.of(a, b), 4);
        pool.failing.clear();

        clock.advance(Duration.ofSeconds(59));
        run(List.of(a, b), 1);
        assertThat(pool.lastChain()).containsExactly(2L);

        clock.advance(Duration.ofSeconds(1).plusMillis(1)); // Resilience4j: once the wait is over
        List<EventOutcome> probe = run(List.of(a, b), 3);
        assertThat(pool.lastChain()).containsExactly(1L, 2L);
        assertThat(probe).allSatisfy(o -> assertThat(o.failedConfigIds()).isEmpty());
        assertThat(state(1)).isEqualTo("closed");
        assertThat(messages(1)).hasSize(3);
        assertThat(messages(1).get(1)).isEqualTo("circuit breaker half-open: the next 3 events go through the app as a probe.");
        assertThat(messages(1).get(2)).isEqualTo(
                "circuit breaker closed: the app failed on fewer than 50 % of 3 probe events; it runs on every event again.");
        assertThat(breakersIn("open")).isZero();
        assertThat(breakersIn("closed")).isEqualTo(2.0);

        run(List.of(a, b), 1);
        assertThat(pool.lastChain()).containsExactly(1L, 2L);
    }

    @Test
    void aHalfOpenProbeThatFailsOpensItAgain() throws Exception {
        pool.failing.add(1L);
        run(List.of(a), 4);
        clock.advance(Duration.ofSeconds(61));

        List<EventOutcome> probe = run(List.of(a), 3);
        assertThat(pool.chains).hasSize(2); // the probe went to the app
        assertThat(probe).allSatisfy(o -> assertThat(o.failedConfigIds()).containsExactly(1L));
        assertThat(state(1)).isEqualTo("open");
        assertThat(messages(1).getLast()).startsWith("circuit breaker opened again: the app failed on 100 % of 3 probe events");

        // Nothing left to run: the events pass through untouched, with PostHog's lists added.
        List<EventOutcome> passed = run(List.of(a), 2);
        assertThat(pool.chains).hasSize(2);
        assertThat(passed).allSatisfy(o -> {
            JsonNode event = json(o);
            assertThat(o.failedConfigIds()).containsExactly(1L);
            assertThat(names(event, "$plugins_failed")).containsExactly("App 1 (1)");
            assertThat(names(event, "$plugins_succeeded")).isEmpty();
            assertThat(names(event, "$plugins_deferred")).isEmpty();
            assertThat(event.at("/properties/n").asInt()).isGreaterThanOrEqualTo(0);
        });
        assertThat(new String(passed.get(0).event(), UTF_8))
                .isEqualTo("{\"event\":\"e0\",\"team_id\":7,\"properties\":{\"n\":0,\"price\":1.50,"
                        + "\"$plugins_succeeded\":[],\"$plugins_failed\":[\"App 1 (1)\"],\"$plugins_deferred\":[]}}");
    }

    @Test
    void keepsChainOrderInFailedConfigIdsAndPluginsFailed() throws Exception {
        pool.failing.add(2L);
        run(List.of(a, b, c), 4);
        assertThat(state(2)).isEqualTo("open");

        pool.failing.clear();
        pool.failing.add(1L);
        pool.failing.add(3L);
        List<EventOutcome> out = run(List.of(a, b, c), 1);
        assertThat(pool.lastChain()).containsExactly(1L, 3L);
        assertThat(out.get(0).failedConfigIds()).containsExactly(1L, 2L, 3L);
        assertThat(names(json(out.get(0)), "$plugins_failed")).containsExactly("App 1 (1)", "App 2 (2)", "App 3 (3)");
    }

    @Test
    void droppedEventsStayDropped() throws Exception {
        pool.failing.add(2L);
        run(List.of(a, b), 4);
        List<EventOutcome> out = executor.process(List.of(a, b), List.of(event("drop", 0))).get(5, TimeUnit.SECONDS);
        assertThat(out.get(0).dropped()).isTrue();
        assertThat(out.get(0).failedConfigIds()).containsExactly(2L);
        assertThat(out.get(0).droppedBy()).hasValue(1);
    }

    @Test
    void anAppWhoseSetupIsFailingIsLeftToTheSetupRetries() throws Exception {
        pool.failing.add(1L);
        setupFailing.add(1L);
        run(List.of(a, b), 8);
        assertThat(state(1)).isEqualTo("closed");
        assertThat(breakers.status(1)).get().extracting(BreakerStatus::events).isEqualTo(0);
        assertThat(messages(1)).isEmpty();
    }

    @Test
    void aNewVersionOfTheConfigStartsClosedAndTheOldBreakerGoes() throws Exception {
        pool.failing.add(1L);
        run(List.of(a), 4);
        assertThat(state(1)).isEqualTo("open");

        executor.retire(1, 2);
        assertThat(pool.retired).containsExactly("1@2");
        assertThat(breakers.status(1)).isEmpty();
        assertThat(breakersIn("open")).isZero();
        assertThat(breakersIn("closed")).isZero();

        run(List.of(spec(1, 2)), 1);
        assertThat(pool.lastChain()).containsExactly(1L);
        assertThat(breakers.status(1)).get().extracting(BreakerStatus::version, BreakerStatus::state)
                .containsExactly(2L, "closed");
    }

    @Test
    void belowTheMinimumNumberOfEventsNothingOpens() throws Exception {
        pool.failing.add(1L);
        run(List.of(a), 3);
        assertThat(state(1)).isEqualTo("closed");
        assertThat(breakers.status(1)).get().extracting(BreakerStatus::failureRate).isEqualTo(-1.0f);
    }

    private List<EventOutcome> run(List<InstanceSpec> chain, int events) throws Exception {
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            batch.add(event("e" + i, i));
        }
        return executor.process(chain, batch).get(5, TimeUnit.SECONDS);
    }

    private String state(long configId) {
        return breakers.status(configId).map(BreakerStatus::state).orElse("none");
    }

    private List<String> messages(long configId) {
        return logs.recent(configId, 100).stream().map(AppLogEntry::message).toList();
    }

    private static List<String> names(JsonNode event, String list) {
        List<String> names = new ArrayList<>();
        event.at("/properties/" + list).forEach(n -> names.add(n.asText()));
        return names;
    }

    private static JsonNode json(EventOutcome outcome) throws IOException {
        return JSON.readTree(outcome.event());
    }

    private static byte[] event(String name, int n) {
        return ("{\"event\":\"" + name + "\",\"team_id\":7,\"properties\":{\"n\":" + n + ",\"price\":1.50}}").getBytes(UTF_8);
    }

    private static InstanceSpec spec(long configId, long version) {
        return new InstanceSpec(configId, version, 7, 100 + configId, "App " + configId, "index.js", "code", "hash", "{}",
                Map.of(), 0, false);
    }

    /** The {@code appserver.breakers} gauge: how many breakers are in {@code state}. */
    private double breakersIn(String state) {
        return registry.get("appserver.breakers").tag("state", state).gauge().value();
    }
}
