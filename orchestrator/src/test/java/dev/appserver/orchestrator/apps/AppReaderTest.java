package dev.appserver.orchestrator.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppReaderTest {
    @TempDir
    Path temp;

    private final AppReader reader = new AppReader(AppReadLimits.DEFAULT);

    @Test
    void readsDirectoryWithSubfolders() throws Exception {
        Path app = TestArchives.minimalApp("").with("data/list.txt", "a,b").writeDirectory(temp.resolve("app"));

        AppFiles files = reader.read(app);

        assertThat(files.files()).containsOnlyKeys("plugin.json", "index.js", "data/list.txt");
        assertThat(text(files, "data/list.txt")).isEqualTo("a,b");
    }

    @Test
    void directoryKeepsItsOnlyFolderButSkipsGitAndNodeModules() throws Exception {
        Path app = TestArchives.of("src/index.js", "x", ".git/HEAD", "ref", "node_modules/left-pad/index.js", "y")
                .writeDirectory(temp.resolve("app"));

        assertThat(reader.read(app).files()).containsOnlyKeys("src/index.js");
    }

    @Test
    void readsZipWithAndWithoutTopFolder() throws Exception {
        AppFiles flat = reader.read(TestArchives.minimalApp("").writeZip(temp.resolve("flat.zip")));
        AppFiles nested = reader.read(TestArchives.minimalApp("repo-main/").with("repo-main/", "")
                .with("__MACOSX/repo-main/._index.js", "resource fork").writeZip(temp.resolve("nested.zip")));

        assertThat(flat.files()).containsOnlyKeys("plugin.json", "index.js");
        assertThat(nested.files()).containsOnlyKeys("plugin.json", "index.js");
        assertThat(text(nested, "index.js")).contains("processEvent");
    }

    @Test
    void readsTgzWithAndWithoutTopFolder() throws Exception {
        AppFiles flat = reader.read(TestArchives.minimalApp("./").writeTgz(temp.resolve("flat.tgz")));
        AppFiles nested = reader.read(TestArchives.minimalApp("package/").with("package/", "")
                .writeTgz(temp.resolve("nested.tar.gz")));

        assertThat(flat.files()).containsOnlyKeys("plugin.json", "index.js");
        assertThat(nested.files()).containsOnlyKeys("plugin.json", "index.js");
    }

    @Test
    void recognisesArchivesByContentsWhateverTheirName() throws Exception {
        Path zip = TestArchives.minimalApp("").writeZip(temp.resolve("upload-1"));
        Path tgz = TestArchives.minimalApp("").writeTgz(temp.resolve("upload-2"));

        assertThat(reader.read(zip).files()).containsKey("plugin.json");
        assertThat(reader.read(tgz).files()).containsKey("plugin.json");
    }

    @Test
    void archiveLinksInsideTheAppBecomeCopies() throws Exception {
        TestArchives archive = TestArchives.minimalApp("package/").with("package/main.js", TestArchives.SYMLINK + "index.js");

        assertThat(text(reader.read(archive.writeTgz(temp.resolve("a.tgz"))), "main.js")).contains("processEvent");
        assertThat(text(reader.read(archive.writeZip(temp.resolve("a.zip"))), "main.js")).contains("processEvent");
    }

    @Test
    void refusesPathTraversalInZip() throws Exception {
        Path zip = TestArchives.minimalApp("").with("../evil.js", "pwned").writeZip(temp.resolve("evil.zip"));

        assertThatThrownBy(() -> reader.read(zip))
                .isInstanceOf(AppLoadException.class)
                .hasMessage(zip + ": file name '../evil.js' leads outside the app");
    }

    @Test
    void refusesPathTraversalAndAbsoluteNamesInTgz() throws Exception {
        Path traversal = TestArchives.minimalApp("").with("lib/../../evil.js", "x").writeTgz(temp.resolve("t.tgz"));
        Path absolute = TestArchives.minimalApp("").with("/etc/cron.d/evil", "x").writeTgz(temp.resolve("a.tgz"));

        assertThatThrownBy(() -> reader.read(traversal)).hasMessageContaining("leads outside the app");
        assertThatThrownBy(() -> reader.read(absolute)).hasMessage(absolute + ": absolute file name '/etc/cron.d/evil' is not allowed");
    }

    @Test
    void refusesArchiveLinksLeadingOutside() throws Exception {
        TestArchives archive = TestArchives.minimalApp("").with("passwd", TestArchives.SYMLINK + "../../etc/passwd");
        Path tgz = archive.writeTgz(temp.resolve("l.tgz"));
        Path zip = archive.writeZip(temp.resolve("l.zip"));
        Path absolute = TestArchives.minimalApp("").with("passwd", TestArchives.SYMLINK + "/etc/passwd")
                .writeTgz(temp.resolve("abs.tgz"));

        assertThatThrownBy(() -> reader.read(tgz)).hasMessage(tgz + ": 'passwd' links to '../../etc/passwd', outside the app");
        assertThatThrownBy(() -> reader.read(zip)).hasMessageContaining("outside the app");
        assertThatThrownBy(() -> reader.read(absolute)).hasMessageContaining("links to absolute path '/etc/passwd'");
    }

    @Test
    void refusesDirectorySymlinkLeadingOutside() throws Exception {
        Path secret = Files.writeString(temp.resolve("secret.txt"), "s3cr3t");
        Path app = TestArchives.minimalApp("").with("secret.txt", TestArchives.SYMLINK + secret)
                .writeDirectory(temp.resolve("app"));

        assertThatThrownBy(() -> reader.read(app))
                .isInstanceOf(AppLoadException.class)
                .hasMessage(app + ": 'secret.txt' is a symbolic link to a place outside the app");
    }

    @Test
    void followsDirectorySymlinkInsideTheApp() throws Exception {
        Path app = TestArchives.minimalApp("").with("main.js", TestArchives.SYMLINK + "index.js")
                .writeDirectory(temp.resolve("app"));

        assertThat(text(reader.read(app), "main.js")).contains("processEvent");
    }

    @Test
    void capsTotalSizeAndEntryCount() throws Exception {
        Path big = TestArchives.minimalApp("").with("blob.bin", "x".repeat(2_000)).writeTgz(temp.resolve("big.tgz"));
        Path many = TestArchives.minimalApp("").with("a", "").with("b", "").writeZip(temp.resolve("many.zip"));

        assertThatThrownBy(() -> new AppReader(new AppReadLimits(1_000, 100)).read(big))
                .hasMessage(big + ": larger than 1000 bytes uncompressed");
        assertThatThrownBy(() -> new AppReader(new AppReadLimits(1_000_000, 3)).read(many))
                .hasMessage(many + ": more than 3 entries");
    }

    @Test
    void refusesDuplicateNames() throws Exception {
        Path tgz = TestArchives.minimalApp("").with("./index.js", "again").writeTgz(temp.resolve("dup.tgz"));

        assertThatThrownBy(() -> reader.read(tgz)).hasMessage(tgz + ": 'index.js' appears more than once");
    }

    @Test
    void namesUnreadableArchivesAndMissingPaths() throws IOException {
        Path notZip = Files.writeString(temp.resolve("foo.zip"), "this is not a zip");
        Path notTgz = Files.write(temp.resolve("foo.tgz"), new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
        Path text = Files.writeString(temp.resolve("notes.txt"), "hello");
        Path missing = temp.resolve("nowhere");

        assertThatThrownBy(() -> reader.read(notZip)).hasMessage(notZip + ": not a readable zip archive");
        assertThatThrownBy(() -> reader.read(notTgz)).hasMessage(notTgz + ": not a readable .tgz archive");
        assertThatThrownBy(() -> reader.read(text)).hasMessage(text + ": not a directory, .zip, .tgz or .tar.gz");
        assertThatThrownBy(() -> reader.read(missing)).hasMessage(missing + ": no such file or directory");
    }

    @Test
    void baseNameDropsArchiveExtensions() {
        assertThat(AppReader.baseName(Path.of("apps/hello-world"))).isEqualTo("hello-world");
        assertThat(AppReader.baseName(Path.of("dist/hello.zip"))).isEqualTo("hello");
        assertThat(AppReader.baseName(Path.of("hello.tar.gz"))).isEqualTo("hello");
        assertThat(AppReader.baseName(Path.of("hello.tgz"))).isEqualTo("hello");
    }

    private static String text(AppFiles files, String name) {
        return new String(files.get(name).orElseThrow(), StandardCharsets.UTF_8);
    }
}
