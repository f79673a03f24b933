package dev.appserver.orchestrator.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./appserver start} as a process of its own, the way an operator runs it: waits for its
 * {@code appserver ready} line and reads the admin API's and Kafka's addresses from it. Its
 * standard error is kept for failure messages.
 */
final class ServerProcess implements AutoCloseable {
    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern READY = Pattern.compile("appserver ready: admin API (\\S+), kafka (\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final Process process;
    /** What the server prints once its shutdown hook has stopped everything. */
    static final String STOPPED = "appserver: stopped";

    private final StringBuffer stderr;
    private final Thread drainer;
    final String adminUri;
    final String kafka;

    private ServerProcess(Process process, StringBuffer stderr, Thread drainer, String adminUri, String kafka) {
        this.process = process;
        this.stderr = stderr;
        this.drainer = drainer;
        this.adminUri = adminUri;
        this.kafka = kafka;
    }

    /** Runs {@code ./appserver start} with {@code arguments} from the repository root and waits until it is ready. */
    static ServerProcess start(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(REPOSITORY.resolve("appserver").toString(), "start"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).directory(REPOSITORY.toFile()).start();
        StringBuffer errors = new StringBuffer();
        Thread drainer = Thread.ofPlatform().daemon().start(() -> drain(process, errors));
        CompletableFuture<Matcher> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher matcher = READY.matcher(line);
                    if (matcher.find()) {
                        ready.complete(matcher);
                    }
                }
            } catch (IOException e) {
                // The process ended.
            }
            ready.completeExceptionally(new IllegalStateException("the server ended before it was ready"));
        });
        try {
            Matcher matcher = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new ServerProcess(process, errors, drainer, matcher.group(1), matcher.group(2));
        } catch (Exception e) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("appserver start did not get ready: " + e + "\n--- stderr\n" + errors, e);
        }
    }

    private static void drain(Process process, StringBuffer into) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                into.append(line).append('\n');
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    long pid() {
        return process.pid();
    }

    /**
     * SIGTERM, as Ctrl-C or a process manager would, and asserts that the server stopped cleanly
     * within {@code timeout}: it said so and exited with 0.
     */
    void stopCleanly(Duration timeout) throws InterruptedException {
        // Through the handle: Process.destroy() would also close our ends of its pipes, and so
        // lose what it prints while it stops.
        process.toHandle().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the server did not stop within " + timeout + "\n--- stderr\n" + stderr);
        }
        drainer.join(Duration.ofSeconds(10));
        if (process.exitValue() != 0 || !stderr.toString().contains(STOPPED)) {
            throw new AssertionError("the server did not stop cleanly (exit " + process.exitValue() + ")\n--- stderr\n" + stderr);
        }
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }
}
