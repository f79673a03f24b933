package dev.appserver.orchestrator.hostservices.fetch;

import java.util.concurrent.CompletableFuture;

/**
 * Executes an app's {@code fetch} on the orchestrator, behind the egress guard.
 *
 * <p>The returned future completes with a {@link FetchResult} for any HTTP response (4xx and 5xx
 * included, as in node-fetch), or exceptionally with a {@link FetchFailure} when there is none:
 * refused by the guard, invalid URL or request, network error, timeout, body over the size limit,
 * redirect limits. Cancelling the future aborts the exchange. Implementations are thread-safe.
 */
public interface Fetcher {

    CompletableFuture<FetchResult> fetch(FetchRequest request);
}
