package dev.appserver.orchestrator.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EntryNamesTest {
    @Test
    void normalizesDotSegmentsSlashesAndBackslashes() {
        assertThat(EntryNames.normalize("./index.js")).contains("index.js");
        assertThat(EntryNames.normalize("././lib//./a.js")).contains("lib/a.js");
        assertThat(EntryNames.normalize("lib\\win.js")).contains("lib/win.js");
        assertThat(EntryNames.normalize("./")).isEmpty();
    }

    @Test
    void skipsArchiverAndEditorDebris() {
        assertThat(EntryNames.normalize("__MACOSX/app/._index.js")).isEmpty();
        assertThat(EntryNames.normalize("app/.DS_Store")).isEmpty();
        assertThat(EntryNames.normalize("app/node_modules/x/index.js")).isEmpty();
    }

    @Test
    void refusesTraversalAndAbsoluteNames() {
        assertThatThrownBy(() -> EntryNames.normalize("a/../../b")).hasMessageContaining("leads outside the app");
        assertThatThrownBy(() -> EntryNames.normalize("..\\b")).hasMessageContaining("leads outside the app");
        assertThatThrownBy(() -> EntryNames.normalize("/etc/passwd")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> EntryNames.normalize("C:\\Windows\\win.ini")).hasMessageContaining("absolute");
    }

    @Test
    void resolvesLinksWithinTheApp() {
        assertThat(EntryNames.resolveLink("lib/a.js", "lib/", "../index.js")).isEqualTo("index.js");
        assertThat(EntryNames.resolveLink("a.js", "", "./b.js")).isEqualTo("b.js");
        assertThatThrownBy(() -> EntryNames.resolveLink("lib/a.js", "lib/", "../../x")).hasMessageContaining("outside the app");
    }
}
