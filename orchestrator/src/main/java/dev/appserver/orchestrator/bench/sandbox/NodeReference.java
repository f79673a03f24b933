package dev.appserver.orchestrator.bench.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * node-ref ({@code ../shared/bench/node-ref}): the Node.js {@code run-app} that runs apps the way
 * PostHog's plugin server did, in one process, a {@code vm} context per app. It is the baseline
 * of the sandbox benchmark, run here as a whole process on a file of events.
 *
 * <p>Its two npm dependencies are installed once, into a copy when its own directory lacks them
 * (the shared directory may be read-only).
 */
public final class NodeReference {
    private static final long RUN_TIMEOUT_MINUTES = 10;
    private static final long IDLE_POLL_MILLIS = 200;
    /** Room for ten thousand contexts: node's default old space would not hold them. */
    private static final int IDLE_MAX_HEAP_MB = 16_384;
    private static final Pattern IDLE_REPORT = Pattern.compile("appserver-bench-idle heapUsed=(\\d+) rss=(\\d+)");
    /** Preloaded into node-ref for {@link #idleMemory}; node-ref's own code stays as it is. */
    private static final String IDLE_PRELOAD = """
            'use strict'
            // Preloaded by appserver bench density: when node-ref reads its events file, its apps are
            // loaded. Open the file (a FIFO), collect all garbage, report the memory in use, then read it.
            const fs = require('fs')
            const readFileSync = fs.readFileSync
            fs.readFileSync = function (file, ...rest) {
              if (file !== process.env.APPSERVER_BENCH_EVENTS) {
                return readFileSync.call(this, file, ...rest)
              }
              const fd = fs.openSync(file, 'r')
              try {
                global.gc()
                const memory = process.memoryUsage()
                fs.writeSync(2, `appserver-bench-idle heapUsed=${memory.heapUsed} rss=${memory.rss}\\n`)
                return readFileSync.call(this, fd, ...rest)
              } finally {
                fs.closeSync(fd)
              }
            }
            """;

    private final Path directory;
    private final String node;
    private final String version;

    private NodeReference(Path directory, String node, String version) {
        this.directory = directory;
        this.node = node;
        this.version = version;
    }

    /**
     * node-ref in {@code directory}, its dependencies installed (into a copy under
     * {@code scratch} when they are missing there).
     *
     * @throws NodeReferenceException when node or npm is missing or the install fails
     */
    public static NodeReference prepare(Path directory, String node, Path scratch, Consumer<String> progress)
            throws NodeReferenceException, InterruptedException {
        if (!Files.isRegularFile(directory.resolve("appserver.js"))) {
            throw new NodeReferenceException("no node-ref in " + directory + " (no appserver.js)");
        }
        String version = output(List.of(node, "--version"), directory).strip();
        Path usable = directory;
        if (!Files.isDirectory(directory.resolve("node_modules").resolve("typescript"))) {
            usable = scratch.resolve("node-ref");
            copy(directory, usable);
            progress.accept("installing node-ref's npm dependencies into " + usable);
            output(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"), usable);
        }
        return new NodeReference(usable, node, version);
    }

    /** node-ref when it was asked for and could be prepared, else empty; {@code note} says why it is not there. */
    public record Availability(Optional<NodeReference> reference, String note) {}

    /**
     * {@link #prepare}s node-ref when {@code directory} is given; when it is not, or node-ref
     * cannot be prepared, the bench goes on without it and its report says why.
     */
    public static Availability prepareIfAsked(Optional<Path> directory, String node, Path scratch, Consumer<String> progress)
            throws InterruptedException {
        if (directory.isEmpty()) {
            return new Availability(Optional.empty(), "not asked for (--node-ref DIR)");
        }
        try {
            return new Availability(Optional.of(prepare(directory.get(), node, scratch, progress)), "");
        } catch (NodeReferenceException e) {
            progress.accept("node-ref left out: " + e.getMessage());
            return new Availability(Optional.empty(), e.getMessage());
        }
    }

    public String version() {
        return version;
    }

    /** node-ref's memory with its apps loaded and waiting, after a full collection. */
    public record IdleMemory(long heapUsedBytes, long rssBytes) {}

    /**
     * node-ref's memory once it has loaded {@code apps} (a {@code vm} context each) and waits for
     * its events: {@code node --expose-gc} with a preload that, when node-ref reads its events
     * file, opens it, runs a full collection and reports {@code process.memoryUsage()}. The events
     * file is a FIFO whose only writer is this method, so node-ref waits on it while the report is
     * read; closing the writer then gives it no events, and it ends.
     *
     * @throws NodeReferenceException when node-ref fails, ends early or does not report in time
     */
    public IdleMemory idleMemory(List<Path> apps, Path scratch) throws NodeReferenceException, InterruptedException {
        try {
            Path preload = scratch.resolve("appserver-bench-idle.js");
            Files.writeString(preload, IDLE_PRELOAD, StandardCharsets.UTF_8);
            Path fifo = scratch.resolve("idle-events-" + apps.size() + ".fifo");
            Files.deleteIfExists(fifo);
            int made = run(new ProcessBuilder("mkfifo", fifo.toString()), "mkfifo " + fifo);
            if (made != 0) {
                throw new NodeReferenceException("mkfifo " + fifo + " exited with " + made);
            }
            List<String> command = new ArrayList<>(List.of(node, "--expose-gc", "--max-old-space-size=" + IDLE_MAX_HEAP_MB,
                    "--require", preload.toString(), directory.resolve("appserver.js").toString(), "run-app"));
            apps.forEach(app -> command.add(app.toString()));
            command.addAll(List.of("--events", fifo.toString(), "--logs", "/dev/null", "--captured", "/dev/null"));
            Path err = scratch.resolve("node-idle-err.txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
            builder.environment().put("APPSERVER_BENCH_EVENTS", fifo.toString());
            Process process = null;
            try {
                IdleMemory memory;
                // Held open for reading and writing, which on Linux does not wait for the other end:
                // node-ref opens the FIFO at once, and its read ends when this, the only writer, closes.
                try (FileChannel writer = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    process = builder.start();
                    memory = awaitReport(process, err);
                }
                if (!process.waitFor(RUN_TIMEOUT_MINUTES, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    throw new NodeReferenceException("node-ref with " + apps.size() + " apps did not end well after its"
                            + " events: " + lastLine(err));
                }
                return memory;
            } finally {
                if (process != null) {
                    process.destroyForcibly();
                }
                Files.deleteIfExists(fifo);
            }
        } catch (IOException e) {
            throw new NodeReferenceException("could not run node-ref with " + apps.size() + " apps: " + e.getMessage());
        }
    }

    private static IdleMemory awaitReport(Process process, Path err)
            throws NodeReferenceException, InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(RUN_TIMEOUT_MINUTES);
        while (System.nanoTime() - deadline < 0) {
            for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
                Matcher matcher = IDLE_REPORT.matcher(line);
                if (matcher.matches()) {
                    return new IdleMemory(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
                }
            }
            if (!process.isAlive()) {
                throw new NodeReferenceException("node-ref ended (exit " + process.exitValue() + ") before it waited for"
                        + " its events: " + lastLine(err));
            }
            Thread.sleep(IDLE_POLL_MILLIS);
        }
        throw new NodeReferenceException("node-ref did not load its apps within " + RUN_TIMEOUT_MINUTES + " minutes");
    }

    /**
     * The wall time of one {@code node appserver.js run-app APPS --events FILE}, whole process.
     *
     * @param vmTimeout whether node-ref keeps its per-call {@code vm} timeout (off:
     *     {@code NODE_REF_NO_VM_TIMEOUT=1})
     * @throws NodeReferenceException when it fails or writes other than {@code expectedLines} lines
     */
    public double seconds(List<Path> apps, Path events, int expectedLines, boolean vmTimeout, Path scratch)
            throws NodeReferenceException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(node, directory.resolve("appserver.js").toString(), "run-app"));
        apps.forEach(app -> command.add(app.toString()));
        command.addAll(List.of("--events", events.toString(), "--logs", "/dev/null", "--captured", "/dev/null"));
        Path out = scratch.resolve("node-out.jsonl");
        Path err = scratch.resolve("node-err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        if (!vmTimeout) {
            builder.environment().put("NODE_REF_NO_VM_TIMEOUT", "1");
        }
        long started = System.nanoTime();
        int exit = run(builder, String.join(" ", command));
        double seconds = (System.nanoTime() - started) / 1e9;
        try {
            if (exit != 0) {
                throw new NodeReferenceException("node-ref exited with " + exit + ": " + lastLine(err));
            }
            long lines;
            try (Stream<String> s = Files.lines(out, StandardCharsets.UTF_8)) {
                lines = s.count();
            }
            if (lines != expectedLines) {
                throw new NodeReferenceException("node-ref wrote " + lines + " lines for " + expectedLines + " events");
            }
        } catch (IOException e) {
            throw new NodeReferenceException("could not read node-ref's output: " + e.getMessage());
        }
        return seconds;
    }

    private static String output(List<String> command, Path directory) throws NodeReferenceException, InterruptedException {
        try {
            Path log = Files.createTempFile("appserver-bench-", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                int exit = run(builder, String.join(" ", command));
                if (exit != 0) {
                    throw new NodeReferenceException(String.join(" ", command) + " exited with " + exit + ": " + lastLine(log));
                }
                return Files.readString(log);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new NodeReferenceException(String.join(" ", command) + ": " + e.getMessage());
        }
    }

    private static int run(ProcessBuilder builder, String what) throws NodeReferenceException, InterruptedException {
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new NodeReferenceException("could not run " + what + ": " + e.getMessage());
        }
        if (!process.waitFor(RUN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new NodeReferenceException(what + " did not finish within " + RUN_TIMEOUT_MINUTES + " minutes");
        }
        return process.exitValue();
    }

    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "(no output)" : lines.getLast().strip();
    }

    private static void copy(Path from, Path to) throws NodeReferenceException {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new NodeReferenceException("could not copy node-ref to " + to + ": " + e.getMessage());
        }
    }

    /** node-ref could not be prepared or run; the message is one line. */
    public static final class NodeReferenceException extends Exception {
        NodeReferenceException(String message) {
            super(message, null, false, false);
        }
    }
}
