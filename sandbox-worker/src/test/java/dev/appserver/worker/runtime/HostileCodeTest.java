package dev.appserver.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile app code against one worker's runtime: what an instance may do to itself is contained
 * in that instance's invocation, context and limits. The orchestrator's ContainmentIT runs the
 * same attacks as fixture apps through a whole server.
 */
class HostileCodeTest {
    private static final String EVENT = "{\"event\":\"e\",\"team_id\":2,\"properties\":{}}";

    private final FakeHost host = new FakeHost();
    private final List<String> logs = new CopyOnWriteArrayList<>();
    private final LogSink sink = (id, type, source, message) -> logs.add(id + " " + type + " " + source + " " + message);

    @AfterEach
    void closeHost() {
        host.close();
    }

    private AppInstance load(long id, String code) throws AppFailure {
        // Generous: these tests are about what is contained, not about time limits, on a busy host.
        return TestRuntime.load(id, "App (" + id + ")", code, "{}", Duration.ofSeconds(60), host, sink);
    }

    @Test
    void unboundedRecursionIsACatchableRangeErrorAndTheInstanceKeepsServing() throws Exception {
        String code = """
                function down(n) { return down(n + 1) + 1 }
                exports.processEvent = (e) => {
                    if (e.event === 'recurse') down(0)
                    if (e.event === 'catch') { try { down(0) } catch (x) { e.properties.caught = x.name } }
                    e.properties.ok = true
                    return e
                }
                """;
        try (AppInstance app = load(1, code)) {
            List<EventOutcome> out = app.runBatch("processEvent", List.of(
                    "{\"event\":\"recurse\",\"team_id\":2,\"properties\":{}}",
                    "{\"event\":\"catch\",\"team_id\":2,\"properties\":{}}", EVENT), sink);
            assertThat(out.get(0).status()).isEqualTo(EventOutcome.Status.FAILED);
            assertThat(out.get(0).reason()).startsWith("RangeError");
            assertThat(out.get(1).json()).contains("\"caught\":\"RangeError\"");
            assertThat(out.get(2).json()).contains("\"ok\":true");
        }
    }

    @Test
    void aReturnedEventOverTheLimitIsThatEventsFailure() throws Exception {
        String code = """
                exports.processEvent = (e) => {
                    if (e.event === 'huge') e.properties.blob = 'x'.repeat(2 * 1000 * 1000)
                    e.properties.ran = true
                    return e
                }
                """;
        try (AppInstance app = load(1, code)) {
            List<EventOutcome> out = app.runBatch("processEvent", List.of(
                    "{\"event\":\"huge\",\"team_id\":2,\"properties\":{}}", EVENT), sink);
            assertThat(out.get(0).status()).isEqualTo(EventOutcome.Status.FAILED);
            assertThat(out.get(0).reason()).isEqualTo("Error: processEvent returned an event of 2000064 bytes; "
                    + "the largest an app may return is 1000000 bytes");
            assertThat(out.get(1).json()).contains("\"ran\":true");
        }
    }

    @Test
    void aHugeEventInAChainFailsThatAppAndTheEventGoesOnAsItWas() throws Exception {
        try (AppInstance huge = load(1, "exports.processEvent = (e) => { e.properties.blob = 'x'.repeat(2000000); return e }");
                AppInstance next = load(2, "exports.processEvent = (e) => { e.properties.next = true; return e }")) {
            List<ChainRunner.ChainResult> out = new ChainRunner(TestRuntime.ENGINE).run(List.of(huge, next), List.of(EVENT), sink);
            assertThat(out.get(0).json()).doesNotContain("blob").contains("\"next\":true")
                    .contains("\"$plugins_failed\":[\"App (1)\"]");
            assertThat(out.get(0).failedInstances()).containsExactly(1L);
        }
    }

    @Test
    void theTeamIdCheckHoldsAgainstToJsonGettersAndPollutedPrototypes() throws Exception {
        String code = """
                exports.processEvent = (e) => {
                    if (e.event === 'toJSON') e.toJSON = function () { return { ...this, team_id: 999 } }
                    if (e.event === 'getter') {
                        let reads = 0
                        Object.defineProperty(e, 'team_id', { get: () => (++reads > 1 ? 999 : 2), enumerable: true })
                    }
                    if (e.event === 'proxy') return new Proxy(e, { get: (t, k) => (k === 'team_id' ? 2 : t[k]) , ownKeys: () => ['event'],
                        getOwnPropertyDescriptor: (t, k) => ({ value: t[k], enumerable: true, configurable: true }) })
                    if (e.event === 'prototype') {
                        Object.defineProperty(Object.prototype, 'toJSON', { value: () => 'not an event', configurable: true })
                    }
                    return e
                }
                """;
        try (AppInstance app = load(1, code)) {
            List<EventOutcome> out = app.runBatch("processEvent", List.of(
                    "{\"event\":\"toJSON\",\"team_id\":2}", "{\"event\":\"getter\",\"team_id\":2}",
                    "{\"event\":\"proxy\",\"team_id\":2}", "{\"event\":\"prototype\",\"team_id\":2}"), sink);
            assertThat(out).extracting(EventOutcome::status).containsOnly(EventOutcome.Status.FAILED);
            assertThat(out.get(0).reason()).isEqualTo("IllegalOperationError: Plugin tried to change event.team_id");
            assertThat(out.get(1).reason()).isEqualTo("IllegalOperationError: Plugin tried to change event.team_id");
            assertThat(out.get(2).reason()).as("a proxy that hides team_id from JSON").contains("team_id");
            assertThat(out.get(3).reason()).isEqualTo("Error: processEvent returned something that is not an event");
        }
    }

    @Test
    void logSpamIsCutToTheBurstWithOneNoteSayingHowManyLinesWereDropped() throws Exception {
        String code = "exports.processEvent = (e) => { for (let i = 0; i < 5000; i++) console.log('spam ' + i); return e }";
        try (AppInstance app = load(7, code)) {
            long started = System.nanoTime();
            List<EventOutcome> out = app.runBatch("processEvent", List.of(EVENT, EVENT), sink);
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(out).extracting(EventOutcome::reason).containsOnlyNulls();
            List<String> spam = logs.stream().filter(l -> l.startsWith("7 LOG CONSOLE spam")).toList();
            // The burst, plus what the rate refilled while the loop ran.
            assertThat(spam.size()).isBetween(LogRateLimit.BURST,
                    LogRateLimit.BURST + (int) Math.ceil(seconds * LogRateLimit.LINES_PER_SECOND) + 1);
            assertThat(logs).filteredOn(l -> l.contains("log lines dropped")).singleElement()
                    .satisfies(note -> assertThat(note).startsWith("7 WARN SYSTEM " + (10_000 - spam.size()) + " log lines dropped"));
        }
    }

    @Test
    void pollutedBuiltInsStayInTheirOwnInstance() throws Exception {
        String polluter = """
                exports.processEvent = (e) => {
                    Object.prototype.polluted = 'yes'
                    Array.prototype.push = function () { return -1 }
                    JSON.parse = () => ({ polluted: true })
                    JSON.stringify = () => '"polluted"'
                    Promise.prototype.then = function () { return 'polluted' }
                    e.properties.polluter = true
                    return e
                }
                """;
        String detector = """
                exports.processEvent = async (e) => {
                    const a = []
                    e.properties.clean = ({}).polluted === undefined && a.push(1) === 1
                        && JSON.parse('{"a":1}').a === 1 && JSON.stringify([1]) === '[1]'
                        && typeof Promise.resolve().then(() => 1).then === 'function'
                    return e
                }
                """;
        try (AppInstance dirty = load(1, polluter); AppInstance clean = load(2, detector)) {
            List<ChainRunner.ChainResult> out = new ChainRunner(TestRuntime.ENGINE).run(List.of(dirty, clean), List.of(EVENT, EVENT), sink);
            assertThat(out).allSatisfy(r -> assertThat(r.json()).contains("\"polluter\":true", "\"clean\":true")
                    .contains("\"$plugins_succeeded\":[\"App (1)\",\"App (2)\"]"));
            assertThat(clean.runBatch("processEvent", List.of(EVENT), sink).get(0).json()).contains("\"clean\":true");
        }
    }
}
