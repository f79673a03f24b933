package dev.appserver.orchestrator.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImportAllowlistTest {
    @Test
    void findsRequireAndDynamicImportWithAnyQuotes() {
        String code = """
                const scaffold_1 = require("@posthog/plugin-scaffold");
                const crypto = require ( 'crypto' );
                const zlib = Promise.resolve().then(() => __importStar(require('zlib')));
                const later = import("node-fetch");
                const tpl = require(`url`);
                """;

        assertThat(ImportAllowlist.modulesRequiredBy(code))
                .containsExactly("@posthog/plugin-scaffold", "crypto", "zlib", "node-fetch", "url");
    }

    @Test
    void ignoresMethodsThatAreOnlyNamedRequire() {
        assertThat(ImportAllowlist.modulesRequiredBy("meta.require('x'); $require('y'); my_require('z')")).isEmpty();
    }

    @Test
    void allowsTheProvidedModules() {
        String code = ImportAllowlist.ALLOWED.stream()
                .map(name -> "require('" + name + "');")
                .reduce("", String::concat);

        assertThatCode(() -> ImportAllowlist.check("App", "index.js", code)).doesNotThrowAnyException();
        assertThat(ImportAllowlist.ALLOWED).containsExactlyInAnyOrder(
                "@posthog/plugin-scaffold", "@posthog/plugin-contrib", "node-fetch", "crypto", "url", "zlib", "stream");
    }

    @Test
    void refusesAnythingElseWithPostHogsMessage() {
        assertThatThrownBy(() -> ImportAllowlist.check("Left Padder", "index.js", "const p = require(\"left-pad\");"))
                .isInstanceOf(AppLoadException.class)
                .hasMessage("Left Padder: Cannot import 'left-pad'! This package is not provided by this app server.");
        assertThatThrownBy(() -> ImportAllowlist.check("App", "index.js", "require('fs')"))
                .hasMessageContaining("Cannot import 'fs'!");
        assertThatThrownBy(() -> ImportAllowlist.check("App", "index.js", "require('crypto/sub')"))
                .hasMessageContaining("Cannot import 'crypto/sub'!");
        assertThatThrownBy(() -> ImportAllowlist.check("App", "index.js", "require('node:crypto')"))
                .hasMessageContaining("Cannot import 'node:crypto'!");
    }

    @Test
    void refusesOtherFilesOfTheApp() {
        assertThatThrownBy(() -> ImportAllowlist.check("App", "index.ts", "const lib_1 = require(\"./lib\");"))
                .hasMessage("App: index.ts imports './lib', another file of the app: "
                        + "only single-file apps are supported; bundle the app into index.ts");
        assertThatThrownBy(() -> ImportAllowlist.check("App", "index.ts", "require('../up')"))
                .hasMessageContaining("imports '../up', another file of the app");
    }
}
