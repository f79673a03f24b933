package dev.appserver.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.orchestrator.limits.TestCgroups;
import dev.appserver.orchestrator.services.ServiceEndpoints;
import dev.appserver.orchestrator.services.SingleNodeServices;
import dev.appserver.orchestrator.services.SingleNodeSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code appserver start} in cluster mode where workers would run unconfined refuses to start
 * (exit 2) and names {@code --allow-unconfined-workers}:
 *
 * <ul>
 *   <li>without cgroups: made by running the command as {@code nobody}, who may not write any
 *       cgroup; so the test needs root and {@code setpriv}, and skips, saying so, without them;
 *   <li>without seccomp: a worker distribution without the seccomp profile, against real
 *       services the test starts, on a host with cgroups (skipped, saying so, without them, as the
 *       cgroup refusal would come first).
 * </ul>
 */
class UnconfinedWorkersIT {
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final Path TARGET = Path.of("target").toAbsolutePath();

    @TempDir
    Path temp;

    @Test
    void clusterModeRefusesToRunWorkersWithoutCgroups() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(SETPRIV),
                "SKIPPED: needs root and /usr/bin/setpriv to run appserver as nobody, a user without cgroups");
        Run run;
        // Root's groups for workers exist meanwhile: that they exist must not make them nobody's.
        try (Cgroups roots = TestCgroups.detected()) {
            List<String> asNobody = List.of(SETPRIV.toString(), "--reuid=65534", "--regid=65534", "--clear-groups");
            run = start(asNobody, List.of(), "--kafka", "127.0.0.1:1",
                    "--postgres", "jdbc:postgresql://127.0.0.1:1/appserver?user=appserver", "--redis", "redis://127.0.0.1:1");
        }

        assertThat(run.exit).as(run.stderr).isEqualTo(2);
        assertThat(run.stderr).startsWith("appserver start: sandbox workers cannot get cgroup limits (memory, cpu, pids): ")
                .contains("Cluster mode does not run untrusted code unconfined")
                .contains("--allow-unconfined-workers")
                .doesNotContain("Exception");
    }

    @Test
    void clusterModeRefusesWorkersWithoutSeccomp() throws Exception {
        try (Cgroups cgroups = TestCgroups.required();
                SingleNodeServices services = SingleNodeServices.start(SingleNodeSettings.anyFreePorts(temp.resolve("data")))) {
            ServiceEndpoints endpoints = services.endpoints();
            Run run = start(List.of(), List.of("-Dappserver.worker.dist=" + distWithoutSeccomp()),
                    "--kafka", endpoints.kafkaBootstrapServers(),
                    "--postgres", endpoints.postgresJdbcUrl() + "?user=" + endpoints.postgresUser(),
                    "--redis", endpoints.redisUrl(), "--http-port", "0", "--workers", "1");

            assertThat(run.exit).as(run.stderr).isEqualTo(2);
            assertThat(run.stderr).contains("appserver start: sandbox worker ")
                    .contains("runs without its seccomp filter: off(no --seccomp profile given)")
                    .contains("Cluster mode does not run untrusted code unconfined")
                    .contains("--allow-unconfined-workers")
                    .doesNotContain("Exception");
        }
    }

    /** The real worker distribution (runtime, jars, AOT cache), without {@code seccomp/appserver-worker.json}. */
    private Path distWithoutSeccomp() throws IOException {
        Path real = Path.of(System.getProperty("appserver.worker.dist"));
        assertThat(real.resolve("seccomp/appserver-worker.json")).as("the real distribution has the profile").isRegularFile();
        Path dist = Files.createDirectories(temp.resolve("worker-dist"));
        Files.createSymbolicLink(dist.resolve("lib"), real.resolve("lib"));
        Files.createSymbolicLink(dist.resolve("compiler"), real.resolve("compiler"));
        Files.createSymbolicLink(dist.resolve("runtime"), real.resolve("runtime"));
        Files.createSymbolicLink(dist.resolve("worker.aot"), real.resolve("worker.aot"));
        return dist;
    }

    private record Run(int exit, String stderr) {
    }

    /** Runs {@code appserver start flags} under {@code prefix} (e.g. setpriv) with {@code jvmOptions}; waits for its exit. */
    private static Run start(List<String> prefix, List<String> jvmOptions, String... flags) throws IOException, InterruptedException {
        Path jar;
        try (var jars = Files.list(TARGET)) {
            jar = jars.filter(p -> p.getFileName().toString().matches("orchestrator-.*\\.jar")).findFirst().orElseThrow();
        }
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", jar + ":" + TARGET.resolve("lib") + "/*", "dev.appserver.orchestrator.OrchestratorMain", "start"));
        command.addAll(List.of(flags));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), stderr);
    }
}
