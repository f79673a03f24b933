package dev.appserver.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** console.* as PostHog's apps print it: String() of each argument, JSON for plain objects and arrays. */
class ConsoleFormattingTest {

    private List<String> logsOf(String statements) throws AppFailure {
        List<String> logs = new CopyOnWriteArrayList<>();
        LogSink sink = (id, type, source, message) -> logs.add(type + "|" + source + "|" + message);
        String code = "exports.processEvent = (e) => { " + statements + "; return e }";
        try (FakeHost host = new FakeHost();
                AppInstance app = TestRuntime.load(1, "Logger (1)", code, "{}", Duration.ofSeconds(10), host, sink)) {
            app.runBatch("processEvent", List.of("{\"event\":\"x\",\"team_id\":2}"), sink);
        }
        return logs;
    }

    @Test
    void formatsLikePostHog() throws Exception {
        assertThat(logsOf("""
                console.log('number =', 987)
                console.info({ 1: 'ein', 2: 'zwei' })
                console.warn([99, 79])
                console.error(new Error('something'))
                console.debug()
                console.trace('traced')
                """)).containsExactly(
                "LOG|CONSOLE|number = 987",
                "INFO|CONSOLE|{\"1\":\"ein\",\"2\":\"zwei\"}",
                "WARN|CONSOLE|[99,79]",
                "ERROR|CONSOLE|Error: something",
                "DEBUG|CONSOLE|",
                "DEBUG|CONSOLE|traced");
    }

    @Test
    void formatsOtherValues() throws Exception {
        assertThat(logsOf("""
                console.log(null, undefined, true, 1.5, 'a b')
                console.log({ nested: { list: [1, { x: null }] } })
                const circular = {}; circular.self = circular; console.log(circular)
                console.log(new TypeError('bad type'), Symbol('s'))
                class Custom { toString() { return 'custom!' } }; console.log(new Custom())
                """)).containsExactly(
                "LOG|CONSOLE|null undefined true 1.5 a b",
                "LOG|CONSOLE|{\"nested\":{\"list\":[1,{\"x\":null}]}}",
                "LOG|CONSOLE|[object Object]",
                "LOG|CONSOLE|TypeError: bad type Symbol(s)",
                "LOG|CONSOLE|custom!");
    }
}
