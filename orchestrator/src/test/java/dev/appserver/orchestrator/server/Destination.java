package dev.appserver.orchestrator.server;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * An HTTP destination on loopback standing in for an external service: it answers each POST with
 * the status {@code statusOf(n)} gives the n-th request (from 1), and keeps the bodies it answered
 * with 2xx and the sizes of all of them.
 */
final class Destination implements AutoCloseable {
    private final HttpServer server;
    private final IntUnaryOperator statusOf;
    private final AtomicInteger requests = new AtomicInteger();
    final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    final List<Integer> bodySizes = new CopyOnWriteArrayList<>();
    /** Each request's {@code Idempotency-Key} header and status, as {@code "<key> <status>"}. */
    final List<String> keys = new CopyOnWriteArrayList<>();

    Destination(IntUnaryOperator statusOf) throws IOException {
        this.statusOf = statusOf;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/batch";
    }

    int requests() {
        return requests.get();
    }

    /** The events of every accepted batch, in arrival order. */
    List<JsonNode> acceptedEvents() {
        return accepted.stream().flatMap(body -> java.util.stream.StreamSupport.stream(body.get("batch").spliterator(), false))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int status = statusOf.applyAsInt(requests.incrementAndGet());
        bodySizes.add(body.length);
        keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key") + " " + status);
        if (status < 300) {
            accepted.add(ServerFixture.JSON.readTree(body));
        }
        byte[] answer = "{}".getBytes(UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
