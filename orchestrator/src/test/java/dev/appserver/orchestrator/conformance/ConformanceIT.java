package dev.appserver.orchestrator.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The shared conformance suite ({@code ../shared/conformance}, beside the repository) run against
 * {@code ./appserver run-app}. Skipped, loudly, in a clone that has no {@code ../shared}.
 */
class ConformanceIT {
  @Test
  void sharedConformanceSuitePasses() throws IOException, InterruptedException {
    Path home = Path.of(System.getProperty("appserver.home", "..")).toAbsolutePath().normalize();
    Path suite = home.resolveSibling("shared").resolve("conformance");
    Assumptions.assumeTrue(Files.isRegularFile(suite.resolve("check.py")),
        "SKIPPED: the shared conformance suite is not beside this repository (" + suite + "); "
            + ".ci/run runs it where it exists");
    Process process = new ProcessBuilder(List.of("python3", suite.resolve("check.py").toString(),
        "--appserver", home.resolve("appserver").toString(), suite.resolve("cases").toString()))
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(40, TimeUnit.MINUTES)).isTrue();
    List<String> lines = output.strip().lines().toList();
    assertThat(lines).as(output).isNotEmpty();
    assertThat(lines.get(lines.size() - 1)).as(output).matches("\\d+ passed, 0 failed");
    assertThat(process.exitValue()).as(output).isZero();
  }
}
