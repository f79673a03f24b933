package dev.appserver.orchestrator.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TypeScriptTranspilerTest {
    private static final String EVENT = "{\"event\": \"pageview\", \"properties\": {}}";

    @TempDir
    Path cacheDirectory;

    private final CountingCompiler compiler = new CountingCompiler();

    @Test
    void esmNamedExportsBecomeCommonJs() throws Exception {
        String code = transpile("index.js", """
                export function processEvent(event, { config }) {
                  event.properties.greeting = 'hi'
                  return event
                }
                """);

        try (CommonJsModule module = new CommonJsModule(code)) {
            assertThat(module.callWithJson("processEvent", EVENT + ", {config: {}}"))
                    .isEqualTo("{\"event\":\"pageview\",\"properties\":{\"greeting\":\"hi\"}}");
        }
    }

    @Test
    void exportDefaultObjectWithAsyncMethod() throws Exception {
        String code = transpile("index.js", """
                export default {
                  processEvent: async (event) => {
                    event.properties.via_default = 'yes'
                    return event
                  },
                }
                """);

        try (CommonJsModule module = new CommonJsModule(code)) {
            assertThat(module.callWithJson("default.processEvent", EVENT))
                    .isEqualTo("{\"event\":\"pageview\",\"properties\":{\"via_default\":\"yes\"}}");
        }
    }

    @Test
    void commonJsPassesThrough() throws Exception {
        String code = transpile("index.js", """
                function processEvent(event, meta) {
                  event.properties.cjs = true
                  return event
                }
                module.exports = { processEvent }
                """);

        try (CommonJsModule module = new CommonJsModule(code)) {
            assertThat(module.callWithJson("processEvent", EVENT)).contains("\"cjs\":true");
        }
    }

    @Test
    void plainScriptStaysAScript() throws Exception {
        String code = transpile("index.js", "function processEvent(event) { return event }\n");

        assertThat(code).contains("function processEvent(event)").doesNotContain("exports");
    }

    @Test
    void typeScriptSyntaxInJsFile() throws Exception {
        String code = transpile("index.js", """
                import { createHash } from 'crypto'
                interface Event { event: string; properties: Record<string, unknown> }
                export function processEvent(event: Event): Event {
                  event.properties.hash = createHash('sha256').update(event.event).digest('hex') as string
                  return event
                }
                """);

        try (CommonJsModule module = new CommonJsModule(code)) {
            assertThat(module.required()).containsExactly("crypto");
            assertThat(module.exports().getMember("processEvent").canExecute()).isTrue();
        }
    }

    @Test
    void typeScriptMainFile() throws Exception {
        String code = transpile("index.ts", """
                type Meta = { config: { suffix: string } }
                function label(name: string, suffix: string): string {
                  return `${name}${suffix}`
                }
                export async function processEvent(event: { event: string; properties: any }, { config }: Meta) {
                  event.properties.labelled = label(event.event, config.suffix)
                  return event
                }
                """);

        try (CommonJsModule module = new CommonJsModule(code)) {
            assertThat(module.callWithJson("processEvent", EVENT + ", {config: {suffix: '!'}}"))
                    .contains("\"labelled\":\"pageview!\"");
        }
    }

    @Test
    void syntaxErrorNamesAppFileLineAndColumn() {
        String source = "// broken\nexport function processEvent(event {\n  return event\n}\n";

        assertThatThrownBy(() -> transpile("index.js", source))
                .isInstanceOf(AppLoadException.class)
                .hasMessage("Broken: SyntaxError: ',' expected. (index.js:2:36)");
    }

    @Test
    void secondTranspileIsServedFromMemory() throws Exception {
        try (TypeScriptTranspiler transpiler = new TypeScriptTranspiler(compiler, cacheDirectory)) {
            String first = transpiler.transpile("App", "index.js", "export const a = 1");
            String second = transpiler.transpile("Other name", "index.js", "export const a = 1");

            assertThat(second).isEqualTo(first);
            assertThat(compiler.calls()).isEqualTo(1);
        }
    }

    @Test
    void newTranspilerReadsTheDiskCacheWithoutCompiling() throws Exception {
        String code = transpile("index.ts", "export const answer: number = 42");
        assertThat(compiler.calls()).isEqualTo(1);
        assertThat(cacheFiles()).hasSize(1);

        CountingCompiler fresh = new CountingCompiler();
        try (TypeScriptTranspiler transpiler = new TypeScriptTranspiler(fresh, cacheDirectory)) {
            assertThat(transpiler.transpile("App", "index.ts", "export const answer: number = 42")).isEqualTo(code);
        }
        assertThat(fresh.calls()).isZero();
    }

    @Test
    void fileNameAndSourceAreBothPartOfTheKey() throws Exception {
        transpile("index.js", "export const a = 1");
        transpile("index.js", "export const a = 2");
        transpile("main.js", "export const a = 2");
        transpile("main.ts", "export const a = 2");

        assertThat(compiler.calls()).as("main.js and main.ts are both compiled as main.ts").isEqualTo(3);
        assertThat(cacheFiles()).hasSize(3);
    }

    @Test
    void corruptCacheEntryIsIgnoredAndRewritten() throws Exception {
        String code = transpile("index.js", "export const a = 1");
        Path entry = cacheFiles().getFirst();
        Files.writeString(entry, Files.readString(entry).replace("exports.a = 1", "exports.a = 666"));

        CountingCompiler fresh = new CountingCompiler();
        try (TypeScriptTranspiler transpiler = new TypeScriptTranspiler(fresh, cacheDirectory)) {
            assertThat(transpiler.transpile("App", "index.js", "export const a = 1")).isEqualTo(code);
        }
        assertThat(fresh.calls()).isEqualTo(1);
        assertThat(Files.readString(entry)).endsWith(code).doesNotContain("666");
    }

    @Test
    void unwritableCacheOnlyCostsACompile() throws Exception {
        Path notADirectory = Files.writeString(cacheDirectory.resolve("file"), "in the way");

        try (TypeScriptTranspiler transpiler = new TypeScriptTranspiler(compiler, notADirectory.resolve("cache"))) {
            assertThat(transpiler.transpile("App", "index.js", "export const a = 1")).contains("exports.a = 1");
        }
    }

    @Test
    void compilerSeesTypeScriptFileNames() {
        assertThat(TypeScriptTranspiler.asTypeScript("index.js")).isEqualTo("index.ts");
        assertThat(TypeScriptTranspiler.asTypeScript("dist/main.mjs")).isEqualTo("dist/main.ts");
        assertThat(TypeScriptTranspiler.asTypeScript("index.ts")).isEqualTo("index.ts");
        assertThat(TypeScriptTranspiler.asTypeScript("view.tsx")).isEqualTo("view.tsx");
        assertThat(TypeScriptTranspiler.asTypeScript("v1.2/index")).isEqualTo("v1.2/index.ts");
    }

    private String transpile(String fileName, String source) throws AppLoadException {
        try (TypeScriptTranspiler transpiler = new TypeScriptTranspiler(compiler, cacheDirectory)) {
            return transpiler.transpile("Broken", fileName, source);
        }
    }

    private List<Path> cacheFiles() throws IOException {
        try (Stream<Path> files = Files.list(cacheDirectory)) {
            return files.toList();
        }
    }
}
