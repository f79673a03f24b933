package dev.appserver.orchestrator.admin.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Calls the admin HTTP API with {@code java.net.http}. A 2xx answer returns its JSON body (missing
 * for 204); anything else is an {@link AdminCallException}: 4xx with the API's {@code error} and
 * exit status 2, 5xx or no answer with exit status 1.
 */
public final class AdminClient {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Installing the first app starts the server's TypeScript compiler, which takes a while. */
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI server;
    private final Optional<String> token;

    public AdminClient(String server, Optional<String> token) throws AdminCallException {
        this.server = parse(requireNonNull(server, "server is null"));
        this.token = requireNonNull(token, "token is null").filter(value -> !value.isBlank());
    }

    public JsonNode get(String path) throws AdminCallException {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), null);
    }

    public JsonNode delete(String path) throws AdminCallException {
        return send("DELETE", path, HttpRequest.BodyPublishers.noBody(), null);
    }

    public JsonNode postJson(String path, JsonNode body) throws AdminCallException {
        return send("POST", path, HttpRequest.BodyPublishers.ofString(body.toString()), "application/json");
    }

    public JsonNode patchJson(String path, JsonNode body) throws AdminCallException {
        return send("PATCH", path, HttpRequest.BodyPublishers.ofString(body.toString()), "application/json");
    }

    public JsonNode postBytes(String path, byte[] body, String contentType) throws AdminCallException {
        return send("POST", path, HttpRequest.BodyPublishers.ofByteArray(body), contentType);
    }

    private JsonNode send(String method, String path, HttpRequest.BodyPublisher body, String contentType)
            throws AdminCallException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).timeout(TIMEOUT).method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AdminCallException("cannot reach the admin API at " + server + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminCallException("interrupted", 1);
        }
        JsonNode json = parseBody(response.body());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return json;
        }
        String error = json.path("error").isTextual() ? json.path("error").textValue() : "HTTP " + status;
        throw new AdminCallException(error + " (HTTP " + status + ")", status >= 400 && status < 500 ? 2 : 1);
    }

    private static JsonNode parseBody(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static URI parse(String server) throws AdminCallException {
        try {
            URI uri = new URI(server.endsWith("/") ? server : server + "/");
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new AdminCallException("--server must be an http:// or https:// URL, not '" + server + "'", 2);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new AdminCallException("--server is not a URL: " + e.getMessage(), 2);
        }
    }
}
