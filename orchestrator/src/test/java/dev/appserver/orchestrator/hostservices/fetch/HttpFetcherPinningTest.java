package dev.appserver.orchestrator.hostservices.fetch;

import static dev.appserver.orchestrator.hostservices.fetch.FetcherHarness.failure;
import static dev.appserver.orchestrator.hostservices.fetch.FetcherHarness.fetch;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.appserver.orchestrator.hostservices.fetch.FetchFailure.Type;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guard at the connection: a refused URL opens no connection, and an allowed one connects to
 * the address the policy judged, never to a fresh lookup of the name (the DNS-rebinding defence,
 * docs/decisions/0003-egress-guard.md), over HTTPS too. Servers listen on 127.0.0.1 and 127.0.0.2
 * only; names are answered by the fake resolver, so the system resolver would give a different
 * answer (127.0.0.1) than the judged one (127.0.0.2).
 */
class HttpFetcherPinningTest {

    private final FetcherHarness harness = new FetcherHarness();
    private LoopbackHttpServer server;

    @AfterEach
    void stop() {
        harness.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void refusedRequestOpensNoConnection() throws Exception {
        try (CountingServer counting = new CountingServer()) {
            String url = "http://127.0.0.1:" + counting.port() + "/";
            HttpFetcher guarded = harness.fetcher(FetchSettings.defaults(), SSLContext.getDefault(),
                    new LiteralOnlySystemResolver());

            FetchFailure failure = failure(guarded, FetchRequest.get(url));

            assertThat(failure.type()).isEqualTo(Type.EGRESS);
            assertThat(failure).hasMessage(
                    "request to " + url + " refused: 127.0.0.1 is a loopback, private or link-local address (127.0.0.1)");
            assertThat(counting.connections()).isZero();

            // The counter does count: the same request, allowed, connects.
            HttpFetcher allowing = harness.fetcher(FetchSettings.defaults(), SSLContext.getDefault(),
                    new LiteralOnlySystemResolver(), "127.0.0.1");
            allowing.fetch(FetchRequest.get(url));
            await().atMost(Duration.ofSeconds(10)).until(() -> counting.connections() >= 1);
        }
    }

    @Test
    void connectsToTheJudgedAddressNotToAFreshLookup() throws Exception {
        server = LoopbackHttpServer.http("127.0.0.2").on("/", 200, "pinned");
        harness.resolver.with("localhost", "127.0.0.2");
        HttpFetcher fetcher = harness.fetcher("localhost");

        FetchResult result = fetch(fetcher, FetchRequest.get("http://localhost:" + server.port() + "/"));

        assertThat(new String(result.body(), UTF_8)).isEqualTo("pinned");
        assertThat(result.url()).isEqualTo("http://localhost:" + server.port() + "/");
        assertThat(server.onlyRequest().header("Host")).isEqualTo("localhost:" + server.port());
        assertThat(harness.resolver.lookups()).containsExactly("localhost");
    }

    @Test
    void httpsVerifiesTheNameWhileConnectingToTheJudgedAddress() throws Exception {
        server = LoopbackHttpServer.https("127.0.0.2", TestTls.server()).on("/", 200, "secure");
        harness.resolver.with("localhost", "127.0.0.2");
        HttpFetcher fetcher = harness.fetcher(FetchSettings.defaults(), TestTls.client(), harness.resolver, "localhost");

        FetchResult result = fetch(fetcher, FetchRequest.get("https://localhost:" + server.port() + "/"));

        assertThat(new String(result.body(), UTF_8)).isEqualTo("secure");
        assertThat(server.onlyRequest().header("Host")).isEqualTo("localhost:" + server.port());
        assertThat(harness.resolver.lookups()).containsExactly("localhost");
    }

    @Test
    void httpsFailsWhenTheCertificateDoesNotNameTheHost() throws Exception {
        server = LoopbackHttpServer.https("127.0.0.2", TestTls.server()).on("/", 200, "secure");
        harness.resolver.with("impostor.test", "127.0.0.2");
        HttpFetcher fetcher = harness.fetcher(FetchSettings.defaults(), TestTls.client(), harness.resolver, "impostor.test");

        FetchFailure failure = failure(fetcher, FetchRequest.get("https://impostor.test:" + server.port() + "/"));

        assertThat(failure.type()).isEqualTo(Type.SYSTEM);
        assertThat(failure.code()).contains("EPROTO");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void httpsToAnAddressVerifiesTheAddress() throws Exception {
        server = LoopbackHttpServer.https("127.0.0.2", TestTls.server()).on("/", 200, "secure");
        HttpFetcher fetcher = harness.fetcher(FetchSettings.defaults(), TestTls.client(), harness.resolver, "127.0.0.2");

        FetchFailure failure = failure(fetcher, FetchRequest.get(server.url("/")));

        assertThat(failure.code()).contains("EPROTO"); // the certificate names localhost, not 127.0.0.2
    }

    /** A loopback socket that accepts and counts connections, then closes them. */
    private static final class CountingServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket();
        private final AtomicInteger connections = new AtomicInteger();
        private final Thread acceptor;

        CountingServer() throws IOException {
            socket.bind(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0));
            acceptor = Thread.ofPlatform().daemon().name("counting-server").start(this::acceptAll);
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        private void acceptAll() {
            while (!socket.isClosed()) {
                try {
                    Socket accepted = socket.accept();
                    connections.incrementAndGet();
                    accepted.close();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            try {
                acceptor.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
