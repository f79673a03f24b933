package dev.appserver.orchestrator.runapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.orchestrator.limits.TestCgroups;
import dev.appserver.orchestrator.pool.WorkerDistribution;
import dev.appserver.orchestrator.pool.WorkerLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --geoip-db} with a file run-app cannot use: exit 2 and a one-line reason, before any worker starts. */
class RunAppGeoIpDatabaseIT {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @Test
    void refusesAFileThatIsNotAMaxMindDatabase() throws Exception {
        Path notADatabase = Files.writeString(tmp.resolve("city.mmdb"), "not a database");

        assertThat(run(notADatabase)).as(stderr.toString(StandardCharsets.UTF_8)).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .startsWith("--geoip-db " + notADatabase + " is not a MaxMind database")
                .hasLineCount(1);
        assertThat(stdout.size()).isZero();
    }

    @Test
    void refusesAMissingFile() throws Exception {
        Path missing = tmp.resolve("missing.mmdb");

        assertThat(run(missing)).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("--geoip-db " + missing + ": no such file\n");
    }

    private int run(Path geoIpDatabase) throws URISyntaxException {
        Path app = Path.of(RunAppGeoIpDatabaseIT.class.getResource("/apps/hello-world").toURI());
        RunAppOptions options = new RunAppOptions(List.of(app), null, null, List.of(), 2, Duration.ofSeconds(30), null,
                null, List.of(), List.of(), geoIpDatabase, List.of());
        try (Cgroups cgroups = TestCgroups.detected()) {
            RunApp runApp = new RunApp(WorkerDistribution.locate(), WorkerLimits.DEFAULT, cgroups, tmp.resolve("transpiled"),
                    Clock.systemUTC());
            return runApp.run(options, new ByteArrayInputStream("{\"event\":\"e\"}\n".getBytes(StandardCharsets.UTF_8)),
                    new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
        }
    }
}
