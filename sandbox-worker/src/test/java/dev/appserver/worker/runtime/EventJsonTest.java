package dev.appserver.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link EventJson} against what JS itself does with the same texts. */
class EventJsonTest {
    private static PluginLists finisher;
    private static Context js;
    private static Value normalize;
    private static Value sameTeam;

    @BeforeAll
    static void start() {
        finisher = new PluginLists(TestRuntime.ENGINE);
        js = TestRuntime.ENGINE.newContext();
        normalize = js.eval("js", "(s) => JSON.stringify(JSON.parse(s))");
        // bootstrap.js's check as it was before EventJson took it over.
        sameTeam = js.eval("js", """
                (input, output) => {
                  const teamId = JSON.parse(input).team_id
                  const out = JSON.parse(output)
                  if (out === null || typeof out !== 'object' || Array.isArray(out)) return 'not an event'
                  if (!Object.prototype.hasOwnProperty.call(out, 'team_id') || out.team_id !== teamId) return 'team_id'
                  return 'ok'
                }""");
    }

    @AfterAll
    static void stop() {
        finisher.close();
        js.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"event\":\"x\",\"team_id\":2,\"properties\":{\"a\":1}}",
        "{\"event\":\"x\",\"team_id\":2}",
        "{}",
        "{\"properties\":null,\"b\":1}",
        "{\"properties\":[1,2],\"b\":1}",
        "{\"properties\":\"text\"}",
        "{\"properties\":7}",
        "{\"properties\":{}}",
        "{\"properties\":{\"$plugins_failed\":[\"old\"],\"z\":{\"$plugins_succeeded\":1},\"$plugins_succeeded\":\"x\"}}",
        "{\"properties\":{\"$plugins_deferred\":null}}",
        "{\"a\":\"}{][\\\"\",\"properties\":{\"s\":\"\\\\\\\"}\",\"n\":[{\"properties\":{}}]},\"c\":\"\\u00e9\\ud83d\\ude00\"}",
        "{\"nested\":{\"properties\":{\"deep\":true}},\"team_id\":\"2\"}",
        "{\"1\":\"integer keys first\",\"properties\":{\"2\":1,\"b\":{},\"a\":[]},\"x\":-0.5e-7}",
        "{\"properties\":{\"$plugins_\\u0066ailed\":[\"escaped key\"]}}",
    })
    void theListsAreSplicedInExactlyAsJsWritesThem(String text) {
        String event = normalize.execute(text).asString();
        String succeeded = JsonStrings.quote("App (1)");
        String failed = "[" + JsonStrings.quote("Other \"one\" (2)") + "]";
        String deferred = "[\"Exporter (3)\",\"Ünïcode \\\\ (4)\"]";
        String expected = finisher.add(List.of(event), List.of("[" + succeeded + "]"), List.of(failed), deferred)[0];

        assertThat(EventJson.withLists(event, "[" + succeeded + "]", failed, deferred)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"team_id\":2}|{\"team_id\":2}",
        "{\"team_id\":2}|{\"team_id\":3}",
        "{\"team_id\": 2.0 , \"x\":1}|{\"x\":1,\"team_id\":2}",
        "{\"team_id\":1e0}|{\"team_id\":1}",
        "{\"team_id\":-0}|{\"team_id\":0}",
        "{\"team_id\":9007199254740993}|{\"team_id\":9007199254740992}",
        "{\"team_id\":\"2\"}|{\"team_id\":2}",
        "{\"team_id\":\"\\u0032\"}|{\"team_id\":\"2\"}",
        "{\"team_id\":\"a\"}|{\"team_id\":\"b\"}",
        "{\"team_id\":null}|{\"team_id\":null}",
        "{\"team_id\":true}|{\"team_id\":false}",
        "{\"team_id\":{}}|{\"team_id\":{}}",
        "{\"team_id\":[2]}|{\"team_id\":[2]}",
        "{\"team_id\":1,\"team_id\":2}|{\"team_id\":2}",
        "{\"team_id\":2}|{\"nested\":{\"team_id\":2}}",
        "{\"x\":1}|{\"x\":1}",
        "{\"team_id\":2}|{\"t\\u0065am_id\":2}",
        "{\"team_id\":2}|\"not an event\"",
        "{\"team_id\":2}|[{\"team_id\":2}]",
        "{\"team_id\":2}|null",
        "{\"team_id\":2}|{}",
    })
    void theTeamIdCheckAgreesWithJsonParseAndStrictEquality(String pair) {
        String input = pair.substring(0, pair.indexOf('|'));
        String output = pair.substring(pair.indexOf('|') + 1);
        String js = sameTeam.execute(input, output).asString();
        String expected = switch (js) {
            case "ok" -> null;
            case "not an event" -> EventJson.NOT_AN_EVENT;
            default -> EventJson.TEAM_ID_CHANGED;
        };

        assertThat(EventJson.teamIdViolation(input, output)).as(pair).isEqualTo(expected);
    }

    @Test
    void anOutputsTeamIdIsItsFirstMemberSinceJsonStringifyWritesEachKeyOnce() {
        // An input is any JSON text, where JSON.parse keeps the last of duplicate keys; an output
        // is JSON.stringify's, which has none. A proxy that lists a key twice makes it throw:
        assertThat(js.eval("js", "(() => { try { JSON.stringify(new Proxy({}, {ownKeys: () => ['team_id', 'team_id']}));"
                + " return 'written' } catch (e) { return e.name } })()").asString()).isEqualTo("TypeError");
        assertThat(EventJson.teamIdViolation("{\"team_id\":1,\"team_id\":2}", "{\"team_id\":2}")).isNull();
        assertThat(EventJson.teamIdViolation("{\"team_id\":2}", "{\"team_id\":2,\"x\":{\"team_id\":3}}")).isNull();
        assertThat(EventJson.teamIdViolation("{\"team_id\":2}", "{\"team_id\":1,\"team_id\":2}"))
                .isEqualTo(EventJson.TEAM_ID_CHANGED);
    }

    @Test
    void theTeamValueIsTheLastOwnMembersText() {
        assertThat(EventJson.teamValue("{\"team_id\":1,\"p\":{\"team_id\":5},\"team_id\": 2.0 }")).isEqualTo("2.0");
        assertThat(EventJson.teamValue(" {\"team_id\":\"x\"}")).isEqualTo("\"x\"");
        assertThat(EventJson.teamValue("{\"p\":{\"team_id\":5}}")).isNull();
        assertThat(EventJson.teamValue("[{\"team_id\":5}]")).isNull();
        assertThat(EventJson.teamIdViolationAgainst(null, "{\"team_id\":2}")).isEqualTo(EventJson.TEAM_ID_CHANGED);
        assertThat(EventJson.teamIdViolationAgainst("2.0", "{\"team_id\":2}")).isNull();
    }

    @Test
    void quotedStringsAreWhatJsonStringifyWrites() {
        for (String s : new String[] {"plain", "q\"b\\s", "\b\f\n\r\t\u0001\u001f", "é😀", "\ud800 lone", "lone \udc00", "\udc00\ud800"}) {
            assertThat(JsonStrings.quote(s)).as(s).isEqualTo(js.eval("js", "JSON.stringify").execute(s).asString());
        }
    }
}
