package dev.appserver.orchestrator.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.admin.AdminSettings;
import dev.appserver.orchestrator.ingest.DeliveryMode;
import dev.appserver.orchestrator.services.SingleNodeSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A single-node server in this JVM (embedded Kafka, PostgreSQL and Redis on free ports, data in a
 * temporary directory, real worker processes), with a small client for its admin API.
 */
final class ServerFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Path data;
    final OrchestratorServer server;

    ServerFixture(int workers, DeliveryMode delivery) throws Exception {
        data = Files.createTempDirectory("appserver-server-it-");
        ServerSettings settings = new ServerSettings(Optional.empty(), SingleNodeSettings.anyFreePorts(data),
                AdminSettings.loopback(0), delivery, workers, 256, "it", 4, Duration.ofSeconds(10), List.of());
        server = OrchestratorServer.start(settings, Clock.systemUTC());
    }

    String kafka() {
        return server.endpoints().kafkaBootstrapServers();
    }

    /** Installs the app at {@code path} (server-side) and returns its id. */
    long install(Path path) throws Exception {
        JsonNode app = send("POST", "/api/apps", JSON.createObjectNode().put("path", path.toAbsolutePath().toString()), 201);
        return app.get("id").asLong();
    }

    /** Creates an enabled app config for {@code team} and returns its id. */
    long configure(long team, long appId, int order, ObjectNode config) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("app_id", appId).put("enabled", true).put("order", order);
        body.set("config", config);
        return send("POST", "/api/teams/" + team + "/configs", body, 201).get("id").asLong();
    }

    JsonNode send(String method, String path, JsonNode body, int expectedStatus) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.adminUri() + path))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
    }

    String get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.adminUri() + path)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    static ObjectNode config(String key, String value) {
        return JSON.createObjectNode().put(key, value);
    }

    @Override
    public void close() {
        server.close();
        try (Stream<Path> paths = Files.walk(data)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Temporary data; leaving it behind is harmless.
        }
    }
}
