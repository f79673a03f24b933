package dev.appserver.orchestrator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A loopback HTTP client for the admin API tests: each call returns the status, headers and JSON
 * body. The timeout is generous because the first install in a JVM starts the TypeScript compiler.
 */
final class HttpJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private String token;

    HttpJson(URI base) {
        this.base = base;
    }

    HttpJson withToken(String token) {
        this.token = token;
        return this;
    }

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return body.isEmpty() ? MissingNode.getInstance() : JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String error() {
            return json().path("error").asText();
        }
    }

    Response get(String path) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), null);
    }

    Response delete(String path) {
        return send("DELETE", path, HttpRequest.BodyPublishers.noBody(), null);
    }

    Response post(String path, String json) {
        return send("POST", path, HttpRequest.BodyPublishers.ofString(json), "application/json");
    }

    Response patch(String path, String json) {
        return send("PATCH", path, HttpRequest.BodyPublishers.ofString(json), "application/json");
    }

    Response postBytes(String path, byte[] body) {
        return send("POST", path, HttpRequest.BodyPublishers.ofByteArray(body), "application/zip");
    }

    Response send(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120))
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
