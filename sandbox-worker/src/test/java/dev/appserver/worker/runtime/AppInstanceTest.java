package dev.appserver.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppInstanceTest {
    private final FakeHost host = new FakeHost();
    private final List<String> logs = new CopyOnWriteArrayList<>();
    private final LogSink sink = (id, type, source, message) -> logs.add(type + " " + source + " " + message);

    @AfterEach
    void closeHost() {
        host.close();
    }

    private AppInstance load(String code, Duration timeout) throws AppFailure {
        return TestRuntime.load(1, "Test (1)", code, "{\"greeting\":\"hi\"}", timeout, host, sink);
    }

    private static final String EVENT = "{\"event\":\"e\",\"team_id\":2,\"properties\":{\"a\":1}}";

    /** Events of team 2 with these {@code event} names. */
    private static List<String> events(String... names) {
        return java.util.Arrays.stream(names).map(name -> "{\"event\":\"" + name + "\",\"team_id\":2}").toList();
    }

    @Test
    void runsSynchronousProcessEventWithConfig() throws Exception {
        try (AppInstance app = load("exports.processEvent = (e, { config }) => { e.properties.g = config.greeting; return e }", Duration.ofSeconds(5))) {
            List<EventOutcome> out = app.runBatch("processEvent", List.of(EVENT, EVENT), sink);
            assertThat(out).extracting(EventOutcome::json)
                    .containsExactly("{\"event\":\"e\",\"team_id\":2,\"properties\":{\"a\":1,\"g\":\"hi\"}}",
                            "{\"event\":\"e\",\"team_id\":2,\"properties\":{\"a\":1,\"g\":\"hi\"}}");
        }
    }

    @Test
    void awaitsHostCallsInOrder() throws Exception {
        String code = """
                exports.setupPlugin = async ({ cache }) => { await cache.set('n', 0) }
                exports.processEvent = async (e, { cache }) => {
                    const n = await cache.get('n', 99); await cache.set('n', n + 1); e.properties.n = n + 1
                    e.properties.hits = await cache.incr('hits'); return e }
                """;
        try (AppInstance app = load(code, Duration.ofSeconds(5))) {
            List<EventOutcome> out = app.runBatch("processEvent", List.of(EVENT, EVENT, EVENT), sink);
            assertThat(out).extracting(EventOutcome::json).allMatch(j -> j != null);
            assertThat(out.get(2).json()).contains("\"n\":3").contains("\"hits\":3");
        }
    }

    @Test
    void dropsOnFalsyAndFailsOnThrowOrTeamChange() throws Exception {
        String code = """
                exports.processEvent = (e) => { if (e.event === 'drop') return null
                    if (e.event === 'throw') throw new Error('boom')
                    if (e.event === 'team') { e.team_id = 3; return e } return e }
                """;
        try (AppInstance app = load(code, Duration.ofSeconds(5))) {
            List<EventOutcome> out = app.runBatch("processEvent", events("drop", "throw", "team", "ok"), sink);
            assertThat(out).extracting(EventOutcome::status).containsExactly(
                    EventOutcome.Status.DROPPED, EventOutcome.Status.FAILED, EventOutcome.Status.FAILED, EventOutcome.Status.OK);
            assertThat(out.get(1).reason()).isEqualTo("Error: boom");
            assertThat(out.get(2).reason()).contains("team_id");
        }
    }

    @Test
    void interruptsSynchronousLoopAndKeepsServing() throws Exception {
        String code = "exports.processEvent = (e) => { if (e.event === 'loop') { while (true) {} } e.properties = {ok: true}; return e }";
        try (AppInstance app = load(code, Duration.ofMillis(1500))) {
            List<EventOutcome> out = app.runBatch("processEvent", events("loop", "fine"), sink);
            assertThat(out.get(0).reason()).isEqualTo("Script execution timed out after 1.5 seconds");
            assertThat(out.get(1).json()).contains("\"ok\":true");
        }
    }

    @Test
    void givesEveryEventATimeLimitOfItsOwnAndFailsOnlyTheOneInFlight() throws Exception {
        // Two events of 0.6 s each fit their own 1 s limits (together they would not); the third
        // never ends and is the one that fails, not its neighbours.
        String code = "exports.processEvent = (e) => { if (e.event === 'slow') { const end = Date.now() + 600; while (Date.now() < end) {} }"
                + " if (e.event === 'loop') { while (true) {} } e.properties = {done: e.event}; return e }";
        try (AppInstance app = load(code, Duration.ofMillis(1000))) {
            List<EventOutcome> out = app.runBatch("processEvent", events("slow", "slow", "loop", "fine"), sink);
            assertThat(out).extracting(EventOutcome::status).containsExactly(
                    EventOutcome.Status.OK, EventOutcome.Status.OK, EventOutcome.Status.FAILED, EventOutcome.Status.OK);
            assertThat(out.get(2).reason()).startsWith("Script execution timed out");
            assertThat(out.get(3).json()).contains("\"done\":\"fine\"");
        }
    }

    @Test
    void interruptsLoopInsidePromiseCallback() throws Exception {
        String code = "exports.processEvent = async (e) => { if (e.event === 'loop') { await Promise.resolve(); while (true) {} } return e }";
        try (AppInstance app = load(code, Duration.ofMillis(1500))) {
            List<EventOutcome> out = app.runBatch("processEvent", events("loop", "fine"), sink);
            assertThat(out.get(0).status()).isEqualTo(EventOutcome.Status.FAILED);
            assertThat(out.get(0).reason()).startsWith("Script execution timed out");
            assertThat(out.get(1).status()).isEqualTo(EventOutcome.Status.OK);
        }
    }

    @Test
    void abandonsNeverSettlingAwait() throws Exception {
        String code = "exports.processEvent = async (e) => { if (e.event === 'hang') { await new Promise(() => {}) } return e }";
        try (AppInstance app = load(code, Duration.ofMillis(1500))) {
            List<EventOutcome> out = app.runBatch("processEvent", events("hang", "fine"), sink);
            assertThat(out.get(0).reason()).startsWith("Script execution timed out");
            assertThat(out.get(1).status()).isEqualTo(EventOutcome.Status.OK);
        }
    }

    @Test
    void reportsSyntaxErrorWithLocation() {
        assertThatThrownBy(() -> load("exports.processEvent = function (e {\n return e }", Duration.ofSeconds(5)))
                .isInstanceOf(AppFailure.class)
                .hasMessageStartingWith("SyntaxError: ")
                .hasMessageContaining("index.js:1:");
    }

    @Test
    void refusesDisallowedImport() {
        assertThatThrownBy(() -> load("const x = require('left-pad')", Duration.ofSeconds(5)))
                .isInstanceOf(AppFailure.class)
                .hasMessageContaining("Cannot import 'left-pad'! This package is not provided by this app server.");
    }

    @Test
    void failsSetupThatThrows() {
        assertThatThrownBy(() -> load("exports.setupPlugin = () => { throw new Error('no key') }", Duration.ofSeconds(5)))
                .isInstanceOf(AppFailure.class)
                .hasMessage("Error: no key")
                .extracting(e -> ((AppFailure) e).kind()).isEqualTo("setup");
    }

    @Test
    void tellsASetupRetryErrorApart() {
        assertThatThrownBy(() -> load("exports.setupPlugin = async () => { throw new RetryError('db not ready') }",
                Duration.ofSeconds(5)))
                .isInstanceOf(AppFailure.class)
                .hasMessageContaining("db not ready")
                .extracting(e -> ((AppFailure) e).kind()).isEqualTo("retry");
    }

    @Test
    void findsTopLevelFunctionsWithoutExports() throws Exception {
        try (AppInstance app = load("function processEvent(e) { e.properties = {top: 1}; return e }", Duration.ofSeconds(5))) {
            assertThat(app.exports().has("processEvent")).isTrue();
        }
    }

    @Test
    void logsConsoleLines() throws Exception {
        try (AppInstance app = load("exports.processEvent = (e) => { console.log('n =', 987); console.info({a: 1}); return e }", Duration.ofSeconds(5))) {
            app.runBatch("processEvent", List.of(EVENT), sink);
            assertThat(logs).containsExactly("LOG CONSOLE n = 987", "INFO CONSOLE {\"a\":1}");
        }
    }

    @Test
    void hidesHostGlobals() throws Exception {
        String code = "exports.processEvent = (e) => { e.properties = {t: [typeof Java, typeof Polyglot, typeof print, typeof load, typeof process, typeof setTimeout, typeof host, typeof Graal].join()}; return e }";
        try (AppInstance app = load(code, Duration.ofSeconds(5))) {
            String json = app.runBatch("processEvent", List.of(EVENT), sink).get(0).json();
            assertThat(json).contains("undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined");
        }
    }

    /**
     * meta's host services, console and fetch's classes are built on first use (an idle instance
     * holds none of them), which an app must not be able to tell: the keys keep PostHog's order,
     * each is the same object on every read, and an app's own assignment sticks.
     */
    @Test
    void buildsMetaServicesConsoleAndFetchClassesOnFirstUseUnnoticed() throws Exception {
        String code = """
                let before
                exports.setupPlugin = (meta) => {
                  const built = (o, k) => 'value' in Object.getOwnPropertyDescriptor(o, k)
                  before = ['cache', 'storage', 'utils', 'jobs', 'geoip'].filter((k) => built(meta, k))
                    .concat(['Headers', 'Response'].filter((k) => built(fetch, k)), built(globalThis, 'console') ? ['console'] : [])
                }
                exports.processEvent = (e, meta) => {
                  const first = meta.cache
                  meta.geoip = 'mine'
                  e.properties = {
                    before,
                    keys: Object.keys(meta),
                    same: first === meta.cache && meta.storage === meta.storage && meta.utils.cursor === meta.utils.cursor,
                    kinds: [typeof meta.cache.incr, typeof meta.storage.get, typeof meta.utils.cursor.increment,
                      typeof meta.jobs.anything, meta.geoip, typeof new fetch.Headers({a: '1'}).get, typeof fetch.Response,
                      typeof console.log],
                  }
                  return e
                }
                """;
        try (AppInstance app = load(code, Duration.ofSeconds(5))) {
            String json = app.runBatch("processEvent", List.of(EVENT), sink).get(0).json();
            assertThat(json).isEqualTo("{\"event\":\"e\",\"team_id\":2,\"properties\":{\"before\":[],"
                    + "\"keys\":[\"config\",\"attachments\",\"global\",\"cache\",\"storage\",\"utils\",\"jobs\","
                    + "\"geoip\",\"metrics\"],\"same\":true,\"kinds\":[\"function\",\"function\",\"function\","
                    + "\"function\",\"mine\",\"function\",\"function\",\"function\"]}}");
        }
    }
}
