package dev.appserver.orchestrator.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppLoaderTest {
    @TempDir
    Path temp;

    private AppLoader loader;

    @BeforeEach
    void createLoader() {
        // CountingCompiler shares one TypeScript compiler across tests; closing it is a no-op.
        loader = new AppLoader(new TypeScriptTranspiler(new CountingCompiler(), temp.resolve("cache")));
    }

    @Test
    void loadsDirectoryApp() throws Exception {
        LoadedApp app = loader.load(fixture("hello-world"));

        assertThat(app.displayName()).isEqualTo("Hello World");
        assertThat(app.mainFile()).isEqualTo("index.js");
        assertThat(app.manifest().config()).singleElement()
                .satisfies(field -> assertThat(field.key()).contains("greeting"));
        assertThat(app.code()).contains("exports.processEvent = processEvent");
        assertThat(app.codeHash()).hasSize(64).isEqualTo(Sha256.hex(app.code().getBytes(StandardCharsets.UTF_8)));
        assertThat(app.files().files()).containsOnlyKeys("plugin.json", "index.js");
        try (CommonJsModule module = new CommonJsModule(app.code())) {
            assertThat(module.callWithJson("processEvent", "{\"properties\": {}}, {config: {greeting: 'Hi'}}"))
                    .isEqualTo("{\"properties\":{\"greeting\":\"Hi\"}}");
        }
    }

    @Test
    void loadsCommonJsExportDefaultAndTypeScriptFixtures() throws Exception {
        LoadedApp commonJs = loader.load(fixture("commonjs"));
        LoadedApp exportDefault = loader.load(fixture("export-default"));
        LoadedApp typeScript = loader.load(fixture("typescript-main"));

        assertThat(commonJs.code()).contains("module.exports = { processEvent }");
        assertThat(exportDefault.code()).contains("exports.default =");
        assertThat(typeScript.mainFile()).isEqualTo("index.ts");
        assertThat(typeScript.code()).doesNotContain("interface Props").contains("exports.processEvent");
    }

    @Test
    void loadsZipAndTgzWithAndWithoutTopFolder() throws Exception {
        for (Path archive : new Path[] {
                TestArchives.minimalApp("").writeZip(temp.resolve("flat.zip")),
                TestArchives.minimalApp("minimal-main/").writeZip(temp.resolve("github.zip")),
                TestArchives.minimalApp("").writeTgz(temp.resolve("flat.tgz")),
                TestArchives.minimalApp("package/").writeTgz(temp.resolve("npm.tar.gz"))}) {
            LoadedApp app = loader.load(archive);

            assertThat(app.displayName()).as(archive.toString()).isEqualTo("Minimal");
            assertThat(app.code()).as(archive.toString()).contains("exports.processEvent");
        }
    }

    @Test
    void displayNameFallsBackToFolderOrArchiveName() throws Exception {
        Path zip = TestArchives.of("plugin.json", "{}", "index.js", "export const a = 1").writeZip(temp.resolve("my-app.zip"));
        Path dir = TestArchives.of("plugin.json", "{\"name\": \"  \"}", "index.js", "export const a = 1")
                .writeDirectory(temp.resolve("dir-app"));

        assertThat(loader.load(zip).displayName()).isEqualTo("my-app");
        assertThat(loader.load(dir).displayName()).isEqualTo("dir-app");
    }

    @Test
    void mainFileFallsBackToIndexTsAndHonoursDotSlashMain() throws Exception {
        Path tsOnly = TestArchives.of("plugin.json", "{}", "index.ts", "export const n: number = 1")
                .writeDirectory(temp.resolve("ts-only"));
        Path dotSlash = TestArchives.of("plugin.json", "{\"main\": \"./dist/app.js\"}", "dist/app.js", "exports.a = 1")
                .writeDirectory(temp.resolve("dot-slash"));

        assertThat(loader.load(tsOnly).mainFile()).isEqualTo("index.ts");
        assertThat(loader.load(dotSlash).mainFile()).isEqualTo("dist/app.js");
    }

    @Test
    void explainsUnusableApps() throws Exception {
        Path noManifest = TestArchives.of("index.js", "x").writeDirectory(temp.resolve("no-manifest"));
        Path badJson = TestArchives.of("plugin.json", "{name: 'x'}", "index.js", "x").writeDirectory(temp.resolve("bad-json"));
        Path missingMain = TestArchives.of("plugin.json", "{\"main\": \"src/main.ts\"}", "index.js", "x")
                .writeDirectory(temp.resolve("missing-main"));
        Path noMain = TestArchives.of("plugin.json", "{}", "main.js", "x").writeDirectory(temp.resolve("no-main"));
        Path escapingMain = TestArchives.of("plugin.json", "{\"main\": \"../x.js\"}").writeDirectory(temp.resolve("escaping-main"));
        Path notUtf8 = temp.resolve("latin1");
        TestArchives.of("plugin.json", "{}").writeDirectory(notUtf8);
        Files.write(notUtf8.resolve("index.js"), new byte[] {'/', '/', ' ', (byte) 0xE9});

        assertThatThrownBy(() -> loader.load(noManifest)).isInstanceOf(AppLoadException.class)
                .hasMessage(noManifest + ": no plugin.json");
        assertThatThrownBy(() -> loader.load(badJson)).hasMessageStartingWith(badJson + ": plugin.json is not valid JSON: ");
        assertThatThrownBy(() -> loader.load(missingMain))
                .hasMessage(missingMain + ": main file 'src/main.ts' named in plugin.json does not exist");
        assertThatThrownBy(() -> loader.load(noMain)).hasMessage(
                noMain + ": no main file: plugin.json has no \"main\" and there is no index.js or index.ts");
        assertThatThrownBy(() -> loader.load(escapingMain))
                .hasMessage(escapingMain + ": plugin.json \"main\": file name '../x.js' leads outside the app");
        assertThatThrownBy(() -> loader.load(notUtf8)).hasMessage(notUtf8 + ": index.js is not valid UTF-8 text");
    }

    @Test
    void refusesSyntaxErrorWithLineAndColumn() {
        assertThatThrownBy(() -> loader.load(fixture("syntax-error")))
                .isInstanceOf(AppLoadException.class)
                .hasMessage("Broken: SyntaxError: ',' expected. (index.js:1:36)");
    }

    @Test
    void refusesDisallowedImport() {
        assertThatThrownBy(() -> loader.load(fixture("imports-left-pad")))
                .isInstanceOf(AppLoadException.class)
                .hasMessage("Left Padder: Cannot import 'left-pad'! This package is not provided by this app server.");
    }

    @Test
    void refusesRequireOfAnotherAppFile() throws Exception {
        Path app = TestArchives.of("plugin.json", "{\"name\": \"Two Files\"}",
                        "index.ts", "import { helper } from './lib'\nexport const processEvent = helper",
                        "lib.ts", "export const helper = (e: any) => e")
                .writeDirectory(temp.resolve("two-files"));

        assertThatThrownBy(() -> loader.load(app)).hasMessageStartingWith("Two Files: index.ts imports './lib', another file");
    }

    @Test
    void refusesPathTraversalInArchive() throws Exception {
        Path zip = TestArchives.minimalApp("").with("../../.ssh/authorized_keys", "ssh-rsa AAAA").writeZip(temp.resolve("evil.zip"));

        assertThatThrownBy(() -> loader.load(zip))
                .hasMessage(zip + ": file name '../../.ssh/authorized_keys' leads outside the app");
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(AppLoaderTest.class.getResource("/apps/" + name + "/plugin.json").toURI()).getParent();
    }
}
