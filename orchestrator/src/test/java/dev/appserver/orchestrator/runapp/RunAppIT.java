package dev.appserver.orchestrator.runapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appserver.orchestrator.limits.CgroupLimits;
import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.orchestrator.limits.TestCgroups;
import dev.appserver.orchestrator.pool.WorkerDistribution;
import dev.appserver.orchestrator.pool.WorkerLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run-app end to end with real sandbox worker processes, on the fixture apps in
 * src/test/resources/apps (hostile ones named for what they do).
 */
class RunAppIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private static Path app(String name) {
        try {
            return Path.of(RunAppIT.class.getResource("/apps/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String event(int n, String name) {
        return "{\"uuid\":\"u" + n + "\",\"distinct_id\":\"d" + n + "\",\"event\":\"" + name + "\",\"properties\":{\"n\":" + n + "}}";
    }

    private int run(List<Path> apps, List<String> events, WorkerLimits limits, List<String> runTasks, Duration timeout) {
        RunAppOptions options = new RunAppOptions(apps, null, null, List.of(), 2, timeout, tmp.resolve("logs.jsonl"),
                tmp.resolve("captured.jsonl"), List.of(), runTasks, null, List.of());
        byte[] input = (String.join("\n", events) + "\n").getBytes(StandardCharsets.UTF_8);
        try (Cgroups cgroups = TestCgroups.detected()) {
            RunApp runApp = new RunApp(WorkerDistribution.locate(), limits, cgroups, tmp.resolve("transpiled"), Clock.systemUTC());
            return runApp.run(options, new ByteArrayInputStream(input), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                    new PrintStream(stderr, true, StandardCharsets.UTF_8));
        }
    }

    private int run(List<Path> apps, List<String> events) {
        return run(apps, events, WorkerLimits.DEFAULT, List.of(), Duration.ofSeconds(30));
    }

    private List<JsonNode> output() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : stdout.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    private List<JsonNode> jsonLines(String file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(tmp.resolve(file))) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void chainsAppsAndRecordsFailuresPerApp() throws Exception {
        int exit = run(List.of(app("greeter"), app("always-throws")), List.of(event(1, "a"), event(2, "b")));
        assertThat(exit).as(stderr.toString()).isZero();
        List<JsonNode> out = output();
        assertThat(out).hasSize(2);
        JsonNode first = out.get(0).get("properties");
        assertThat(first.get("greeting").asText()).isEqualTo("hello");
        assertThat(first.has("touched")).isFalse();
        assertThat(first.get("$plugins_succeeded").toString()).isEqualTo("[\"Greeter (1)\"]");
        assertThat(first.get("$plugins_failed").toString()).isEqualTo("[\"Always Throws (2)\"]");
        assertThat(out.get(0).get("team_id").asLong()).isEqualTo(2);
        assertThat(jsonLines("logs.jsonl")).anySatisfy(log -> {
            assertThat(log.get("type").asText()).isEqualTo("ERROR");
            assertThat(log.get("source").asText()).isEqualTo("PLUGIN");
            assertThat(log.get("message").asText()).isEqualTo("Error: always-throws: b");
            assertThat(log.get("config_id").asLong()).isEqualTo(2);
        });
    }

    @Test
    void timesOutARunawayLoopAndKeepsServing() throws Exception {
        int exit = run(List.of(app("sync-infinite-loop")), List.of(event(1, "loop"), event(2, "next")),
                WorkerLimits.DEFAULT, List.of(), Duration.ofSeconds(2));
        assertThat(exit).as(stderr.toString()).isZero();
        List<JsonNode> out = output();
        assertThat(out.get(0).at("/properties/$plugins_failed/0").asText()).isEqualTo("Sync Infinite Loop (1)");
        assertThat(out.get(1).at("/properties/after_loop").asBoolean()).isTrue();
        assertThat(jsonLines("logs.jsonl")).extracting(l -> l.get("message").asText())
                .contains("Script execution timed out after 2 seconds");
    }

    @Test
    void theWorkerRunsInACgroupWithTheGivenLimits() throws Exception {
        // Skips where the host has no cgroups; run() detects them again, as run-app does.
        TestCgroups.required().close();
        WorkerLimits limits = new WorkerLimits(256, WorkerLimits.DEFAULT.stackKilobytes(), false,
                new CgroupLimits(800L << 20, 1, 200));
        // A loop that runs into its 3 s timeout keeps the worker busy while the test looks at it.
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run(List.of(app("sync-infinite-loop")),
                List.of(event(1, "loop")), limits, List.of(), Duration.ofSeconds(3)));
        ProcessHandle worker = await().atMost(Duration.ofMinutes(1)).until(() -> ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains("dev.appserver.worker.WorkerMain")).orElse(false))
                // The JVM itself, not the shell that joins the group and then becomes it: before its
                // exec that shell carries the same arguments but is not in the group yet.
                .filter(p -> p.info().command().orElse("").endsWith("java"))
                .findFirst(), Optional::isPresent).orElseThrow();

        Map<String, Path> groups = TestCgroups.directoriesOf(worker.pid());
        Path memory = groups.containsKey("memory") ? groups.get("memory") : groups.get("");
        assertThat(memory.toString()).contains("/appserver/");
        String limitFile = groups.containsKey("memory") ? "memory.limit_in_bytes" : "memory.max";
        assertThat(Files.readString(memory.resolve(limitFile)).strip()).isEqualTo(Long.toString(800L << 20));

        assertThat(exit.get(2, TimeUnit.MINUTES)).as(stderr.toString()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(memory));
    }

    @Test
    void replacesAWorkerKilledByAMemoryBombAndBlamesTheApp() throws Exception {
        WorkerLimits small = new WorkerLimits(128, WorkerLimits.DEFAULT.stackKilobytes(), false);
        int exit = run(List.of(app("greeter"), app("memory-bomb")), List.of(event(1, "before"), event(2, "bomb"), event(3, "after")),
                small, List.of(), Duration.ofSeconds(30));
        assertThat(exit).as(stderr.toString()).isZero();
        List<JsonNode> out = output();
        assertThat(out).hasSize(3);
        assertThat(out.get(0).at("/properties/survived").asBoolean()).isTrue();
        JsonNode bombed = out.get(1).get("properties");
        assertThat(bombed.get("greeting").asText()).isEqualTo("hello");
        assertThat(bombed.get("$plugins_failed").toString()).isEqualTo("[\"Memory Bomb (2)\"]");
        assertThat(out.get(2).at("/properties/survived").asBoolean()).isTrue();
    }

    @Test
    void runsTasksJobsAndCaptures() throws Exception {
        int exit = run(List.of(app("tasks-and-jobs")), List.of(event(1, "signup")), WorkerLimits.DEFAULT,
                List.of("runEveryMinute"), Duration.ofSeconds(30));
        assertThat(exit).as(stderr.toString()).isZero();
        assertThat(jsonLines("logs.jsonl")).extracting(l -> l.get("message").asText())
                .containsSubsequence("task ran; last=none", "job from-task");
        List<JsonNode> captured = jsonLines("captured.jsonl");
        assertThat(captured).hasSize(1);
        assertThat(captured.get(0).get("event").asText()).isEqualTo("seen signup");
        assertThat(captured.get(0).get("distinct_id").asText()).isEqualTo("d1");
        assertThat(captured.get(0).get("team_id").asLong()).isEqualTo(2);
        assertThat(captured.get(0).at("/properties/extra").asInt()).isEqualTo(1);
    }

    @Test
    void retriesExportsThatAskForItThenDelivers() throws Exception {
        int exit = run(List.of(app("flaky-exporter")), List.of(event(1, "a"), event(2, "b")));
        assertThat(exit).as(stderr.toString()).isZero();
        assertThat(jsonLines("logs.jsonl")).extracting(l -> l.get("type").asText() + " " + l.get("message").asText())
                .containsSubsequence(
                        "WARN exportEvents: RetryError: destination busy (attempt 1) (retry 1 of 3 queued)",
                        "WARN exportEvents: RetryError: destination busy (attempt 2) (retry 2 of 3 queued)",
                        "LOG exported a,b");
    }

    @Test
    void refusesUnusableAppsWithExitTwoAndOneLine() {
        for (String bad : List.of("bad-plugin-json", "bad-import", "setup-fails")) {
            stderr.reset();
            int exit = run(List.of(app(bad)), List.of(event(1, "a")));
            assertThat(exit).as(bad + ": " + stderr).isEqualTo(2);
            assertThat(stderr.toString().strip().lines()).as(bad).hasSize(1);
        }
        assertThat(stderr.toString()).contains("missing API key");
    }
}
