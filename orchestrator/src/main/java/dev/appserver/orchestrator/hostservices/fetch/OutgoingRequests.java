package dev.appserver.orchestrator.hostservices.fetch;

import java.net.InetAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns an app's {@link FetchRequest} into the HTTP request actually sent.
 *
 * <p>Headers that describe the connection or the message framing are the client's business, not
 * the app's, and are dropped without an error (as browsers do with forbidden headers): an app
 * could otherwise smuggle a second request ({@code Content-Length}, {@code Transfer-Encoding}),
 * retarget a virtual host ({@code Host}) or talk to a proxy. {@code Accept-Encoding} is dropped
 * too because bodies are not decompressed here, so servers must send them as they are.
 * Invalid names or values, a forbidden method or a body on GET/HEAD are rejected, as node-fetch
 * rejects them with a TypeError. Pure functions; thread-safe.
 */
final class OutgoingRequests {

    private static final Set<String> DROPPED_HEADERS = Set.of(
            "host", "content-length", "transfer-encoding", "connection", "keep-alive", "proxy-connection",
            "te", "trailer", "upgrade", "expect", "http2-settings", "proxy-authorization",
            "proxy-authenticate", "accept-encoding");
    private static final Set<String> FORBIDDEN_METHODS = Set.of("CONNECT", "TRACE", "TRACK");
    private static final Pattern HTTP_WHITESPACE_AROUND = Pattern.compile("^[ \\t\\r\\n]+|[ \\t\\r\\n]+$");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private OutgoingRequests() {}

    /**
     * {@code request} validated, with the method upper-cased (as node-fetch 2 does), header values
     * trimmed and dropped headers removed.
     */
    static FetchRequest sanitize(FetchRequest request) throws FetchFailure {
        String method = request.method().toUpperCase(Locale.ROOT);
        if (!TOKEN.matcher(method).matches() || FORBIDDEN_METHODS.contains(method)) {
            throw FetchFailure.invalidRequest("'" + request.method() + "' is not a valid HTTP method");
        }
        if (request.body().isPresent() && (method.equals("GET") || method.equals("HEAD"))) {
            throw FetchFailure.invalidRequest("Request with GET/HEAD method cannot have body");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            String name = header.getKey();
            if (!TOKEN.matcher(name).matches()) {
                throw FetchFailure.invalidRequest(name + " is not a legal HTTP header name");
            }
            if (DROPPED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (String value : header.getValue()) {
                values.add(validValue(name, value));
            }
            headers.put(name, values);
        }
        return request.withMethod(method).withHeaders(headers);
    }

    /**
     * The request for one hop of a sanitized {@code request}: sent to {@code address}, with the
     * {@code Host} header naming {@code url}'s host, plus node-fetch's default {@code User-Agent}
     * and {@code Accept} where the app set none.
     */
    static HttpRequest build(FetchRequest request, FetchUrl url, InetAddress address, String userAgent)
            throws FetchFailure {
        HttpRequest.Builder builder = withMethodAndBody(HttpRequest.newBuilder(url.pinnedTo(address)), request)
                .header("Host", url.authority());
        Set<String> present = new HashSet<>();
        try {
            request.headers().forEach((name, values) -> {
                present.add(name.toLowerCase(Locale.ROOT));
                values.forEach(value -> builder.header(name, value));
            });
        } catch (IllegalArgumentException e) {
            // The client's own header rules, in case they are stricter than sanitize's.
            throw FetchFailure.invalidRequest(e.getMessage());
        }
        if (!present.contains("user-agent")) {
            builder.header("User-Agent", userAgent);
        }
        if (!present.contains("accept")) {
            builder.header("Accept", "*/*");
        }
        return builder.build();
    }

    /**
     * Bodiless GET, HEAD and DELETE go without {@code Content-Length}, as node sends them; other
     * methods without a body send {@code Content-Length: 0}, as node does.
     */
    private static HttpRequest.Builder withMethodAndBody(HttpRequest.Builder builder, FetchRequest request) {
        if (request.body().isPresent()) {
            return builder.method(request.method(), BodyPublishers.ofByteArray(request.body().get()));
        }
        return switch (request.method()) {
            case "GET" -> builder.GET();
            case "HEAD" -> builder.HEAD();
            case "DELETE" -> builder.DELETE();
            default -> builder.method(request.method(), BodyPublishers.noBody());
        };
    }

    private static String validValue(String name, String value) throws FetchFailure {
        String trimmed = HTTP_WHITESPACE_AROUND.matcher(value).replaceAll("");
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c > 0xff) {
                throw FetchFailure.invalidRequest("Invalid character in header content [\"" + name + "\"]");
            }
        }
        return trimmed;
    }
}
