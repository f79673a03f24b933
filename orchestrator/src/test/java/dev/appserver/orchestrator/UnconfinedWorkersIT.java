package dev.appserver.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.orchestrator.limits.TestCgroups;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code appserver start} in cluster mode where workers cannot get cgroups: it refuses to start
 * (exit 2) and names {@code --allow-unconfined-workers}. A host without cgroups is made by
 * running the command as {@code nobody}, who may not write any cgroup; so the test needs root
 * and {@code setpriv}, and skips, saying so, without them.
 */
class UnconfinedWorkersIT {
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    @Test
    void clusterModeRefusesToRunWorkersUnconfined() throws Exception {
        Run run;
        // Root's groups for workers exist meanwhile: that they exist must not make them nobody's.
        try (Cgroups roots = TestCgroups.detected()) {
            run = startAsNobody("--kafka", "127.0.0.1:1", "--postgres", "jdbc:postgresql://127.0.0.1:1/appserver?user=appserver",
                    "--redis", "redis://127.0.0.1:1");
        }

        assertThat(run.exit).as(run.stderr).isEqualTo(2);
        assertThat(run.stderr).startsWith("appserver start: sandbox workers cannot get cgroup limits (memory, cpu, pids): ")
                .contains("Cluster mode does not run untrusted code unconfined")
                .contains("--allow-unconfined-workers")
                .doesNotContain("Exception");
    }

    private record Run(int exit, String stderr) {
    }

    private static Run startAsNobody(String... flags) throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(SETPRIV),
                "SKIPPED: needs root and /usr/bin/setpriv to run appserver as nobody, a user without cgroups");
        Path target = Path.of("target").toAbsolutePath();
        Path jar;
        try (var jars = Files.list(target)) {
            jar = jars.filter(p -> p.getFileName().toString().matches("orchestrator-.*\\.jar")).findFirst().orElseThrow();
        }
        List<String> command = new ArrayList<>(List.of(SETPRIV.toString(), "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + ":" + target.resolve("lib") + "/*", "dev.appserver.orchestrator.OrchestratorMain", "start"));
        command.addAll(List.of(flags));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), stderr);
    }
}
