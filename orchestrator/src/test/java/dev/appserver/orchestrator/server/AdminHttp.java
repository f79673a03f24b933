package dev.appserver.orchestrator.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** A small client of a server's admin API, for tests: install an app, configure it for a tenant. */
final class AdminHttp {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    AdminHttp(String base) {
        this.base = base;
    }

    /** Installs the app at {@code path} (read by the server) and returns its id. */
    long install(Path path) throws IOException, InterruptedException {
        JsonNode app = send("POST", "/api/apps", ServerFixture.JSON.createObjectNode().put("path", path.toAbsolutePath().toString()));
        return app.get("id").asLong();
    }

    /** Creates an enabled app config for {@code team} and returns its id. */
    long configure(long team, long appId, int order, ObjectNode config) throws IOException, InterruptedException {
        ObjectNode body = ServerFixture.JSON.createObjectNode().put("app_id", appId).put("enabled", true).put("order", order);
        body.set("config", config);
        return send("POST", "/api/teams/" + team + "/configs", body).get("id").asLong();
    }

    /** Sends {@code body} and returns the answer; a status of 300 or more fails the test. */
    JsonNode send(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? ServerFixture.JSON.missingNode() : ServerFixture.JSON.readTree(response.body());
    }

    String get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
