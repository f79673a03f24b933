package dev.appserver.orchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's first session, exactly as the README's walkthrough block says: the block's lines
 * are read from README.md and run in order. Only isolation is added: the server gets free ports
 * and a temporary data directory, and the later commands find it through {@code APPSERVER_SERVER}
 * and {@code APPSERVER_KAFKA}.
 */
class ReadmeWalkthroughIT {
    private static final String MARKER = "<!-- walkthrough:";

    @TempDir
    Path data;

    @Test
    void theReadmeWalkthroughWorks() throws Exception {
        List<String> lines = walkthrough();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("./appserver start");

        List<String> isolation = List.of("--data-dir", data.toString(), "--kafka-port", "0", "--postgres-port", "0",
                "--redis-port", "0", "--http-port", "0");
        try (ServerProcess server = ServerProcess.start(isolation)) {
            Map<String, String> environment = Map.of("APPSERVER_SERVER", server.adminUri, "APPSERVER_KAFKA", server.kafka);
            String output = "";
            for (String line : lines.subList(1, lines.size())) {
                output = run(line, environment);
            }
            List<String> events = output.lines().toList();
            assertThat(events).hasSize(3);
            for (String event : events) {
                JsonNode json = ServerFixture.JSON.readTree(event);
                assertThat(json.get("team_id").asLong()).isEqualTo(2);
                assertThat(json.get("properties").get("greeting").asText()).isEqualTo("hola");
                assertThat(json.get("properties").get("$plugins_succeeded").get(0).asText()).isEqualTo("Hello World (1)");
            }
            server.stopCleanly(Duration.ofMinutes(1));
        }
    }

    /** The lines of the fenced block after the walkthrough marker in README.md. */
    private static List<String> walkthrough() throws IOException {
        List<String> readme = Files.readAllLines(ServerProcess.REPOSITORY.resolve("README.md"), StandardCharsets.UTF_8);
        int marker = 0;
        while (!readme.get(marker).startsWith(MARKER)) {
            marker++;
        }
        List<String> block = new ArrayList<>();
        for (int i = marker + 2; !readme.get(i).startsWith("```"); i++) {
            block.add(readme.get(i).strip());
        }
        return block;
    }

    private static String run(String line, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Arrays.asList(line.split(" "))).directory(ServerProcess.REPOSITORY.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] stdout = process.getInputStream().readAllBytes();
        byte[] stderr = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(line).isTrue();
        assertThat(process.exitValue()).as(line + "\n" + new String(stderr, StandardCharsets.UTF_8)).isZero();
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
