package dev.appserver.orchestrator.hostservices.fetch;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One app {@code fetch(url, init)} call, as the worker passed it on. Nothing here is trusted:
 * {@link HttpFetcher} validates the method and headers and the egress policy judges the URL.
 *
 * @param url      the URL as the app wrote it (after its {@code URL} parsing, if any)
 * @param method   HTTP method; upper-cased before sending, as node-fetch does
 * @param headers  request headers in the app's order; forbidden and hop-by-hop ones are dropped
 *                 when sending. The caller sets {@code Content-Type} for the body, as node-fetch
 *                 does for strings and {@code URLSearchParams}
 * @param body     request body bytes; not copied, so the caller must not change them afterwards
 * @param redirect what to do with redirects
 * @param timeout  the app's deadline for the whole call, redirects and body included; empty, not
 *                 positive, or longer than the fetcher's limit means the fetcher's limit
 */
public record FetchRequest(
        String url,
        String method,
        Map<String, List<String>> headers,
        Optional<byte[]> body,
        RedirectMode redirect,
        Optional<Duration> timeout) {

    public FetchRequest {
        requireNonNull(url, "url is null");
        requireNonNull(method, "method is null");
        requireNonNull(headers, "headers is null");
        requireNonNull(body, "body is null");
        requireNonNull(redirect, "redirect is null");
        requireNonNull(timeout, "timeout is null");
        headers = copyOf(headers);
    }

    /** A GET of {@code url} with no headers, following redirects, with the default timeout. */
    public static FetchRequest get(String url) {
        return new FetchRequest(url, "GET", Map.of(), Optional.empty(), RedirectMode.FOLLOW, Optional.empty());
    }

    public FetchRequest withUrl(String newUrl) {
        return new FetchRequest(newUrl, method, headers, body, redirect, timeout);
    }

    public FetchRequest withMethod(String newMethod) {
        return new FetchRequest(url, newMethod, headers, body, redirect, timeout);
    }

    /** This request with {@code value} appended to the values of header {@code name}. */
    public FetchRequest withHeader(String name, String value) {
        Map<String, List<String>> newHeaders = new LinkedHashMap<>(headers);
        List<String> values = new ArrayList<>(newHeaders.getOrDefault(name, List.of()));
        values.add(value);
        newHeaders.put(name, values);
        return new FetchRequest(url, method, newHeaders, body, redirect, timeout);
    }

    public FetchRequest withHeaders(Map<String, List<String>> newHeaders) {
        return new FetchRequest(url, method, newHeaders, body, redirect, timeout);
    }

    public FetchRequest withBody(Optional<byte[]> newBody) {
        return new FetchRequest(url, method, headers, newBody, redirect, timeout);
    }

    public FetchRequest withRedirect(RedirectMode newRedirect) {
        return new FetchRequest(url, method, headers, body, newRedirect, timeout);
    }

    public FetchRequest withTimeout(Duration newTimeout) {
        return new FetchRequest(url, method, headers, body, redirect, Optional.of(newTimeout));
    }

    @Override
    public String toString() {
        return "FetchRequest[" + method + " " + url + ", headers=" + headers.keySet()
                + ", body=" + body.map(bytes -> bytes.length + " bytes").orElse("none")
                + ", redirect=" + redirect + ", timeout=" + timeout.map(Duration::toString).orElse("default") + "]";
    }

    private static Map<String, List<String>> copyOf(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(
                requireNonNull(name, "header name is null"), List.copyOf(requireNonNull(values, "header values are null"))));
        return Collections.unmodifiableMap(copy);
    }
}
