package dev.appserver.orchestrator.hostservices.fetch;

import static dev.appserver.orchestrator.hostservices.fetch.FetcherHarness.failure;
import static dev.appserver.orchestrator.hostservices.fetch.FetcherHarness.fetch;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.INTEGER;

import dev.appserver.orchestrator.hostservices.fetch.FetchFailure.Type;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests, responses and failures of {@link HttpFetcher}, against a loopback server whose address
 * (127.0.0.1) is allow-listed. Redirects and the connection-level guard have their own tests.
 */
class HttpFetcherTest {

    private final FetcherHarness harness = new FetcherHarness();
    private final CountDownLatch releaseSlowResponses = new CountDownLatch(1);
    private LoopbackHttpServer server;
    private HttpFetcher fetcher;

    @BeforeEach
    void start() throws Exception {
        server = LoopbackHttpServer.http("127.0.0.1");
        fetcher = harness.fetcher("127.0.0.1");
    }

    @AfterEach
    void stop() {
        releaseSlowResponses.countDown();
        harness.close();
        server.close();
    }

    @Test
    void getReturnsStatusHeadersBodyAndUrl() throws Exception {
        server.on("/hello", exchange -> {
            exchange.getResponseHeaders().add("X-Multi", "first");
            exchange.getResponseHeaders().add("X-Multi", "second");
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            LoopbackHttpServer.send(exchange, 200, "hello");
        });

        FetchResult result = fetch(fetcher, FetchRequest.get(server.url("/hello?x=1")));

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.statusText()).isEqualTo("OK");
        assertThat(result.ok()).isTrue();
        assertThat(result.headers()).containsEntry("x-multi", List.of("first", "second"))
                .containsEntry("content-type", List.of("text/plain"));
        assertThat(result.headers().keySet()).allMatch(name -> name.equals(name.toLowerCase()));
        assertThat(new String(result.body(), UTF_8)).isEqualTo("hello");
        assertThat(result.url()).isEqualTo(server.url("/hello?x=1"));
        assertThat(result.redirected()).isFalse();
        assertThat(server.onlyRequest().pathAndQuery()).isEqualTo("/hello?x=1");
    }

    @Test
    void sendsNodeFetchDefaultsAndTheUrlsHost() throws Exception {
        server.on("/", 204, "");

        fetch(fetcher, FetchRequest.get(server.url("/")));

        LoopbackHttpServer.RecordedRequest request = server.onlyRequest();
        assertThat(request.header("User-Agent")).isEqualTo("node-fetch/1.0 (+https://github.com/bitinn/node-fetch)");
        assertThat(request.header("Accept")).isEqualTo("*/*");
        assertThat(request.header("Host")).isEqualTo("127.0.0.1:" + server.port());
        assertThat(request.header("Content-Length")).isNull();
    }

    @Test
    void postSendsJsonBodyAndTheAppsHeaders() throws Exception {
        server.on("/events", exchange -> LoopbackHttpServer.send(exchange, 201, "{\"ok\":true}"));
        byte[] json = "{\"event\":\"$pageview\",\"count\":2}".getBytes(UTF_8);

        FetchResult result = fetch(fetcher, FetchRequest.get(server.url("/events"))
                .withMethod("post")
                .withHeader("Content-Type", "application/json")
                .withHeader("Authorization", "Bearer secret")
                .withHeader("X-Tag", "a")
                .withHeader("X-Tag", "b")
                .withHeader("User-Agent", "my-app/1.0")
                .withBody(Optional.of(json)));

        assertThat(result.status()).isEqualTo(201);
        assertThat(result.statusText()).isEqualTo("Created");
        assertThat(new String(result.body(), UTF_8)).isEqualTo("{\"ok\":true}");
        LoopbackHttpServer.RecordedRequest request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.body()).isEqualTo(json);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Content-Length")).isEqualTo(String.valueOf(json.length));
        assertThat(request.header("Authorization")).isEqualTo("Bearer secret");
        assertThat(request.headers().get("X-Tag")).containsExactly("a", "b");
        assertThat(request.header("User-Agent")).isEqualTo("my-app/1.0");
    }

    @ParameterizedTest(name = "{0} -> \"{1}\"")
    @CsvSource(delimiterString = " => ", value = {
            "404 => Not Found", "418 => I'm a Teapot", "500 => Internal Server Error", "503 => Service Unavailable",
            "599 => ''"})
    void errorStatusesAreResultsWithNodesStatusText(int status, String statusText) throws Exception {
        server.on("/", status, "oops");

        FetchResult result = fetch(fetcher, FetchRequest.get(server.url("/")));

        assertThat(result.status()).isEqualTo(status);
        assertThat(result.statusText()).isEqualTo(statusText);
        assertThat(result.ok()).isFalse();
        assertThat(new String(result.body(), UTF_8)).isEqualTo("oops");
    }

    @Test
    void connectionAndFramingHeadersFromTheAppAreDropped() throws Exception {
        server.on("/", 200, "");
        byte[] body = "a=1".getBytes(UTF_8);

        FetchResult result = fetch(fetcher, FetchRequest.get(server.url("/")).withMethod("PUT")
                .withHeader("Host", "internal.example")
                .withHeader("Content-Length", "999")
                .withHeader("Transfer-Encoding", "chunked")
                .withHeader("Connection", "Upgrade")
                .withHeader("Upgrade", "websocket")
                .withHeader("Expect", "100-continue")
                .withHeader("Keep-Alive", "timeout=5")
                .withHeader("Proxy-Authorization", "Basic eDp5")
                .withHeader("Accept-Encoding", "gzip")
                .withBody(Optional.of(body)));

        assertThat(result.status()).isEqualTo(200);
        LoopbackHttpServer.RecordedRequest request = server.onlyRequest();
        assertThat(request.header("Host")).isEqualTo("127.0.0.1:" + server.port());
        assertThat(request.header("Content-Length")).isEqualTo("3");
        assertThat(request.body()).isEqualTo(body);
        assertThat(request.headers()).doesNotContainKeys(
                "Transfer-encoding", "Upgrade", "Expect", "Keep-alive", "Proxy-authorization", "Accept-encoding");
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                Arguments.of("bad header name", (UnaryOperator<FetchRequest>) r -> r.withHeader("Bad Header", "x")),
                Arguments.of("header injection", (UnaryOperator<FetchRequest>) r -> r.withHeader("X-Ok", "a\r\nX-Injected: 1")),
                Arguments.of("NUL in value", (UnaryOperator<FetchRequest>) r -> r.withHeader("X-Ok", "a\u0000b")),
                Arguments.of("body on GET", (UnaryOperator<FetchRequest>) r -> r.withBody(Optional.of(new byte[] {1}))),
                Arguments.of("body on HEAD", (UnaryOperator<FetchRequest>) r -> r.withMethod("head").withBody(Optional.of(new byte[0]))),
                Arguments.of("CONNECT", (UnaryOperator<FetchRequest>) r -> r.withMethod("CONNECT")),
                Arguments.of("TRACE", (UnaryOperator<FetchRequest>) r -> r.withMethod("trace")),
                Arguments.of("method with space", (UnaryOperator<FetchRequest>) r -> r.withMethod("GE T")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void invalidRequestsAreRejectedBeforeSending(String description, UnaryOperator<FetchRequest> spoil) throws Exception {
        server.on("/", 200, "");

        FetchFailure failure = failure(fetcher, spoil.apply(FetchRequest.get(server.url("/"))));

        assertThat(failure.type()).isEqualTo(Type.INVALID_REQUEST);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void connectionRefusedIsASystemErrorLikeNodes() throws Exception {
        FetchFailure failure = failure(fetcher, FetchRequest.get("http://127.0.0.1:1/"));

        assertThat(failure.type()).isEqualTo(Type.SYSTEM);
        assertThat(failure.type().wireName()).isEqualTo("system");
        assertThat(failure.code()).contains("ECONNREFUSED");
        assertThat(failure).hasMessage("request to http://127.0.0.1:1/ failed, reason: connect ECONNREFUSED 127.0.0.1:1");
    }

    @Test
    void unknownHostIsENOTFOUND() throws Exception {
        FetchFailure failure = failure(fetcher, FetchRequest.get("http://nowhere.test/path"));

        assertThat(failure.type()).isEqualTo(Type.SYSTEM);
        assertThat(failure.code()).contains("ENOTFOUND");
        assertThat(failure).hasMessage("request to http://nowhere.test/path failed, reason: getaddrinfo ENOTFOUND nowhere.test");
    }

    @Test
    void otherSchemesAreRefused() throws Exception {
        FetchFailure failure = failure(fetcher, FetchRequest.get("file:///etc/passwd"));

        assertThat(failure.type()).isEqualTo(Type.EGRESS);
        assertThat(failure).hasMessage("request to file:///etc/passwd refused: only http and https are allowed");
    }

    @Test
    void malformedUrlIsInvalid() throws Exception {
        FetchFailure failure = failure(fetcher, FetchRequest.get("http://exa mple.com/"));

        assertThat(failure.type()).isEqualTo(Type.INVALID_URL);
        assertThat(failure.type().wireName()).isEqualTo("invalid-url");
    }

    @Test
    void slowResponseTimesOut() throws Exception {
        server.on("/slow", exchange -> {
            awaitRelease();
            LoopbackHttpServer.send(exchange, 200, "too late");
        });

        FetchFailure failure = failure(fetcher,
                FetchRequest.get(server.url("/slow")).withTimeout(Duration.ofMillis(300)));

        assertThat(failure.type()).isEqualTo(Type.REQUEST_TIMEOUT);
        assertThat(failure).hasMessage("network timeout at: " + server.url("/slow"));
    }

    @Test
    void timeoutClosesTheConnection() throws Exception {
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0));
            CompletableFuture<Integer> bytesUntilClosed = CompletableFuture.supplyAsync(() -> readUntilClosed(silent));

            FetchFailure failure = failure(fetcher, FetchRequest.get("http://127.0.0.1:" + silent.getLocalPort() + "/")
                    .withTimeout(Duration.ofMillis(300)));

            assertThat(failure.type()).isEqualTo(Type.REQUEST_TIMEOUT);
            assertThat(bytesUntilClosed).succeedsWithin(Duration.ofSeconds(10)).asInstanceOf(INTEGER).isPositive();
        }
    }

    @Test
    void appCannotAskForMoreTimeThanTheFetcherAllows() throws Exception {
        server.on("/slow", exchange -> {
            awaitRelease();
            LoopbackHttpServer.send(exchange, 200, "too late");
        });
        HttpFetcher strict = harness.fetcher(FetchSettings.defaults().withTimeout(Duration.ofMillis(300)), "127.0.0.1");

        FetchFailure failure = failure(strict, FetchRequest.get(server.url("/slow")).withTimeout(Duration.ofHours(1)));

        assertThat(failure.type()).isEqualTo(Type.REQUEST_TIMEOUT);
    }

    @Test
    void bodyAtTheLimitIsRead() throws Exception {
        server.on("/", 200, "x".repeat(1024));
        HttpFetcher capped = harness.fetcher(FetchSettings.defaults().withMaxBodyBytes(1024), "127.0.0.1");

        assertThat(fetch(capped, FetchRequest.get(server.url("/"))).body()).hasSize(1024);
    }

    @Test
    void bodyDeclaredOverTheLimitFails() throws Exception {
        server.on("/", 200, "x".repeat(1025));
        HttpFetcher capped = harness.fetcher(FetchSettings.defaults().withMaxBodyBytes(1024), "127.0.0.1");

        FetchFailure failure = failure(capped, FetchRequest.get(server.url("/")));

        assertThat(failure.type()).isEqualTo(Type.MAX_SIZE);
        assertThat(failure).hasMessage("content size at " + server.url("/") + " over limit: 1024");
    }

    @Test
    void chunkedBodyGrowingOverTheLimitFails() throws Exception {
        server.on("/", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no length to check up front
            for (int i = 0; i < 64; i++) {
                exchange.getResponseBody().write(new byte[1024]);
                exchange.getResponseBody().flush();
            }
        });
        HttpFetcher capped = harness.fetcher(FetchSettings.defaults().withMaxBodyBytes(10_000), "127.0.0.1");

        FetchFailure failure = failure(capped, FetchRequest.get(server.url("/")));

        assertThat(failure.type()).isEqualTo(Type.MAX_SIZE);
        assertThat(failure.type().wireName()).isEqualTo("max-size");
    }

    @Test
    void headersArePassedAsAMap() throws Exception {
        server.on("/", 200, "");

        fetch(fetcher, FetchRequest.get(server.url("/")).withHeaders(Map.of("x-one", List.of("1"))));

        assertThat(server.onlyRequest().header("X-One")).isEqualTo("1");
    }

    /** Accepts one connection, never answers, and returns how many bytes came before the client closed it. */
    private static int readUntilClosed(ServerSocket server) {
        try (Socket connection = server.accept()) {
            return connection.getInputStream().readAllBytes().length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitRelease() {
        try {
            releaseSlowResponses.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
