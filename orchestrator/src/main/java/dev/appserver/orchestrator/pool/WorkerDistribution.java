package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the sandbox worker's files are and how to start a worker JVM from them:
 * {@code runtime/}, the worker's own Java runtime (linked by the build from the JDK that built it,
 * with JVMCI); {@code compiler/}, the Graal compiler, on the worker's module path; {@code lib/},
 * its class path; {@code worker.aot}, the AOT cache of the build's training run, which the worker
 * maps at start-up (decision 0021); {@code seccomp/}, its profile.
 *
 * <p>Found from the system property {@code appserver.worker.dist} or the environment variable
 * {@code APPSERVER_WORKER_DIST}; the launcher script sets it to
 * {@code sandbox-worker/target/worker-dist}.
 *
 * <p>{@code APPSERVER_WORKER_JAVA_OPTIONS} (whitespace-separated) adds JVM options to every worker,
 * after the ones it always gets: for profiling ({@code -XX:StartFlightRecording=...}) or GraalJS
 * diagnostics ({@code -Dpolyglot.engine.TraceCompilation=true}). It is the operator's, never an
 * app's; the worker's own environment never carries it. An option that changes how classes are
 * laid out (e.g. {@code -XX:+UseCompactObjectHeaders}) makes the JVM start without the AOT cache,
 * which it says on standard error.
 *
 * @param jvmOptions extra JVM options for every worker
 */
public record WorkerDistribution(Path directory, Path javaBinary, List<String> jvmOptions) {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerDistribution.class);

    public WorkerDistribution {
        requireNonNull(directory, "directory is null");
        requireNonNull(javaBinary, "javaBinary is null");
        jvmOptions = List.copyOf(jvmOptions);
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
        Path java = dir.resolve("runtime").resolve("bin").resolve("java");
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException("the worker distribution in " + dir + " has no runtime/bin/java "
                    + "(mvn package links it with jlink); rebuild it");
        }
        if (!Files.isRegularFile(dir.resolve("worker.aot"))) {
            LOG.warn("the worker distribution in {} has no AOT cache (worker.aot, made by mvn package): "
                    + "workers start about twice as slowly", dir);
        }
        String options = System.getenv("APPSERVER_WORKER_JAVA_OPTIONS");
        List<String> jvmOptions = options == null || options.isBlank() ? List.of() : List.of(options.strip().split("\\s+"));
        return new WorkerDistribution(dir, java, jvmOptions);
    }

    /** The command line of one worker process. */
    List<String> command(Path socket, WorkerLimits limits) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary.toString());
        // These options decide which classes the JVM loads: they are the AOT training run's too
        // (worker.jvm.flags in sandbox-worker/pom.xml), or the cache would not map.
        command.add("-XX:+UnlockExperimentalVMOptions");
        command.add("-XX:+EnableJVMCI");
        command.add("--module-path=" + directory.resolve("compiler"));
        command.add("--add-modules=jdk.graal.compiler");
        command.add("-XX:+UseSerialGC");
        command.add("--sun-misc-unsafe-memory-access=allow");
        command.add("--enable-native-access=ALL-UNNAMED");
        Path aotCache = directory.resolve("worker.aot");
        if (Files.isRegularFile(aotCache)) {
            command.add("-XX:AOTCache=" + aotCache);
        }
        // Standard output carries the READY line; the JVM's own warnings go to standard error.
        command.add("-Xlog:disable");
        command.add("-Xlog:all=warning:stderr");
        command.add("-Xmx" + limits.heapMegabytes() + "m");
        command.add("-Xss" + limits.stackKilobytes() + "k");
        // A worker that runs out of heap is replaced; never limp on after an OutOfMemoryError.
        command.add("-XX:+ExitOnOutOfMemoryError");
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
}
