package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

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

/**
 * One sandbox worker JVM started by this process.
 *
 * <p>Lifecycle: {@link #start} spawns it and waits for its {@code READY} line (its socket is
 * bound); {@link #close} closes its standard input, which tells it to shut down, and kills it
 * if it has not exited soon after. The worker also exits on its own when this process dies,
 * because its standard input then reaches end-of-file.
 *
 * <p>Every line the worker writes on standard error goes to {@code stderrLines} (with the
 * worker's pid, for callers that run many workers).
 */
public final class WorkerProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Process process;
    private final Path socket;
    private final String jsRuntime;

    private WorkerProcess(Process process, Path socket, String jsRuntime) {
        this.process = process;
        this.socket = socket;
        this.jsRuntime = jsRuntime;
    }

    /**
     * Starts a worker whose socket is {@code socket} and waits until it is ready.
     *
     * @throws WorkerStartException when it exits or says nothing within a minute
     */
    public static WorkerProcess start(
            WorkerDistribution dist, WorkerLimits limits, Path socket, Consumer<String> stderrLines)
            throws WorkerStartException {
        requireNonNull(stderrLines, "stderrLines is null");
        return start(dist, limits, socket, (line, pid) -> stderrLines.accept(line));
    }

    /** Like {@link #start(WorkerDistribution, WorkerLimits, Path, Consumer)}, each line with the worker's pid. */
    public static WorkerProcess start(
            WorkerDistribution dist, WorkerLimits limits, Path socket, ObjLongConsumer<String> stderrLines)
            throws WorkerStartException {
        requireNonNull(stderrLines, "stderrLines is null");
        Process process;
        try {
            Files.createDirectories(socket.getParent());
            ProcessBuilder builder = new ProcessBuilder(dist.command(socket, limits));
            builder.environment().keySet().removeIf(k -> k.startsWith("APPSERVER_") || k.startsWith("JAVA_TOOL"));
            process = builder.start();
        } catch (IOException e) {
            throw new WorkerStartException("cannot start a worker process: " + e.getMessage());
        }
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
            String[] parts = facts.split(" ", 2);
            return new WorkerProcess(process, socket, parts.length > 1 ? parts[1] : "unknown");
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
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // Nothing to do: the directory is temporary.
        }
    }
}
