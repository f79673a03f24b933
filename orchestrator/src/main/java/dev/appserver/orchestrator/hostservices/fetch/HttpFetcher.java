package dev.appserver.orchestrator.hostservices.fetch;

import static java.util.Objects.requireNonNull;

import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/**
 * The {@link Fetcher} over the JDK HTTP client, with node-fetch semantics: redirects followed by
 * hand (every hop judged by the {@link EgressPolicy}), bodies read whole up to a limit, one
 * deadline per call, node-fetch's default {@code User-Agent}.
 *
 * <p>One per orchestrator, built by the composition root, which also owns the executor: a bounded
 * pool that runs name resolution and the client's work. The fetcher never makes a connection the
 * policy has not allowed, and connects only to an address the policy judged
 * (see docs/decisions/0003-egress-guard.md). Thread-safe; {@link #close} aborts calls in flight.
 */
public final class HttpFetcher implements Fetcher, AutoCloseable {

    private final EgressPolicy policy;
    private final FetchSettings settings;
    private final Executor executor;
    private final PinnedClients clients;

    HttpFetcher(EgressPolicy policy, FetchSettings settings, Executor executor, SSLContext sslContext) {
        this.policy = requireNonNull(policy, "policy is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.clients = new PinnedClients(executor, requireNonNull(sslContext, "sslContext is null"),
                settings.maxTlsClients());
    }

    /**
     * A fetcher trusting the JVM's default certificate authorities.
     *
     * @param executor runs name resolution and the HTTP client's tasks; owned by the caller, and
     *                 must outlive this fetcher
     */
    public static HttpFetcher create(EgressPolicy policy, FetchSettings settings, Executor executor) {
        try {
            return new HttpFetcher(policy, settings, executor, SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no default TLS context", e);
        }
    }

    @Override
    public CompletableFuture<FetchResult> fetch(FetchRequest request) {
        return new FetchCall(requireNonNull(request, "request is null"), policy, clients, settings, executor).start();
    }

    @Override
    public void close() {
        clients.close();
    }
}
