package dev.appserver.orchestrator.hostservices.fetch;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A {@link com.sun.net.httpserver.HttpServer} bound to a loopback address, recording every request
 * it receives. Tests aim fetches only at it, so nothing leaves the machine. Thread-safe.
 */
final class LoopbackHttpServer implements AutoCloseable {

    /** What a handler does with a request that has already been recorded. */
    interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    /** A request as the server saw it. */
    record RecordedRequest(String method, String pathAndQuery, Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final String scheme;

    private LoopbackHttpServer(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.setExecutor(handlers);
        server.start();
    }

    /** A plain HTTP server on {@code loopbackLiteral} (such as 127.0.0.1), on a free port. */
    static LoopbackHttpServer http(String loopbackLiteral) throws IOException {
        return new LoopbackHttpServer(HttpServer.create(address(loopbackLiteral), 0), "http");
    }

    /** An HTTPS server on {@code loopbackLiteral} presenting the certificate in {@code tls}. */
    static LoopbackHttpServer https(String loopbackLiteral, SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(address(loopbackLiteral), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new LoopbackHttpServer(server, "https");
    }

    /** Answers requests under {@code path} with {@code responder}, after recording them. */
    LoopbackHttpServer on(String path, Responder responder) {
        server.createContext(path, exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(new RecordedRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                    exchange.getRequestHeaders(), body));
            try (exchange) {
                responder.respond(exchange);
            }
        });
        return this;
    }

    /** Answers requests under {@code path} with {@code status} and {@code body}. */
    LoopbackHttpServer on(String path, int status, String body) {
        return on(path, exchange -> send(exchange, status, body));
    }

    /** Answers requests under {@code path} with a redirect of {@code status} to {@code location}. */
    LoopbackHttpServer redirect(String path, int status, String location) {
        return on(path, exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            send(exchange, status, "");
        });
    }

    static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The URL of {@code pathAndQuery} on this server, by its address. */
    String url(String pathAndQuery) {
        return scheme + "://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + pathAndQuery;
    }

    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    RecordedRequest onlyRequest() {
        List<RecordedRequest> all = requests();
        if (all.size() != 1) {
            throw new AssertionError("expected one request, got " + all.size());
        }
        return all.getFirst();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private static InetSocketAddress address(String loopbackLiteral) {
        InetAddress address = InetAddress.ofLiteral(loopbackLiteral);
        if (!address.isLoopbackAddress()) {
            throw new UncheckedIOException(new IOException("test servers bind to loopback only: " + loopbackLiteral));
        }
        return new InetSocketAddress(address, 0);
    }
}
