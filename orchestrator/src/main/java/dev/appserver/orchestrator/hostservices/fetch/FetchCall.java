package dev.appserver.orchestrator.hostservices.fetch;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One app {@code fetch}: its hops through the egress policy, the client and the redirect rules,
 * under one deadline.
 *
 * <p>Each hop first asks the policy (on the executor, since resolving may block), then sends to
 * the judged address only. The deadline covers the whole call; when it passes, or when the caller
 * cancels the result, the exchange in flight is cancelled, which makes the JDK client close its
 * connection. Used once; its methods run on the executor and the client's threads.
 */
final class FetchCall {

    private final FetchRequest request;
    private final EgressPolicy policy;
    private final PinnedClients clients;
    private final FetchSettings settings;
    private final Executor executor;
    private final CompletableFuture<FetchResult> result = new CompletableFuture<>();
    private final AtomicReference<CompletableFuture<?>> inFlight = new AtomicReference<>();
    private volatile String currentUrl;

    FetchCall(FetchRequest request, EgressPolicy policy, PinnedClients clients, FetchSettings settings, Executor executor) {
        this.request = requireNonNull(request, "request is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.clients = requireNonNull(clients, "clients is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.currentUrl = request.url();
    }

    /** Starts the call; the result completes as {@link Fetcher#fetch} describes. */
    CompletableFuture<FetchResult> start() {
        startDeadline();
        try {
            hop(OutgoingRequests.sanitize(request), 0);
        } catch (FetchFailure failure) {
            result.completeExceptionally(failure);
        }
        return result;
    }

    private void startDeadline() {
        // Zero or negative means "no timeout" in node-fetch; here it means the fetcher's limit.
        Duration timeout = request.timeout()
                .filter(asked -> asked.isPositive() && asked.compareTo(settings.timeout()) < 0)
                .orElse(settings.timeout());
        // orTimeout cancels its timer when the future completes, so finished calls hold no timer.
        CompletableFuture<Void> deadline = new CompletableFuture<Void>().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        deadline.whenCompleteAsync((ignored, expired) -> {
            if (expired instanceof TimeoutException) {
                result.completeExceptionally(FetchFailure.timeout(currentUrl));
            }
        }, executor);
        result.whenComplete((ignored, failure) -> {
            deadline.complete(null);
            if (failure != null) {
                CompletableFuture<?> exchange = inFlight.get();
                if (exchange != null) {
                    exchange.cancel(true);
                }
            }
        });
    }

    private void hop(FetchRequest hopRequest, int redirects) {
        currentUrl = hopRequest.url();
        CompletableFuture.supplyAsync(() -> policy.check(hopRequest.url()), executor)
                .thenCompose(decision -> switch (decision) {
                    case EgressDecision.Allowed allowed -> send(hopRequest, allowed)
                            .thenApply(response -> new Response(allowed.url(), response));
                    case EgressDecision.Refused refused ->
                            CompletableFuture.failedFuture(FetchFailure.egress(hopRequest.url(), refused.reason()));
                    case EgressDecision.InvalidUrl invalid ->
                            CompletableFuture.failedFuture(FetchFailure.invalidUrl(hopRequest.url(), invalid.reason()));
                    case EgressDecision.HostNotFound notFound ->
                            CompletableFuture.failedFuture(FetchFailure.hostNotFound(hopRequest.url(), notFound.host()));
                })
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(SystemErrors.asFetchFailure(failure, hopRequest.url()));
                    } else {
                        onResponse(hopRequest, response, redirects);
                    }
                });
    }

    private CompletableFuture<HttpResponse<byte[]>> send(FetchRequest hopRequest, EgressDecision.Allowed allowed) {
        if (result.isDone()) {
            return CompletableFuture.failedFuture(new IllegalStateException("call already ended"));
        }
        InetAddress address = allowed.addresses().getFirst();
        InetSocketAddress target = new InetSocketAddress(address, allowed.url().port());
        HttpRequest httpRequest;
        try {
            httpRequest = OutgoingRequests.build(hopRequest, allowed.url(), address, settings.userAgent());
        } catch (FetchFailure failure) {
            return CompletableFuture.failedFuture(failure);
        }
        CompletableFuture<HttpResponse<byte[]>> exchange;
        try {
            exchange = clients.withClient(allowed.url(), client -> {
                CompletableFuture<HttpResponse<byte[]>> sent =
                        client.sendAsync(httpRequest, CappedBodySubscriber.handler(settings.maxBodyBytes()));
                inFlight.set(sent);
                if (result.isDone()) {
                    sent.cancel(true); // ended (deadline, cancel) between the check above and now
                }
                return sent;
            });
        } catch (RuntimeException e) {
            exchange = CompletableFuture.failedFuture(e);
        }
        return exchange.exceptionallyCompose(error -> CompletableFuture.failedFuture(
                SystemErrors.translate(error, hopRequest.url(), target, settings.maxBodyBytes())));
    }

    private void onResponse(FetchRequest hopRequest, Response response, int redirects) {
        int status = response.http().statusCode();
        if (!Redirects.isRedirect(status)) {
            result.complete(toResult(response, redirects));
            return;
        }
        Optional<String> location = response.http().headers().firstValue("location");
        switch (request.redirect()) {
            case ERROR -> result.completeExceptionally(FetchFailure.noRedirect(hopRequest.url()));
            case MANUAL -> result.complete(toResult(response, redirects));
            case FOLLOW -> {
                if (location.isEmpty()) {
                    result.complete(toResult(response, redirects));
                } else if (redirects >= settings.maxRedirects()) {
                    result.completeExceptionally(FetchFailure.maxRedirect(hopRequest.url()));
                } else {
                    try {
                        hop(Redirects.next(hopRequest, response.url(), status, location.get()), redirects + 1);
                    } catch (FetchFailure failure) {
                        result.completeExceptionally(failure);
                    }
                }
            }
        }
    }

    private static FetchResult toResult(Response response, int redirects) {
        HttpResponse<byte[]> http = response.http();
        return new FetchResult(http.statusCode(), StatusTexts.of(http.statusCode()), lowerCaseNames(http.headers()),
                http.body(), response.url().href(), redirects > 0);
    }

    private static Map<String, List<String>> lowerCaseNames(HttpHeaders headers) {
        Map<String, List<String>> lowerCased = new LinkedHashMap<>();
        headers.map().forEach((name, values) -> {
            if (!name.startsWith(":")) { // HTTP/2 pseudo-headers, should a server ever get there
                lowerCased.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ArrayList<>()).addAll(values);
            }
        });
        return lowerCased;
    }

    /** A response and the URL it answers. */
    private record Response(FetchUrl url, HttpResponse<byte[]> http) {}
}
