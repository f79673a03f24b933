package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the sandbox worker's jars are ({@code lib/}: its class path; {@code compiler/}: the Graal
 * compiler for the upgrade module path) and how to start a worker JVM from them.
 *
 * <p>Found from the system property {@code appserver.worker.dist} or the environment variable
 * {@code APPSERVER_WORKER_DIST}; the launcher script sets it to
 * {@code sandbox-worker/target/worker-dist}.
 *
 * <p>{@code APPSERVER_WORKER_JAVA_OPTIONS} (whitespace-separated) adds JVM options to every worker,
 * after the ones it always gets: for profiling ({@code -XX:StartFlightRecording=...}) or GraalJS
 * diagnostics ({@code -Dpolyglot.engine.TraceCompilation=true}). It is the operator's, never an
 * app's; the worker's own environment never carries it.
 *
 * @param jvmOptions extra JVM options for every worker
 */
public record WorkerDistribution(Path directory, Path javaBinary, List<String> jvmOptions) {
    public WorkerDistribution {
        requireNonNull(directory, "directory is null");
        requireNonNull(javaBinary, "javaBinary is null");
        jvmOptions = List.copyOf(jvmOptions);
    }

    public WorkerDistribution(Path directory, Path javaBinary) {
        this(directory, javaBinary, List.of());
    }

    public static WorkerDistribution locate() {
        String configured = System.getProperty("appserver.worker.dist", System.getenv("APPSERVER_WORKER_DIST"));
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("the worker distribution is not configured: set -Dappserver.worker.dist "
                    + "or APPSERVER_WORKER_DIST to sandbox-worker/target/worker-dist (./appserver does this)");
        }
        Path dir = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("lib")) || !Files.isDirectory(dir.resolve("compiler"))) {
            throw new IllegalStateException("no worker distribution in " + dir + " (build it with mvn package)");
        }
        Path java = ProcessHandle.current().info().command().map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
        String options = System.getenv("APPSERVER_WORKER_JAVA_OPTIONS");
        List<String> jvmOptions = options == null || options.isBlank() ? List.of() : List.of(options.strip().split("\\s+"));
        return new WorkerDistribution(dir, java, jvmOptions);
    }

    /** The command line of one worker process. */
    List<String> command(Path socket, WorkerLimits limits) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary.toString());
        command.add("-XX:+UnlockExperimentalVMOptions");
        command.add("-XX:+EnableJVMCI");
        command.add("--upgrade-module-path=" + jars(directory.resolve("compiler")));
        command.add("-Xmx" + limits.heapMegabytes() + "m");
        command.add("-Xss" + limits.stackKilobytes() + "k");
        // A worker that runs out of heap is replaced; never limp on after an OutOfMemoryError.
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-XX:+UseSerialGC");
        command.add("--sun-misc-unsafe-memory-access=allow");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Dpolyglot.engine.WarnInterpreterOnly=false");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(directory.resolve("lib") + "/*");
        command.add("dev.appserver.worker.WorkerMain");
        command.add("--socket");
        command.add(socket.toString());
        if (limits.allowInterpreter()) {
            command.add("--allow-interpreter");
        }
        Path seccomp = directory.resolve("seccomp").resolve("appserver-worker.json");
        if (Files.isRegularFile(seccomp)) {
            // The worker loads it into itself once its socket is bound; without it the worker
            // runs unconfined and its Health says so.
            command.add("--seccomp");
            command.add(seccomp.toString());
        }
        return command;
    }

    private static String jars(Path dir) throws IOException {
        List<String> jars = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> jars.add(p.toString()));
        }
        return String.join(":", jars);
    }
}
