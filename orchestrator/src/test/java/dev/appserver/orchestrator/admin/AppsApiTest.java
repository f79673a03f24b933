package dev.appserver.orchestrator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppsApiTest {
    @TempDir
    Path temp;

    private final AdminFixture admin = new AdminFixture();

    @AfterEach
    void stop() {
        admin.close();
    }

    @Test
    void installsAnUploadedArchiveOnce() {
        HttpJson.Response first = admin.http.postBytes("/api/apps?file_name=greeter.zip", TestApps.greeter());
        HttpJson.Response again = admin.http.postBytes("/api/apps", TestApps.greeter());

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.raw().headers().firstValue("Location")).contains("/api/apps/1");
        JsonNode app = first.json();
        assertThat(app.path("id").asLong()).isEqualTo(1);
        assertThat(app.path("name").asText()).isEqualTo("Greeter");
        assertThat(app.path("description").asText()).isEqualTo("Adds a greeting");
        assertThat(app.path("main_file").asText()).isEqualTo("index.js");
        assertThat(app.path("content_hash").asText()).hasSize(64);
        assertThat(app.path("capabilities").isNull()).isTrue();
        assertThat(app.path("plugin_json").path("config").size()).isEqualTo(6);
        assertThat(admin.apps.find(1).orElseThrow().code()).contains("exports.processEvent");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("id").asLong()).isEqualTo(1);
        assertThat(admin.apps.list()).hasSize(1);
    }

    @Test
    void marksAnAppVerifiedAndTellsTheListenerOfRealChangesOnly() {
        admin.http.postBytes("/api/apps", TestApps.minimal("One"));

        HttpJson.Response verified = admin.http.patch("/api/apps/1", "{\"verified\": true}");
        HttpJson.Response again = admin.http.patch("/api/apps/1", "{\"verified\": true}");

        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().path("verified").asBoolean()).isTrue();
        assertThat(admin.apps.verifiedIds()).containsExactly(1L);
        assertThat(again.status()).isEqualTo(200);
        assertThat(admin.http.get("/api/apps").json().path("apps").get(0).path("verified").asBoolean()).isTrue();

        HttpJson.Response unverified = admin.http.patch("/api/apps/1", "{\"verified\": false}");
        assertThat(unverified.json().path("verified").asBoolean()).isFalse();
        assertThat(admin.apps.verifiedIds()).isEmpty();
        assertThat(admin.trustChanges).containsExactly("1:true", "1:false");
    }

    @Test
    void verifyingRefusesBadRequests() {
        admin.http.postBytes("/api/apps", TestApps.minimal("One"));

        assertThat(admin.http.patch("/api/apps/9", "{\"verified\": true}").status()).isEqualTo(404);
        HttpJson.Response notBoolean = admin.http.patch("/api/apps/1", "{\"verified\": \"yes\"}");
        assertThat(notBoolean.status()).isEqualTo(400);
        assertThat(notBoolean.json().path("error").asText()).contains("'verified' must be true or false");
        assertThat(admin.http.patch("/api/apps/1", "{}").status()).isEqualTo(400);
        assertThat(admin.http.patch("/api/apps/1", "{\"verified\": true, \"name\": \"x\"}").status()).isEqualTo(400);
        assertThat(admin.apps.verifiedIds()).isEmpty();
        assertThat(admin.trustChanges).isEmpty();
    }

    @Test
    void listsAndShowsApps() {
        admin.http.postBytes("/api/apps", TestApps.minimal("One"));
        admin.http.postBytes("/api/apps", TestApps.minimal("Two"));

        HttpJson.Response list = admin.http.get("/api/apps");
        HttpJson.Response show = admin.http.get("/api/apps/2");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("apps").findValuesAsText("name")).containsExactly("One", "Two");
        assertThat(list.json().path("apps").get(0).has("plugin_json")).isFalse();
        assertThat(show.status()).isEqualTo(200);
        assertThat(show.json().path("plugin_json").path("name").asText()).isEqualTo("Two");
        assertThat(show.body()).doesNotContain("exports.processEvent");
    }

    @Test
    void unknownOrMalformedAppIds() {
        assertThat(admin.http.get("/api/apps/7").status()).isEqualTo(404);
        assertThat(admin.http.get("/api/apps/7").error()).isEqualTo("no app with id 7");
        assertThat(admin.http.get("/api/apps/seven").status()).isEqualTo(400);
        assertThat(admin.http.get("/api/apps/seven").error()).isEqualTo("app id must be a positive integer, not 'seven'");
    }

    @Test
    void installsFromAServerSidePath() throws Exception {
        Path directory = TestApps.directory(temp.resolve("dir-app"), "plugin.json", "{}", "index.ts",
                "export function processEvent(event: any) { return event }");

        HttpJson.Response response = admin.http.post("/api/apps", "{\"path\": \"" + directory + "\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().path("name").asText()).isEqualTo("dir-app");
        assertThat(response.json().path("main_file").asText()).isEqualTo("index.ts");
        assertThat(admin.apps.find(1).orElseThrow().archive()).isNotEmpty();
    }

    @Test
    void refusesUnusableAppsAndStoresNothing() {
        assertRefused(admin.http.postBytes("/api/apps?file_name=bad.zip", TestApps.zip("plugin.json", "{nope", "index.js", "")),
                "bad.zip: plugin.json is not valid JSON");
        assertRefused(admin.http.postBytes("/api/apps", TestApps.zip("plugin.json", "{\"name\": \"Broken\"}",
                "index.js", "export function processEvent(event { return event }")), "Broken: SyntaxError:");
        assertRefused(admin.http.postBytes("/api/apps", TestApps.zip("plugin.json", "{\"name\": \"Sneaky\"}",
                "index.js", "const fs = require('fs')\nexport const processEvent = e => e")),
                "Sneaky: Cannot import 'fs'! This package is not provided by this app server.");
        assertRefused(admin.http.postBytes("/api/apps", "not an archive".getBytes()), "upload: not a directory, .zip, .tgz or .tar.gz");
        assertRefused(admin.http.postBytes("/api/apps", new byte[0]), "send the app as a .zip or .tgz request body");
        assertRefused(admin.http.post("/api/apps", "{\"path\": \"relative/app\"}"), "'path' must be absolute");
        assertRefused(admin.http.post("/api/apps", "{\"path\": \"/no/such/app\"}"), "/no/such/app: no such file or directory");
        assertRefused(admin.http.post("/api/apps", "{\"path\": 3}"), "'path' must name a directory");
        assertRefused(admin.http.post("/api/apps", "{\"dir\": \"/x\"}"), "unknown field 'dir'");
        assertRefused(admin.http.post("/api/apps", "{\"path\": "), "the request body is not valid JSON");

        assertThat(admin.apps.list()).isEmpty();
    }

    private static void assertRefused(HttpJson.Response response, String errorPrefix) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.error()).startsWith(errorPrefix);
        assertThat(response.body()).doesNotContain("\tat ");
    }
}
