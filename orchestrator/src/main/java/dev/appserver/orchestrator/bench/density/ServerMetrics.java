package dev.appserver.orchestrator.bench.density;

import dev.appserver.orchestrator.bench.BenchFailedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads the bench's server's Prometheus {@code /metrics}: how many app instances its workers hold. */
final class ServerMetrics {
    private static final String INSTANCES = "appserver_instances_loaded";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI metrics;

    ServerMetrics(String adminUri) {
        this.metrics = URI.create(adminUri.endsWith("/") ? adminUri : adminUri + "/").resolve("metrics");
    }

    /** @return the instances loaded in every pool's workers */
    long instancesLoaded() throws BenchFailedException, InterruptedException {
        String text;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new BenchFailedException("GET " + metrics + " answered " + response.statusCode());
            }
            text = response.body();
        } catch (IOException e) {
            throw new BenchFailedException("cannot read " + metrics + ": " + e.getMessage());
        }
        return sum(text, INSTANCES);
    }

    /** The sum of every sample of {@code name} in a Prometheus text exposition. */
    static long sum(String exposition, String name) {
        double sum = 0;
        for (String line : exposition.lines().toList()) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Math.round(sum);
    }
}
