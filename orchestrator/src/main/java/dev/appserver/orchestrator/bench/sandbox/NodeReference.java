package dev.appserver.orchestrator.bench.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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

    public String version() {
        return version;
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
