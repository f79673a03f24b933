package dev.appserver.orchestrator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdminServerTest {
    private static final String TOKEN = "a-token-of-sufficient-length";

    private AdminFixture admin = new AdminFixture();

    @AfterEach
    void stop() {
        admin.close();
    }

    @Test
    void healthAndReadiness() {
        assertThat(admin.http.get("/_health").status()).isEqualTo(200);
        assertThat(admin.http.get("/_ready").json().path("status").asText()).isEqualTo("ready");

        admin.notReady.add("kafka");
        admin.notReady.add("postgres");
        HttpJson.Response notReady = admin.http.get("/_ready");

        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.error()).isEqualTo("not ready: kafka, postgres");
        assertThat(notReady.json().path("not_ready").size()).isEqualTo(2);
    }

    @Test
    void metricsInPrometheusFormat() {
        admin.registry.counter("appserver_events_consumed").increment(3);

        HttpJson.Response metrics = admin.http.get("/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body()).contains("appserver_events_consumed_total 3.0");
    }

    @Test
    void unknownPathsAndMethodsAreJsonErrors() {
        HttpJson.Response missing = admin.http.get("/api/nothing");
        HttpJson.Response wrongMethod = admin.http.send("PUT", "/api/apps", HttpRequest.BodyPublishers.noBody(), null);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).isEqualTo("no such endpoint: GET /api/nothing");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.error()).startsWith("method not allowed: PUT /api/apps (allowed: ");
        assertThat(wrongMethod.raw().headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET", "POST"));
    }

    @Test
    void unexpectedFailuresAre500WithoutDetail() {
        admin.http.postBytes("/api/apps", TestApps.minimal("Plain"));
        admin.http.post("/api/teams/2/configs", "{\"app_id\": 1}");

        HttpJson.Response failed = admin.http.post("/api/configs/1/jobs/explode", "");

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.body()).isEqualTo("{\"error\":\"internal error\"}");
    }

    @Test
    void bodiesOverTheLimitAre413() {
        admin.close();
        admin = new AdminFixture(new AdminSettings("127.0.0.1", 0, Optional.empty(), 1024));

        HttpJson.Response tooLarge = admin.http.postBytes("/api/apps", new byte[4096]);

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.error()).isEqualTo("request body larger than 1024 bytes");
    }

    @Test
    void aSetTokenGuardsEverythingButTheProbes() {
        admin.close();
        admin = new AdminFixture(new AdminSettings("127.0.0.1", 0, Optional.of(TOKEN), 1024 * 1024));

        HttpJson.Response anonymous = admin.http.get("/api/apps");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.raw().headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(admin.http.get("/metrics").status()).isEqualTo(401);
        assertThat(admin.http.get("/api/unknown").status()).isEqualTo(401);
        assertThat(admin.http.get("/_health").status()).isEqualTo(200);
        assertThat(admin.http.get("/_ready").status()).isEqualTo(200);
        assertThat(admin.http.withToken("wrong-token-of-some-length").get("/api/apps").status()).isEqualTo(401);
        assertThat(admin.http.withToken(TOKEN).get("/api/apps").status()).isEqualTo(200);
        assertThat(admin.http.withToken(TOKEN).get("/metrics").status()).isEqualTo(200);
    }
}
