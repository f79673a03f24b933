package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.limits.CgroupLimits;
import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.orchestrator.limits.WorkerCgroup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sandbox worker JVM started by this process.
 *
 * <p>Lifecycle: {@link #start} spawns it and waits for its {@code READY} line (its socket is
 * bound); {@link #close} closes its standard input, which tells it to shut down, and kills it
 * if it has not exited soon after. The worker also exits on its own when this process dies,
 * because its standard input then reaches end-of-file.
 *
 * <p>The worker runs in a control group of its own ({@link Cgroups#create}, named after its
 * socket), which it joins before its JVM starts, and which is removed once it has exited.
 *
 * <p>Every line the worker writes on standard error goes to {@code stderrLines} (with the
 * worker's pid, for callers that run many workers).
 */
public final class WorkerProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** A worker's CPU quota until its READY line, in cores, when its own is smaller. */
    static final double START_UP_CPUS = 2;
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Process process;
    private final Path socket;
    private final WorkerCgroup cgroup;
    private final String jsRuntime;

    private WorkerProcess(Process process, Path socket, WorkerCgroup cgroup, String jsRuntime) {
        this.process = process;
        this.socket = socket;
        this.cgroup = cgroup;
        this.jsRuntime = jsRuntime;
    }

    /**
     * Starts a worker whose socket is {@code socket} and waits until it is ready.
     *
     * @throws WorkerStartException when it exits or says nothing within a minute
     */
    public static WorkerProcess start(WorkerDistribution dist, WorkerLimits limits, Cgroups cgroups, Path socket,
            Consumer<String> stderrLines) throws WorkerStartException {
        requireNonNull(stderrLines, "stderrLines is null");
        return start(dist, limits, cgroups, socket, (line, pid) -> stderrLines.accept(line));
    }

    /** Like {@link #start(WorkerDistribution, WorkerLimits, Cgroups, Path, Consumer)}, each line with the worker's pid. */
    public static WorkerProcess start(WorkerDistribution dist, WorkerLimits limits, Cgroups cgroups, Path socket,
            ObjLongConsumer<String> stderrLines) throws WorkerStartException {
        requireNonNull(cgroups, "cgroups is null");
        requireNonNull(stderrLines, "stderrLines is null");
        WorkerCgroup cgroup;
        try {
            // Until READY the worker runs only its own start-up (no app is sent before), which is
            // CPU-bound and multi-threaded (the JIT compilers beside the main thread): it may use
            // two cores until then, and is held to its quota before it is handed any app.
            cgroup = cgroups.create(socket.getFileName().toString().replaceFirst("\\.sock$", ""), startUpLimits(limits.cgroup()));
        } catch (IOException e) {
            throw new WorkerStartException("cannot create the worker's cgroup: " + e.getMessage());
        }
        Process process;
        try {
            Files.createDirectories(socket.getParent());
            ProcessBuilder builder = new ProcessBuilder(cgroup.command(dist.command(socket, limits)));
            builder.environment().keySet().removeIf(k -> k.startsWith("APPSERVER_") || k.startsWith("JAVA_TOOL"));
            process = builder.start();
        } catch (IOException e) {
            remove(cgroup);
            throw new WorkerStartException("cannot start a worker process: " + e.getMessage());
        }
        // Whoever ends the worker (close, a kill, the kernel's OOM killer), its group goes with it;
        // async, so that a busy group's retries never hold up the JDK's process reaper thread.
        process.onExit().thenRunAsync(() -> remove(cgroup));
        CompletableFuture<String> ready = new CompletableFuture<>();
        StringBuilder stderrTail = new StringBuilder();
        Thread.ofPlatform().daemon().name("worker-" + process.pid() + "-stdout").start(() -> {
            try (BufferedReader out = reader(process.getInputStream())) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("READY ")) {
                        ready.complete(line.substring("READY ".length()));
                    }
                }
            } catch (IOException e) {
                // The worker is gone; the exit handler reports it.
            }
            ready.completeExceptionally(new IllegalStateException("worker exited before it was ready"));
        });
        Thread.ofPlatform().daemon().name("worker-" + process.pid() + "-stderr").start(() -> {
            try (BufferedReader err = reader(process.getErrorStream())) {
                String line;
                while ((line = err.readLine()) != null) {
                    synchronized (stderrTail) {
                        if (stderrTail.length() < 4000) {
                            stderrTail.append(line).append('\n');
                        }
                    }
                    stderrLines.accept(line, process.pid());
                }
            } catch (IOException e) {
                // The worker is gone.
            }
        });
        try {
            String facts = ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            try {
                cgroup.limitCpu(limits.cgroup());
            } catch (IOException e) {
                process.destroyForcibly();
                waitQuietly(process);
                throw new WorkerStartException("cannot hold the worker to its CPU quota: " + e.getMessage());
            }
            String[] parts = facts.split(" ", 2);
            return new WorkerProcess(process, socket, cgroup, parts.length > 1 ? parts[1] : "unknown");
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            waitQuietly(process);
            String tail;
            synchronized (stderrTail) {
                tail = stderrTail.toString().strip();
            }
            throw new WorkerStartException("the worker did not start"
                    + (process.isAlive() ? "" : " (exit " + process.exitValue() + ")")
                    + (tail.isEmpty() ? "" : ": " + tail.lines().reduce((a, b) -> b).orElse("")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new WorkerStartException("interrupted while starting a worker");
        }
    }

    /**
     * {@code limits} with a CPU quota of {@link #START_UP_CPUS} cores, or its own if that is larger.
     * Not every core: the JVM sizes its compiler threads from the quota it starts under and keeps
     * them, so a worker on a large host would keep far more threads than its quota can run.
     */
    static CgroupLimits startUpLimits(CgroupLimits limits) {
        return new CgroupLimits(limits.memoryBytes(), Math.max(limits.cpus(), START_UP_CPUS), limits.pids());
    }

    private static void remove(WorkerCgroup cgroup) {
        try {
            cgroup.remove();
        } catch (IOException e) {
            LOG.warn("a worker's cgroup was not removed: {}", e.getMessage());
        }
    }

    private static BufferedReader reader(java.io.InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static void waitQuietly(Process process) {
        try {
            process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long pid() {
        return process.pid();
    }

    public Path socket() {
        return socket;
    }

    /** The control group the worker runs in ({@link WorkerCgroup#NONE} when unconfined). */
    public WorkerCgroup cgroup() {
        return cgroup;
    }

    /** "GraalVM CE" when the worker runs GraalJS optimized. */
    public String jsRuntime() {
        return jsRuntime;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes when the process has exited, with its exit code. */
    public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already closed: the worker is stopping anyway.
        }
        waitQuietly(process);
        if (process.isAlive()) {
            process.destroyForcibly();
            waitQuietly(process);
        }
        if (!process.isAlive()) {
            // Also done on exit; here too so that the group is gone when close returns.
            remove(cgroup);
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // Nothing to do: the directory is temporary.
        }
    }
}
