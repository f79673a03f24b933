package dev.appserver.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PostHog's chain rules, with real instances in real (sandboxed) contexts. */
class ChainRunnerTest {
    private static final ChainRunner runner = new ChainRunner(TestRuntime.ENGINE);
    private final FakeHost host = new FakeHost();
    private final List<String> logs = new CopyOnWriteArrayList<>();
    private final LogSink sink = (id, type, source, message) -> logs.add(id + " " + type + " " + source + " " + message);
    private final List<AppInstance> loaded = new ArrayList<>();

    @AfterEach
    void close() {
        loaded.forEach(AppInstance::close);
        host.close();
    }

    private AppInstance app(long id, String name, String code) throws AppFailure {
        AppInstance instance = TestRuntime.load(id, name + " (" + id + ")", code, "{}", Duration.ofSeconds(5), host, sink);
        loaded.add(instance);
        return instance;
    }

    private static String event(String name) {
        return "{\"event\":\"" + name + "\",\"team_id\":2,\"properties\":{\"trail\":\"\"}}";
    }

    @Test
    void runsAppsInOrderAndAddsPluginLists() throws Exception {
        AppInstance a = app(1, "A", "exports.processEvent = (e) => { e.properties.trail += 'a'; return e }");
        AppInstance b = app(2, "B", "exports.processEvent = (e) => { e.properties.trail += 'b'; return e }");
        var results = runner.run(List.of(a, b), List.of(event("x")), sink);
        assertThat(results.get(0).json()).isEqualTo("{\"event\":\"x\",\"team_id\":2,\"properties\":{\"trail\":\"ab\","
                + "\"$plugins_succeeded\":[\"A (1)\",\"B (2)\"],\"$plugins_failed\":[],\"$plugins_deferred\":[]}}");
    }

    @Test
    void falsyReturnDropsAndStopsTheChain() throws Exception {
        AppInstance dropper = app(1, "Dropper", "exports.processEvent = (e) => e.event === 'drop' ? undefined : e");
        AppInstance counter = app(2, "Counter", "let n = 0; exports.processEvent = (e) => { e.properties.n = ++n; return e }");
        var results = runner.run(List.of(dropper, counter), List.of(event("drop"), event("keep")), sink);
        assertThat(results.get(0).json()).isNull();
        assertThat(results.get(0).droppedBy()).isEqualTo(1);
        assertThat(results.get(0).succeededInstances()).isEmpty();
        assertThat(results.get(1).json()).contains("\"n\":1");
        assertThat(results.get(1).droppedBy()).isZero();
        assertThat(results.get(1).succeededInstances()).containsExactly(1L, 2L);
    }

    @Test
    void failureKeepsTheEventAsBeforeTheAppAndContinues() throws Exception {
        AppInstance a = app(1, "A", "exports.processEvent = (e) => { e.properties.trail += 'a'; return e }");
        AppInstance thrower = app(2, "Thrower", "exports.processEvent = (e) => { e.properties.trail += '!'; throw new Error('boom') }");
        AppInstance c = app(3, "C", "exports.processEvent = (e) => { e.properties.trail += 'c'; return e }");
        var results = runner.run(List.of(a, thrower, c), List.of(event("x")), sink);
        assertThat(results.get(0).json()).contains("\"trail\":\"ac\"")
                .contains("\"$plugins_succeeded\":[\"A (1)\",\"C (3)\"]")
                .contains("\"$plugins_failed\":[\"Thrower (2)\"]");
        assertThat(results.get(0).failedInstances()).containsExactly(2L);
        assertThat(results.get(0).succeededInstances()).containsExactly(1L, 3L);
        assertThat(logs).contains("2 ERROR PLUGIN Error: boom");
    }

    @Test
    void teamIdCannotChangeLaterInTheChainEvenThroughToJson() throws Exception {
        // The chain reads the input's team_id once; each app's output is held to it. The second app
        // leaves team_id alone on the object the JS check sees, and changes it in the JSON that leaves.
        AppInstance a = app(1, "A", "exports.processEvent = (e) => { e.properties.trail += 'a'; return e }");
        AppInstance sly = app(2, "Sly", "exports.processEvent = (e) => { e.toJSON = function () {"
                + " const copy = Object.assign({}, this); delete copy.toJSON; copy.team_id = 3; return copy }; return e }");
        AppInstance c = app(3, "C", "exports.processEvent = (e) => { e.properties.trail += 'c'; return e }");
        String stringTeam = "{\"event\":\"s\",\"team_id\":\"2\",\"properties\":{\"trail\":\"\"}}";
        var results = runner.run(List.of(a, sly, c), List.of(event("x"), stringTeam), sink);
        assertThat(results.get(0).json()).contains("\"team_id\":2").contains("\"trail\":\"ac\"")
                .contains("\"$plugins_failed\":[\"Sly (2)\"]");
        assertThat(results.get(0).failedInstances()).containsExactly(2L);
        assertThat(results.get(1).json()).as("a string team_id that stays the same string")
                .contains("\"team_id\":\"2\"").contains("\"trail\":\"ac\"");
        assertThat(results.get(1).failedInstances()).containsExactly(2L);
        assertThat(logs).contains("2 ERROR PLUGIN IllegalOperationError: Plugin tried to change event.team_id");
    }

    @Test
    void eachEventIsHeldToItsOwnTeamIdAfterOthersWereDropped() throws Exception {
        AppInstance dropper = app(1, "Dropper", "exports.processEvent = (e) => e.event === 'drop' ? null : e");
        AppInstance c = app(2, "C", "exports.processEvent = (e) => { e.properties.trail += 'c'; return e }");
        String stringTeam = "{\"event\":\"s\",\"team_id\":\"2\",\"properties\":{\"trail\":\"\"}}";
        var results = runner.run(List.of(dropper, c), List.of(event("drop"), stringTeam), sink);
        assertThat(results.get(0).json()).isNull();
        assertThat(results.get(1).failedInstances()).isEmpty();
        assertThat(results.get(1).json()).contains("\"team_id\":\"2\"").contains("\"trail\":\"c\"");
    }

    @Test
    void teamIdCannotChange() throws Exception {
        AppInstance changer = app(1, "Changer", "exports.processEvent = (e) => { e.team_id = 400; e.properties.x = 1; return e }");
        var results = runner.run(List.of(changer), List.of(event("x")), sink);
        assertThat(results.get(0).json()).contains("\"team_id\":2").doesNotContain("\"x\":1")
                .contains("\"$plugins_failed\":[\"Changer (1)\"]");
    }

    @Test
    void deferredAppsAreListedAndAppsWithoutHandlersLeaveEventsUntouched() throws Exception {
        AppInstance listener = app(1, "Listener", "exports.onEvent = () => {}");
        assertThat(runner.run(List.of(listener), List.of(event("x")), sink).get(0).json())
                .contains("\"$plugins_succeeded\":[],\"$plugins_failed\":[],\"$plugins_deferred\":[\"Listener (1)\"]");
        AppInstance scheduler = app(2, "Scheduler", "exports.runEveryMinute = () => {}");
        assertThat(runner.run(List.of(scheduler), List.of(event("x")), sink).get(0).json()).isEqualTo(event("x"));
    }

    @Test
    void processEventBatchIsShimmed() throws Exception {
        AppInstance batcher = app(1, "Batcher", "exports.processEventBatch = (es) => es.map((e) => { e.properties.b = true; return e })");
        assertThat(runner.run(List.of(batcher), List.of(event("x")), sink).get(0).json()).contains("\"b\":true");
    }

    @Test
    void skippedInstancesAreRecordedAsFailedWithoutRunning() throws Exception {
        AppInstance a = app(1, "A", "exports.processEvent = (e) => { e.properties.trail += 'a'; return e }");
        AppInstance b = app(2, "B", "exports.processEvent = (e) => { e.properties.trail += 'b'; return e }");
        var results = runner.run(List.of(a, b), Set.of(1L), List.of(event("x")), sink);
        assertThat(results.get(0).json()).contains("\"trail\":\"b\"").contains("\"$plugins_failed\":[\"A (1)\"]");
    }

    @Test
    void keepsNumbersKeyOrderAndNulls() throws Exception {
        AppInstance app = app(1, "Fidelity", "exports.processEvent = (e) => e");
        String input = "{\"event\":\"x\",\"team_id\":2,\"properties\":{\"z\":1,\"a\":2,\"f\":1.5,\"big\":12345678901,\"nil\":null}}";
        assertThat(runner.run(List.of(app), List.of(input), sink).get(0).json())
                .startsWith("{\"event\":\"x\",\"team_id\":2,\"properties\":{\"z\":1,\"a\":2,\"f\":1.5,\"big\":12345678901,\"nil\":null,");
    }
}
