package dev.appserver.orchestrator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appserver.orchestrator.store.AppConfig;
import dev.appserver.orchestrator.store.AppLogEntry;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfigsApiTest {
    private final AdminFixture admin = new AdminFixture();
    private HttpJson http;

    @BeforeEach
    void installGreeter() {
        http = admin.http;
        assertThat(http.postBytes("/api/apps", TestApps.greeter()).status()).isEqualTo(201);
        assertThat(http.postBytes("/api/apps", TestApps.minimal("Plain")).status()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    @Test
    void createsAConfigAndServesItWithDefaultsAndSecretsMasked() {
        HttpJson.Response created = http.post("/api/teams/2/configs",
                "{\"app_id\": 1, \"config\": {\"team\": \"core\", \"apiKey\": \"s3cr3t\"}}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Location")).contains("/api/configs/1");
        JsonNode config = created.json();
        assertThat(config.path("team_id").asLong()).isEqualTo(2);
        assertThat(config.path("enabled").asBoolean()).isTrue();
        assertThat(config.path("order").asInt()).isEqualTo(1);
        assertThat(config.path("status").asText()).isEqualTo("enabled");
        assertThat(config.path("config").toString())
                .isEqualTo("{\"greeting\":\"hello\",\"mode\":\"quiet\",\"team\":\"core\",\"apiKey\":\"**************\"}");
        AppConfig stored = admin.configs.get(1).orElseThrow();
        assertThat(stored.config().toString()).isEqualTo("{\"team\":\"core\",\"apiKey\":\"s3cr3t\"}");
        assertThat(admin.changes).containsExactly(new ConfigChange(ConfigChange.Kind.CREATED, stored));

        HttpJson.Response second = http.post("/api/teams/2/configs", "{\"app_id\": 2, \"enabled\": false}");
        assertThat(second.json().path("order").asInt()).isEqualTo(2);
        assertThat(second.json().path("status").asText()).isEqualTo("disabled");
        assertThat(http.get("/api/teams/2/configs").json().path("configs").findValuesAsText("app_id"))
                .containsExactly("1", "2");
    }

    @Test
    void refusesConfigsThatDoNotFitTheSchema() {
        assertCreateRefused(400, "{\"app_id\": 1}", "config 'team' is required");
        assertCreateRefused(400, "{\"app_id\": 1, \"config\": {\"team\": \"a\", \"mode\": \"shout\"}}",
                "config 'mode' must be one of [loud, quiet], not 'shout'");
        assertCreateRefused(400, "{\"app_id\": 1, \"config\": {\"team\": \"a\", \"colour\": \"red\"}}",
                "unknown config key 'colour' (config keys: greeting, mode, apiKey, team)");
        assertCreateRefused(400, "{\"app_id\": 1, \"config\": {\"team\": {\"nested\": 1}}}",
                "config 'team' must be a string, number or boolean");
        assertCreateRefused(400, "{\"app_id\": 1, \"config\": {\"team\": \"a\"}, \"attachments\": {\"logo\": "
                + "{\"file_name\": \"logo.png\", \"contents\": \"%%%\"}}}", "'attachments.logo.contents' must be base64");
        assertCreateRefused(400, "{\"config\": {}}", "'app_id' is required");
        assertCreateRefused(400, "{\"app_id\": 2, \"priority\": 1}", "unknown field 'priority'");
        assertCreateRefused(400, "{\"app_id\": 2, \"order\": \"first\"}", "'order' must be an integer");
        assertCreateRefused(400, "[1]", "the request body must be a JSON object");
        assertCreateRefused(404, "{\"app_id\": 9}", "no app with id 9");
        HttpJson.Response badTeam = http.post("/api/teams/core/configs", "{\"app_id\": 2}");
        assertThat(badTeam.status()).isEqualTo(400);
        assertThat(badTeam.error()).isEqualTo("team id must be a positive integer, not 'core'");

        assertThat(admin.configs.listByTeam(2)).isEmpty();
        assertThat(admin.changes).isEmpty();
    }

    @Test
    void aTeamConfiguresAnAppOnce() {
        http.post("/api/teams/2/configs", "{\"app_id\": 2}");

        assertCreateRefused(409, "{\"app_id\": 2}", "team 2 already has app 2 as app config 1");
    }

    @Test
    void acceptsAttachments() {
        HttpJson.Response created = http.post("/api/teams/2/configs", "{\"app_id\": 1, \"config\": {\"team\": \"a\"}, "
                + "\"attachments\": {\"logo\": {\"file_name\": \"logo.png\", \"content_type\": \"image/png\", \"contents\": \"AAEC\"}}}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("attachments").toString())
                .isEqualTo("{\"logo\":{\"file_name\":\"logo.png\",\"content_type\":\"image/png\",\"size\":3}}");
        assertThat(admin.configs.get(1).orElseThrow().attachments().get("logo").contents()).containsExactly(0, 1, 2);
    }

    @Test
    void showsStatusAndLastError() {
        http.post("/api/teams/2/configs", "{\"app_id\": 2}");
        admin.configs.recordError(1, Optional.of("TypeError: event.properties is undefined"));

        JsonNode config = http.get("/api/configs/1").json();

        assertThat(config.path("status").asText()).isEqualTo("failing");
        assertThat(config.path("last_error").asText()).isEqualTo("TypeError: event.properties is undefined");
        assertThat(http.get("/api/configs/5").status()).isEqualTo(404);
        assertThat(http.get("/api/configs/5").error()).isEqualTo("no app config with id 5");
        assertThat(http.get("/api/configs/x").status()).isEqualTo(400);
    }

    @Test
    void patchChangesOnlyWhatItNamesAndMergesConfig() {
        http.post("/api/teams/2/configs", "{\"app_id\": 1, \"order\": 4, \"config\": {\"team\": \"a\", \"mode\": \"loud\", \"apiKey\": \"k\"}}");

        HttpJson.Response patched = http.patch("/api/configs/1",
                "{\"enabled\": false, \"config\": {\"mode\": null, \"greeting\": \"hi\", \"apiKey\": \"**************\"}}");

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("status").asText()).isEqualTo("disabled");
        assertThat(patched.json().path("order").asInt()).isEqualTo(4);
        assertThat(admin.configs.get(1).orElseThrow().config().toString())
                .isEqualTo("{\"team\":\"a\",\"apiKey\":\"k\",\"greeting\":\"hi\"}");
        assertThat(admin.changes).extracting(ConfigChange::kind)
                .containsExactly(ConfigChange.Kind.CREATED, ConfigChange.Kind.UPDATED);
        assertThat(admin.changes.get(1).config().enabled()).isFalse();
    }

    @Test
    void refusesBadPatches() {
        http.post("/api/teams/2/configs", "{\"app_id\": 1, \"config\": {\"team\": \"a\"}}");

        assertPatchRefused(400, "/api/configs/1", "{\"config\": {\"team\": null}}", "config 'team' is required");
        assertPatchRefused(400, "/api/configs/1", "{\"app_id\": 2}", "an app config's app and team cannot change");
        assertPatchRefused(400, "/api/configs/1", "{}", "nothing to change");
        assertPatchRefused(400, "/api/configs/1", "{\"enabled\": \"yes\"}", "'enabled' must be true or false");
        assertPatchRefused(404, "/api/configs/3", "{\"enabled\": true}", "no app config with id 3");
        assertThat(admin.changes).hasSize(1);
    }

    @Test
    void deletes() {
        http.post("/api/teams/2/configs", "{\"app_id\": 2}");

        assertThat(http.delete("/api/configs/1").status()).isEqualTo(204);
        assertThat(http.delete("/api/configs/1").status()).isEqualTo(404);
        assertThat(admin.configs.get(1)).isEmpty();
        assertThat(admin.changes).extracting(ConfigChange::kind)
                .containsExactly(ConfigChange.Kind.CREATED, ConfigChange.Kind.DELETED);
    }

    @Test
    void readsLogs() {
        http.post("/api/teams/2/configs", "{\"app_id\": 2}");
        assertThat(http.get("/api/configs/1/logs").json().path("logs").size()).isZero();
        for (String message : new String[] {"first", "second", "third"}) {
            admin.logs.append(new AppLogEntry(1, Instant.parse("2026-01-01T00:00:00Z"), "LOG", "CONSOLE", message));
        }

        HttpJson.Response logs = http.get("/api/configs/1/logs?limit=2");

        assertThat(logs.json().path("logs").findValuesAsText("message")).containsExactly("second", "third");
        assertThat(logs.json().path("logs").get(0).path("timestamp").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(http.get("/api/configs/1/logs?limit=0").status()).isEqualTo(400);
        assertThat(http.get("/api/configs/4/logs").status()).isEqualTo(404);
    }

    @Test
    void runsJobs() {
        http.post("/api/teams/2/configs", "{\"app_id\": 2}");

        HttpJson.Response accepted = http.post("/api/configs/1/jobs/sync", "{\"full\": true}");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().path("status").asText()).isEqualTo("queued");
        assertThat(admin.jobsRun).containsExactly("1:sync:{\"full\":true}");
        assertThat(http.post("/api/configs/9/jobs/sync", "").status()).isEqualTo(404);
        assertThat(http.post("/api/configs/1/jobs/not-a-name", "").status()).isEqualTo(400);
        http.patch("/api/configs/1", "{\"enabled\": false}");
        HttpJson.Response disabled = http.post("/api/configs/1/jobs/sync", "");
        assertThat(disabled.status()).isEqualTo(409);
        assertThat(disabled.error()).isEqualTo("app config 1 is disabled: enable it to run its jobs");
    }

    private void assertCreateRefused(int status, String body, String errorPrefix) {
        HttpJson.Response response = http.post("/api/teams/2/configs", body);
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.error()).startsWith(errorPrefix);
    }

    private void assertPatchRefused(int status, String path, String body, String errorPrefix) {
        HttpJson.Response response = http.patch(path, body);
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.error()).startsWith(errorPrefix);
    }
}
