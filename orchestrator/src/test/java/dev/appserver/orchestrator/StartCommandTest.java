package dev.appserver.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.appserver.orchestrator.hostservices.geoip.TestCityDatabase;
import dev.appserver.orchestrator.testing.CommandRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code appserver start}'s flags as settings, checked before anything starts. */
class StartCommandTest {
    @TempDir
    Path tmp;

    private static StartCommand parse(String... args) {
        StartCommand command = new StartCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void withoutGeoIpDbThereIsNoDatabase() throws Exception {
        assertThat(parse().settings().geoIpDatabase()).isEmpty();
    }

    @Test
    void geoIpDbNamesAMaxMindCityDatabase() throws Exception {
        Path database = TestCityDatabase.write(tmp.resolve("city.mmdb"));

        assertThat(parse("--geoip-db", database.toString()).settings().geoIpDatabase()).contains(database);
    }

    @Test
    void aGeoIpDbThatIsMissingOrNotADatabaseIsRefusedInOneLine() throws Exception {
        Path missing = tmp.resolve("missing.mmdb");
        Path notADatabase = Files.writeString(tmp.resolve("city.mmdb"), "not a database");

        assertThatThrownBy(() -> parse("--geoip-db", missing.toString()).settings())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--geoip-db " + missing + ": no such file");
        assertThatThrownBy(() -> parse("--geoip-db", notADatabase.toString()).settings())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--geoip-db " + notADatabase + " is not a MaxMind database")
                .hasMessageNotContaining("\n");
    }

    @Test
    void startExitsWithStatus2AndOneLineForAnUnusableGeoIpDb() {
        Path missing = tmp.resolve("missing.mmdb");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        CommandRun run;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            // The --delivery value is unusable too, and checked after the file: if the file were
            // not checked first, start would fail on it, not start a server.
            run = CommandRun.of("start", "--geoip-db", missing.toString(), "--delivery", "never");
        } finally {
            System.setErr(original);
        }

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("appserver start: --geoip-db " + missing + ": no such file\n");
    }
}
