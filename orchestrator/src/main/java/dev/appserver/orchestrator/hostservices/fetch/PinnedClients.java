package dev.appserver.orchestrator.hostservices.fetch;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The JDK HTTP clients that send requests whose URL names an IP address the egress guard judged,
 * never a host name (see docs/decisions/0003-egress-guard.md): so the client has nothing to
 * resolve and cannot be steered elsewhere by a second DNS answer.
 *
 * <p>One shared client serves plain HTTP and HTTPS to IP literals. HTTPS to a name needs that name
 * as SNI and for certificate verification, and the JDK client takes SNI names only from its own
 * {@link SSLParameters} when the URL holds an address; so each such name gets its own client,
 * kept in a bounded LRU. A client is leased for the duration of an exchange and only clients with
 * no exchange in flight are closed when the LRU is over capacity.
 *
 * <p>Every client: no proxy (a proxy would resolve names itself), no automatic redirects (each
 * hop goes through the guard), HTTP/1.1 (whose {@code Host} header the caller sets), the given
 * executor. Thread-safe; {@link #close} aborts what is in flight.
 */
final class PinnedClients implements AutoCloseable {

    private static final String RESTRICTED_HEADERS_PROPERTY = "jdk.httpclient.allowRestrictedHeaders";

    static {
        // The JDK client lets callers set Host only when this property names it, and reads it
        // once, when its internals load. Setting it here works when this class is the first user
        // of java.net.http in the JVM; the launcher should pass it too, and requireHostHeaderAllowed
        // fails fast if neither took effect.
        if (System.getProperty(RESTRICTED_HEADERS_PROPERTY) == null) {
            System.setProperty(RESTRICTED_HEADERS_PROPERTY, "host");
        }
    }

    private final Executor executor;
    private final SSLContext sslContext;
    private final int maxTlsClients;
    private final HttpClient shared;
    private final Map<String, Lease> byServerName = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    PinnedClients(Executor executor, SSLContext sslContext, int maxTlsClients) {
        requireHostHeaderAllowed();
        this.executor = requireNonNull(executor, "executor is null");
        this.sslContext = requireNonNull(sslContext, "sslContext is null");
        this.maxTlsClients = maxTlsClients;
        this.shared = newClient(sslContext.getDefaultSSLParameters());
    }

    /** Runs {@code exchange} with the client for {@code url}, keeping that client open until it completes. */
    <T> CompletableFuture<T> withClient(FetchUrl url, Function<HttpClient, CompletableFuture<T>> exchange) {
        if (url.scheme().equals("http") || HostNames.isLiteral(url.host())) {
            return exchange.apply(shared);
        }
        Lease lease = acquire(url.host());
        evictIdle();
        CompletableFuture<T> result;
        try {
            result = exchange.apply(lease.client);
        } catch (RuntimeException e) {
            release(lease);
            throw e;
        }
        return result.whenComplete((value, failure) -> release(lease));
    }

    @Override
    public void close() {
        List<HttpClient> clients = new ArrayList<>();
        synchronized (this) {
            closed = true;
            byServerName.values().forEach(lease -> clients.add(lease.client));
            byServerName.clear();
        }
        clients.forEach(HttpClient::shutdownNow);
        shared.shutdownNow();
    }

    private synchronized Lease acquire(String serverName) {
        if (closed) {
            throw new IllegalStateException("fetcher is closed");
        }
        Lease lease = byServerName.computeIfAbsent(serverName, name -> new Lease(newClient(parametersFor(name))));
        lease.inFlight++;
        return lease;
    }

    private void release(Lease lease) {
        synchronized (this) {
            lease.inFlight--;
        }
        evictIdle();
    }

    /** Closes least recently used idle clients while over capacity; busy ones stay until released. */
    private void evictIdle() {
        List<HttpClient> evicted = new ArrayList<>();
        synchronized (this) {
            Iterator<Lease> leases = byServerName.values().iterator();
            while (byServerName.size() > maxTlsClients && leases.hasNext()) {
                Lease lease = leases.next();
                if (lease.inFlight == 0) {
                    leases.remove();
                    evicted.add(lease.client);
                }
            }
        }
        evicted.forEach(HttpClient::shutdown);
    }

    private SSLParameters parametersFor(String serverName) {
        SSLParameters parameters = sslContext.getDefaultSSLParameters();
        // SNIHostName refuses a trailing dot; the certificate names the host without it.
        String name = serverName.endsWith(".") ? serverName.substring(0, serverName.length() - 1) : serverName;
        try {
            parameters.setServerNames(List.of(new SNIHostName(name)));
        } catch (IllegalArgumentException e) {
            // Not a valid SNI name (e.g. it holds '_'): connect without SNI; verification then
            // fails unless the certificate names the address, which is the safe outcome.
        }
        return parameters;
    }

    private HttpClient newClient(SSLParameters parameters) {
        return HttpClient.newBuilder()
                .executor(executor)
                .proxy(HttpClient.Builder.NO_PROXY)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(sslContext)
                .sslParameters(parameters)
                .build();
    }

    private static void requireHostHeaderAllowed() {
        try {
            HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "probe.invalid");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the JDK HTTP client refuses to let fetch set the Host header; start "
                    + "the JVM with -D" + RESTRICTED_HEADERS_PROPERTY + "=host", e);
        }
    }

    /** A client for one server name and the number of exchanges using it; guarded by the outer instance. */
    private static final class Lease {
        final HttpClient client;
        int inFlight;

        Lease(HttpClient client) {
            this.client = client;
        }
    }
}
