package dev.appserver.orchestrator.hostservices.fetch;

import static dev.appserver.orchestrator.hostservices.fetch.FetcherHarness.failure;
import static dev.appserver.orchestrator.hostservices.fetch.FetcherHarness.fetch;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.hostservices.fetch.FetchFailure.Type;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * node-fetch's redirect handling in {@link HttpFetcher}, every hop judged by the egress policy.
 * The server is on 127.0.0.1, which is allow-listed; {@code localhost} resolves (in the fake
 * resolver) to the same server but is not allow-listed unless a test says so.
 */
class HttpFetcherRedirectTest {

    private final FetcherHarness harness = new FetcherHarness();
    private LoopbackHttpServer server;
    private HttpFetcher fetcher;

    @BeforeEach
    void start() throws Exception {
        server = LoopbackHttpServer.http("127.0.0.1");
        harness.resolver.with("localhost", "127.0.0.1");
        fetcher = harness.fetcher("127.0.0.1");
    }

    @AfterEach
    void stop() {
        harness.close();
        server.close();
    }

    @Test
    void followsRelativeAndAbsoluteLocationsToTheFinalResponse() throws Exception {
        server.redirect("/start", 302, "/middle?from=start")
                .redirect("/middle", 301, server.url("/end"))
                .on("/end", 200, "arrived");

        FetchResult result = fetch(fetcher, FetchRequest.get(server.url("/start")));

        assertThat(result.status()).isEqualTo(200);
        assertThat(new String(result.body(), UTF_8)).isEqualTo("arrived");
        assertThat(result.url()).isEqualTo(server.url("/end"));
        assertThat(result.redirected()).isTrue();
        assertThat(server.requests()).extracting(LoopbackHttpServer.RecordedRequest::pathAndQuery)
                .containsExactly("/start", "/middle?from=start", "/end");
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302})
    void postBecomesGetWithoutBodyAfter301And302(int status) throws Exception {
        server.redirect("/form", status, "/done").on("/done", 200, "");

        fetch(fetcher, post("/form"));

        LoopbackHttpServer.RecordedRequest followed = server.requests().get(1);
        assertThat(followed.method()).isEqualTo("GET");
        assertThat(followed.body()).isEmpty();
        assertThat(followed.header("Content-Length")).isNull();
    }

    @Test
    void seeOtherTurnsAnyMethodIntoGet() throws Exception {
        server.redirect("/resource", 303, "/status").on("/status", 200, "");

        fetch(fetcher, post("/resource").withMethod("PUT"));

        assertThat(server.requests().get(1).method()).isEqualTo("GET");
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void temporaryAndPermanentRedirectsKeepMethodAndBody(int status) throws Exception {
        server.redirect("/old", status, "/new").on("/new", 200, "");

        fetch(fetcher, post("/old"));

        LoopbackHttpServer.RecordedRequest followed = server.requests().get(1);
        assertThat(followed.method()).isEqualTo("POST");
        assertThat(new String(followed.body(), UTF_8)).isEqualTo("payload");
    }

    @Test
    void manualModeReturnsTheRedirectAsItIs() throws Exception {
        server.redirect("/start", 302, "/elsewhere");

        FetchResult result = fetch(fetcher, FetchRequest.get(server.url("/start")).withRedirect(RedirectMode.MANUAL));

        assertThat(result.status()).isEqualTo(302);
        assertThat(result.statusText()).isEqualTo("Found");
        assertThat(result.headers()).containsEntry("location", List.of("/elsewhere"));
        assertThat(result.redirected()).isFalse();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void errorModeFailsOnARedirect() throws Exception {
        server.redirect("/start", 307, "/elsewhere");

        FetchFailure failure = failure(fetcher, FetchRequest.get(server.url("/start")).withRedirect(RedirectMode.ERROR));

        assertThat(failure.type()).isEqualTo(Type.NO_REDIRECT);
        assertThat(failure).hasMessage(
                "uri requested responds with a redirect, redirect mode is set to error: " + server.url("/start"));
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void redirectWithoutLocationIsTheResponse() throws Exception {
        server.on("/", 302, "no location");

        FetchResult result = fetch(fetcher, FetchRequest.get(server.url("/")));

        assertThat(result.status()).isEqualTo(302);
        assertThat(result.redirected()).isFalse();
    }

    @Test
    void twentyRedirectsAreFollowed() throws Exception {
        server.on("/hop", exchange -> {
            int hop = Integer.parseInt(exchange.getRequestURI().getQuery().substring("n=".length()));
            if (hop < 20) {
                exchange.getResponseHeaders().add("Location", "/hop?n=" + (hop + 1));
                LoopbackHttpServer.send(exchange, 302, "");
            } else {
                LoopbackHttpServer.send(exchange, 200, "hop " + hop);
            }
        });

        FetchResult result = fetch(fetcher, FetchRequest.get(server.url("/hop?n=0")));

        assertThat(new String(result.body(), UTF_8)).isEqualTo("hop 20");
        assertThat(server.requests()).hasSize(21);
    }

    @Test
    void theTwentyFirstRedirectFails() throws Exception {
        server.redirect("/loop", 302, "/loop");

        FetchFailure failure = failure(fetcher, FetchRequest.get(server.url("/loop")));

        assertThat(failure.type()).isEqualTo(Type.MAX_REDIRECT);
        assertThat(failure).hasMessage("maximum redirect reached at: " + server.url("/loop"));
        assertThat(server.requests()).hasSize(21);
    }

    @Test
    void redirectToARefusedHostIsRefusedBeforeConnecting() throws Exception {
        String target = "http://localhost:" + server.port() + "/admin";
        server.redirect("/start", 302, target).on("/admin", 200, "secret");

        FetchFailure failure = failure(fetcher, FetchRequest.get(server.url("/start")));

        assertThat(failure.type()).isEqualTo(Type.EGRESS);
        assertThat(failure).hasMessage("request to " + target
                + " refused: localhost is a loopback, private or link-local address (127.0.0.1)");
        assertThat(server.requests()).extracting(LoopbackHttpServer.RecordedRequest::pathAndQuery)
                .containsExactly("/start");
    }

    @Test
    void redirectToAnotherSchemeIsRefused() throws Exception {
        server.redirect("/start", 302, "file:///etc/passwd");

        FetchFailure failure = failure(fetcher, FetchRequest.get(server.url("/start")));

        assertThat(failure.type()).isEqualTo(Type.EGRESS);
        assertThat(failure).hasMessage("request to file:///etc/passwd refused: only http and https are allowed");
    }

    @Test
    void unparsableLocationIsAnInvalidRedirect() throws Exception {
        server.redirect("/start", 302, "http://[::1");

        FetchFailure failure = failure(fetcher, FetchRequest.get(server.url("/start")));

        assertThat(failure.type()).isEqualTo(Type.INVALID_REDIRECT);
        assertThat(failure).hasMessage("uri requested responds with an invalid redirect URL: http://[::1");
    }

    @Test
    void credentialsAreDroppedOnARedirectToAnotherHost() throws Exception {
        HttpFetcher both = harness.fetcher("127.0.0.1", "localhost");
        server.redirect("/start", 302, "http://localhost:" + server.port() + "/next").on("/next", 200, "");

        fetch(both, withCredentials(FetchRequest.get(server.url("/start"))));

        LoopbackHttpServer.RecordedRequest followed = server.requests().get(1);
        assertThat(followed.header("Host")).isEqualTo("localhost:" + server.port());
        assertThat(followed.header("Authorization")).isNull();
        assertThat(followed.header("Cookie")).isNull();
        assertThat(followed.header("X-Other")).isEqualTo("kept");
    }

    @Test
    void credentialsAreKeptOnARedirectWithinTheHost() throws Exception {
        server.redirect("/start", 302, "/next").on("/next", 200, "");

        fetch(fetcher, withCredentials(FetchRequest.get(server.url("/start"))));

        LoopbackHttpServer.RecordedRequest followed = server.requests().get(1);
        assertThat(followed.header("Authorization")).isEqualTo("Bearer token");
        assertThat(followed.header("Cookie")).isEqualTo("session=1");
    }

    private FetchRequest post(String path) {
        return FetchRequest.get(server.url(path)).withMethod("POST")
                .withHeader("Content-Type", "text/plain")
                .withBody(Optional.of("payload".getBytes(UTF_8)));
    }

    private static FetchRequest withCredentials(FetchRequest request) {
        return request.withHeader("Authorization", "Bearer token")
                .withHeader("Cookie", "session=1")
                .withHeader("X-Other", "kept");
    }
}
