package dev.appserver.orchestrator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appserver.orchestrator.store.AppLogEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfigActionsApiTest {
    private final AdminFixture admin = new AdminFixture();
    private HttpJson http;

    @BeforeEach
    void installAConfig() {
        http = admin.http;
        admin.installPlainConfig();
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    @Test
    void pagesLogsFromTheNewestBackWithNext() {
        for (int i = 1; i <= 5; i++) {
            append(i % 2 == 0 ? "ERROR" : "LOG", "CONSOLE", "entry " + i);
        }

        JsonNode newest = http.get("/api/configs/1/logs?limit=2").json();
        JsonNode middle = http.get("/api/configs/1/logs?limit=2&before=" + newest.path("next").asLong()).json();
        JsonNode oldest = http.get("/api/configs/1/logs?limit=2&before=" + middle.path("next").asLong()).json();

        assertThat(newest.path("logs").findValuesAsText("message")).containsExactly("entry 4", "entry 5");
        assertThat(newest.path("next").asLong()).isEqualTo(newest.path("logs").get(0).path("id").asLong());
        assertThat(middle.path("logs").findValuesAsText("message")).containsExactly("entry 2", "entry 3");
        assertThat(oldest.path("logs").findValuesAsText("message")).containsExactly("entry 1");
        assertThat(oldest.has("next")).isFalse();
    }

    @Test
    void filtersLogsByTypeAndSource() {
        append("ERROR", "PLUGIN", "threw");
        append("WARN", "SYSTEM", "slow");
        append("LOG", "CONSOLE", "hello");
        append("ERROR", "SYSTEM", "crashed");

        assertThat(messages("/api/configs/1/logs?type=ERROR")).containsExactly("threw", "crashed");
        assertThat(messages("/api/configs/1/logs?type=error,warn&source=SYSTEM")).containsExactly("slow", "crashed");
        assertThat(messages("/api/configs/1/logs?type=WARN&type=LOG")).containsExactly("slow", "hello");
        assertThat(messages("/api/configs/1/logs?source=CONSOLE")).containsExactly("hello");
        JsonNode firstError = http.get("/api/configs/1/logs?type=ERROR&limit=1").json();
        assertThat(firstError.path("logs").findValuesAsText("message")).containsExactly("crashed");
        assertThat(messages("/api/configs/1/logs?type=ERROR&before=" + firstError.path("next").asLong()))
                .containsExactly("threw");
    }

    @Test
    void refusesBadLogParameters() {
        assertRefused("/api/configs/1/logs?type=FATAL", "'type' must be one or more of DEBUG,LOG,INFO,WARN,ERROR");
        assertRefused("/api/configs/1/logs?type=ERROR,", "'type' must be one or more of");
        assertRefused("/api/configs/1/logs?source=STDOUT", "'source' must be one or more of CONSOLE,PLUGIN,SYSTEM");
        assertRefused("/api/configs/1/logs?before=abc", "'before' must be a positive log entry id");
        assertRefused("/api/configs/1/logs?before=0", "'before' must be a positive log entry id");
        assertRefused("/api/configs/1/logs?limit=1001", "'limit' must be an integer from 1 to 1000");
        assertRefused("/api/configs/1/logs?limit=ten", "'limit' must be an integer from 1 to 1000");
        assertThat(http.get("/api/configs/9/logs?type=ERROR").status()).isEqualTo(404);
    }

    private void append(String type, String source, String message) {
        admin.logs.append(new AppLogEntry(1, Instant.parse("2026-01-01T00:00:00Z"), type, source, message));
    }

    private List<String> messages(String path) {
        HttpJson.Response response = http.get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("logs").findValuesAsText("message");
    }

    private void assertRefused(String path, String errorPrefix) {
        HttpJson.Response response = http.get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.error()).startsWith(errorPrefix);
    }
}
