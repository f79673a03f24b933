package dev.appserver.orchestrator.hostservices.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * Builds {@link HttpFetcher}s for tests over a {@link FakeHostResolver} and a small executor, and
 * closes them all at the end. Every fetcher's policy allow-lists only the hosts a test names, and
 * tests aim only at loopback servers.
 */
final class FetcherHarness implements AutoCloseable {

    final FakeHostResolver resolver = new FakeHostResolver();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<HttpFetcher> fetchers = new CopyOnWriteArrayList<>();

    HttpFetcher fetcher(FetchSettings settings, SSLContext tls, HostResolver hostResolver, String... allowedHosts) {
        HttpFetcher fetcher = new HttpFetcher(new EgressPolicy(hostResolver, List.of(allowedHosts)), settings, executor, tls);
        fetchers.add(fetcher);
        return fetcher;
    }

    HttpFetcher fetcher(FetchSettings settings, String... allowedHosts) {
        try {
            return fetcher(settings, SSLContext.getDefault(), resolver, allowedHosts);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpFetcher fetcher(String... allowedHosts) {
        return fetcher(FetchSettings.defaults(), allowedHosts);
    }

    /** The result of {@code request}, which must succeed within ten seconds. */
    static FetchResult fetch(Fetcher fetcher, FetchRequest request) throws Exception {
        return fetcher.fetch(request).get(10, TimeUnit.SECONDS);
    }

    /** The failure of {@code request}, which must fail with a {@link FetchFailure} within ten seconds. */
    static FetchFailure failure(Fetcher fetcher, FetchRequest request) throws Exception {
        try {
            FetchResult unexpected = fetcher.fetch(request).get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + unexpected);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(FetchFailure.class);
            return (FetchFailure) e.getCause();
        }
    }

    @Override
    public void close() {
        fetchers.forEach(HttpFetcher::close);
        executor.shutdownNow();
    }
}
