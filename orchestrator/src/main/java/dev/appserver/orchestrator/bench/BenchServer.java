package dev.appserver.orchestrator.bench;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single-node server of the bench's own: {@code ./appserver start} in a process of its own, as an
 * operator runs it, with its data in a scratch directory and every port picked free, so that it
 * never meets a server the operator runs. Everything it prints goes to a log file, whose tail a
 * failure quotes. {@link #readyMillis()} is the time from spawning it to its {@code appserver ready}
 * line: the server's start-up.
 *
 * <p>Not thread-safe: one thread starts, uses and stops it.
 */
public final class BenchServer implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("appserver ready: admin API (\\S+), kafka (\\S+)");
    private static final int TAIL_LINES = 30;

    private final Process process;
    private final Path log;
    private final String adminUri;
    private final String kafka;
    private final long readyMillis;
    private final List<TimedLine> startLines;

    /** A line the server printed, and when it arrived: {@code millis} after the server was spawned. */
    public record TimedLine(long millis, String line) {}

    private BenchServer(Process process, Path log, String adminUri, String kafka, long readyMillis, List<TimedLine> startLines) {
        this.process = process;
        this.log = log;
        this.adminUri = adminUri;
        this.kafka = kafka;
        this.readyMillis = readyMillis;
        this.startLines = List.copyOf(startLines);
    }

    /**
     * Starts {@code launcher start} with its data in {@code dataDirectory}, free ports and
     * {@code arguments}, and waits until it is ready.
     *
     * @throws BenchFailedException when it ended or did not get ready within {@code timeout}
     */
    public static BenchServer start(Path launcher, Path dataDirectory, Path log, List<String> arguments, Duration timeout)
            throws BenchFailedException, InterruptedException, IOException {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "start", "--data-dir", dataDirectory.toString(),
                "--http-port", "0", "--kafka-port", "0", "--postgres-port", "0", "--redis-port", "0"));
        command.addAll(arguments);
        Files.createDirectories(log.getParent());
        long spawned = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).directory(launcher.getParent().toFile()).redirectErrorStream(true);
        // The bench runs from a built tree: an edit made meanwhile must not rebuild the jar it runs from.
        builder.environment().put("APPSERVER_SKIP_BUILD", "1");
        Process process = builder.start();
        CompletableFuture<Matcher> ready = new CompletableFuture<>();
        List<TimedLine> startLines = new ArrayList<>();
        BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        Thread.ofPlatform().name("appserver-bench-server-output").daemon()
                .start(() -> copy(process, out, spawned, startLines, ready));
        try {
            Matcher matcher = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - spawned);
            // The copying thread added the lines before it completed ready, and adds none after.
            return new BenchServer(process, log, matcher.group(1), matcher.group(2), readyMillis, startLines);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly().waitFor();
            throw new BenchFailedException("the bench's server did not get ready within " + timeout.toSeconds() + " s"
                    + " (exit " + (process.isAlive() ? "-" : process.exitValue()) + "); the end of " + log + ":\n"
                    + tail(log));
        }
    }

    /**
     * Copies the server's output into the log, line by line, and completes {@code ready} on its
     * ready line; until then it also adds each line to {@code startLines} with when it arrived.
     */
    private static void copy(Process process, BufferedWriter log, long spawned, List<TimedLine> startLines,
            CompletableFuture<Matcher> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                log) {
            String line;
            while ((line = in.readLine()) != null) {
                long arrived = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - spawned);
                log.write(line);
                log.newLine();
                log.flush();
                if (!ready.isDone()) {
                    startLines.add(new TimedLine(arrived, line));
                }
                Matcher matcher = READY.matcher(line);
                if (matcher.find()) {
                    ready.complete(matcher);
                }
            }
        } catch (IOException e) {
            // The process ended, or the log cannot be written: either way there is no more to copy.
        }
        ready.completeExceptionally(new IllegalStateException("the server ended"));
    }

    /** The launcher beside this build: {@code appserver.home} as {@code ./appserver} sets it, or the working directory. */
    public static Path launcher() {
        return Path.of(System.getProperty("appserver.home", "."), "appserver").toAbsolutePath().normalize();
    }

    /** The server's JVM: the launcher {@code exec}s it, so it is the process that was spawned. */
    public long pid() {
        return process.pid();
    }

    public String adminUri() {
        return adminUri;
    }

    public String kafka() {
        return kafka;
    }

    public long readyMillis() {
        return readyMillis;
    }

    /** What the server printed up to its ready line, in order, each with when it arrived. */
    public List<TimedLine> startLines() {
        return startLines;
    }

    /** @return the last lines of the server's log, for a failure message */
    public String logTail() {
        return tail(log);
    }

    /** SIGTERM, as an operator stops it; SIGKILL when it has not stopped within {@code timeout}. */
    public void stop(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(60));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
