package dev.appserver.orchestrator.publicapps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code <repository root>/appserver run-app} as its own process, exactly as an app author
 * would, on events written to a file; the result holds standard output parsed line by line, the
 * exit status, standard error and the {@code --logs} entries.
 */
final class RunAppProcess {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Generous: the launcher builds the project first when its jar is missing or stale. */
    private static final long TIMEOUT_MINUTES = 15;

    record Result(int exitCode, List<JsonNode> events, String stdout, String stderr, List<JsonNode> logs) {
        /** The output line for the {@code index}-th input event (a JSON {@code null} where it was dropped). */
        JsonNode event(int index) {
            return events.get(index);
        }

        /** Asserts that the run completed (exit 0) with one output line per input event. */
        Result assertCompleted(int inputEvents) {
            assertThat(exitCode).as(describe()).isZero();
            assertThat(events).as(describe()).hasSize(inputEvents);
            return this;
        }

        /** What a failed assertion should print: everything the run said. */
        String describe() {
            return "run-app exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr + "--- logs\n" + logs;
        }
    }

    private RunAppProcess() {}

    /**
     * Runs {@code run-app} with {@code arguments} (the apps first, then options) and
     * {@code --events} holding {@code events}, one JSON object per line; files go to {@code workDirectory}.
     */
    static Result run(Path workDirectory, List<JsonNode> events, List<String> arguments)
            throws IOException, InterruptedException {
        Path eventsFile = workDirectory.resolve("events.jsonl");
        Path logsFile = workDirectory.resolve("logs.jsonl");
        Path stdoutFile = workDirectory.resolve("stdout.txt");
        Path stderrFile = workDirectory.resolve("stderr.txt");
        List<String> lines = new ArrayList<>();
        for (JsonNode event : events) {
            lines.add(JSON.writeValueAsString(event));
        }
        Files.write(eventsFile, lines, StandardCharsets.UTF_8);

        List<String> command = new ArrayList<>(List.of(launcher().toString(), "run-app"));
        command.addAll(arguments);
        command.addAll(List.of("--events", eventsFile.toString(), "--logs", logsFile.toString()));
        Process process = new ProcessBuilder(command)
                .directory(workDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdoutFile.toFile())
                .redirectError(stderrFile.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("run-app did not finish in " + TIMEOUT_MINUTES + " minutes: " + command
                    + "\n--- stderr\n" + Files.readString(stderrFile, StandardCharsets.UTF_8));
        }
        String stdout = Files.readString(stdoutFile, StandardCharsets.UTF_8);
        return new Result(process.exitValue(), jsonLines(stdout), stdout,
                Files.readString(stderrFile, StandardCharsets.UTF_8),
                Files.exists(logsFile) ? jsonLines(Files.readString(logsFile, StandardCharsets.UTF_8)) : List.of());
    }

    private static List<JsonNode> jsonLines(String text) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    private static Path launcher() {
        String home = System.getProperty("appserver.home");
        if (home == null) {
            throw new IllegalStateException("system property appserver.home (the repository root) is not set;"
                    + " run these tests through failsafe: mvn -pl orchestrator verify");
        }
        return Path.of(home, "appserver").toAbsolutePath().normalize();
    }
}
