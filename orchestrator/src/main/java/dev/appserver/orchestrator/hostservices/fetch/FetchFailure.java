package dev.appserver.orchestrator.hostservices.fetch;

import static java.util.Objects.requireNonNull;

import java.io.Serial;
import java.util.Optional;

/**
 * Why an app's {@code fetch} produced no response, shaped like node-fetch's {@code FetchError}
 * so the worker can rebuild one: a {@link #type()}, for system errors a node error
 * {@link #code()} such as {@code ECONNREFUSED}, and node-fetch's message text, e.g.
 * {@code request to http://127.0.0.1:1/ failed, reason: connect ECONNREFUSED 127.0.0.1:1}.
 *
 * <p>The message is meant for the app; the cause, if any, is for operators' logs. No stack trace
 * is captured: a failure is an outcome of the app's request, not a bug here.
 */
public final class FetchFailure extends Exception {

    /** node-fetch's {@code FetchError.type} values, plus two for requests it rejects up front. */
    public enum Type {
        /** A network error; {@link #code()} holds node's error code. */
        SYSTEM("system"),
        /** Refused by the egress policy before any connection was made. */
        EGRESS("egress"),
        /** The URL is not a usable absolute URL. */
        INVALID_URL("invalid-url"),
        /** Method or headers are not valid HTTP, or a GET/HEAD has a body (a TypeError in node-fetch). */
        INVALID_REQUEST("invalid-request"),
        /** A redirect arrived and the redirect mode is {@code error}. */
        NO_REDIRECT("no-redirect"),
        /** A redirect's Location is not a URL. */
        INVALID_REDIRECT("invalid-redirect"),
        /** Too many redirects. */
        MAX_REDIRECT("max-redirect"),
        /** The call's deadline passed. */
        REQUEST_TIMEOUT("request-timeout"),
        /** The response body is larger than the limit. */
        MAX_SIZE("max-size");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        /** The value of node-fetch's {@code FetchError.type}. */
        public String wireName() {
            return wireName;
        }
    }

    @Serial
    private static final long serialVersionUID = 1L;

    private final Type type;
    private final String code;

    private FetchFailure(Type type, String code, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause, false, false);
        this.type = requireNonNull(type, "type is null");
        this.code = code;
    }

    public Type type() {
        return type;
    }

    /** node's error code ({@code ECONNREFUSED}, {@code ENOTFOUND}, ...) for system errors. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** {@code reason} is node's, e.g. {@code connect ECONNREFUSED 127.0.0.1:1}. */
    static FetchFailure system(String url, String code, String reason, Throwable cause) {
        return new FetchFailure(Type.SYSTEM, requireNonNull(code, "code is null"),
                "request to " + url + " failed, reason: " + reason, cause);
    }

    static FetchFailure hostNotFound(String url, String host) {
        return system(url, "ENOTFOUND", "getaddrinfo ENOTFOUND " + host, null);
    }

    static FetchFailure egress(String url, String reason) {
        return new FetchFailure(Type.EGRESS, null, "request to " + url + " refused: " + reason, null);
    }

    static FetchFailure invalidUrl(String url, String reason) {
        return new FetchFailure(Type.INVALID_URL, null, "Invalid URL " + url + ": " + reason, null);
    }

    static FetchFailure invalidRequest(String reason) {
        return new FetchFailure(Type.INVALID_REQUEST, null, reason, null);
    }

    static FetchFailure noRedirect(String url) {
        return new FetchFailure(Type.NO_REDIRECT, null,
                "uri requested responds with a redirect, redirect mode is set to error: " + url, null);
    }

    static FetchFailure invalidRedirect(String location) {
        return new FetchFailure(Type.INVALID_REDIRECT, null,
                "uri requested responds with an invalid redirect URL: " + location, null);
    }

    static FetchFailure maxRedirect(String url) {
        return new FetchFailure(Type.MAX_REDIRECT, null, "maximum redirect reached at: " + url, null);
    }

    static FetchFailure timeout(String url) {
        return new FetchFailure(Type.REQUEST_TIMEOUT, null, "network timeout at: " + url, null);
    }

    static FetchFailure maxSize(String url, long limit) {
        return new FetchFailure(Type.MAX_SIZE, null, "content size at " + url + " over limit: " + limit, null);
    }

    @Override
    public String toString() {
        return "FetchFailure[" + type.wireName() + (code == null ? "" : " " + code) + "]: " + getMessage();
    }
}
