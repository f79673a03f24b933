package dev.appserver.orchestrator.hostservices;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import dev.appserver.orchestrator.hostservices.fetch.FetchFailure;
import dev.appserver.orchestrator.hostservices.fetch.FetchRequest;
import dev.appserver.orchestrator.hostservices.fetch.FetchResult;
import dev.appserver.orchestrator.hostservices.fetch.Fetcher;
import dev.appserver.orchestrator.hostservices.fetch.RedirectMode;
import dev.appserver.proto.v1.FetchCall;
import dev.appserver.proto.v1.FetchResponse;
import dev.appserver.proto.v1.Header;
import dev.appserver.proto.v1.HostCall;
import dev.appserver.proto.v1.HostError;
import dev.appserver.proto.v1.HostResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.LongPredicate;

/**
 * The {@code fetch} host service: turns an app's {@link FetchCall} into a {@link FetchRequest}
 * for the egress-guarded {@link Fetcher}, and its outcome into a {@link HostResult}: a response,
 * or a node-fetch {@code FetchError} (type and code included) that the app can catch.
 */
public final class FetchHostService implements BiFunction<InstanceBinding, HostCall, CompletableFuture<HostResult>> {
    private final Fetcher fetcher;
    private final LongPredicate quota;

    /** Fetches without a quota. */
    public FetchHostService(Fetcher fetcher) {
        this(fetcher, teamId -> true);
    }

    /**
     * Fetches while {@code quota} (given the tenant) allows it; a call it refuses fails at once,
     * without a connection, with a {@code FetchError} of type {@code quota}.
     */
    public FetchHostService(Fetcher fetcher, LongPredicate quota) {
        this.fetcher = requireNonNull(fetcher, "fetcher is null");
        this.quota = requireNonNull(quota, "quota is null");
    }

    @Override
    public CompletableFuture<HostResult> apply(InstanceBinding from, HostCall call) {
        if (!quota.test(from.teamId())) {
            return CompletableFuture.completedFuture(error("quota", "", "request to " + call.getFetch().getUrl()
                    + " refused: the tenant is past its quota of fetch calls per minute"));
        }
        FetchRequest request;
        try {
            request = request(call.getFetch());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(error("invalid-request", "", String.valueOf(e.getMessage())));
        }
        return fetcher.fetch(request).handle((result, failure) -> failure == null ? response(result) : error(failure));
    }

    private static FetchRequest request(FetchCall call) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header h : call.getHeadersList()) {
            headers.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
        }
        RedirectMode redirect = RedirectMode.fromName(call.getRedirect().isEmpty() ? "follow" : call.getRedirect());
        Optional<byte[]> body = call.getHasBody() ? Optional.of(call.getBody().toByteArray()) : Optional.empty();
        Optional<Duration> timeout = call.getTimeoutMillis() > 0
                ? Optional.of(Duration.ofMillis(call.getTimeoutMillis())) : Optional.empty();
        return new FetchRequest(call.getUrl(), call.getMethod().isEmpty() ? "GET" : call.getMethod(), headers, body,
                redirect, timeout);
    }

    private static HostResult response(FetchResult result) {
        FetchResponse.Builder response = FetchResponse.newBuilder()
                .setStatus(result.status())
                .setStatusText(result.statusText())
                .setBody(ByteString.copyFrom(result.body()))
                .setUrl(result.url())
                .setRedirected(result.redirected());
        result.headers().forEach((name, values) -> values.forEach(
                value -> response.addHeaders(Header.newBuilder().setName(name).setValue(value))));
        return HostResult.newBuilder().setFetch(response).build();
    }

    private static HostResult error(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof FetchFailure f) {
            return error(f.type().wireName(), f.code().orElse(""), f.getMessage());
        }
        return error("system", "", "request failed, reason: " + cause.getMessage());
    }

    private static HostResult error(String type, String code, String message) {
        return HostResult.newBuilder().setError(HostError.newBuilder()
                .setName("FetchError").setType(type).setCode(code).setMessage(message)).build();
    }
}
