package dev.appserver.orchestrator.hostservices.fetch;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * Translates what the JDK client fails with into the {@link FetchFailure} node-fetch would give,
 * with node's error codes, so an app's error handling sees what it would see under PostHog.
 * Pure functions; thread-safe.
 */
final class SystemErrors {

    private SystemErrors() {}

    /**
     * The failure for {@code error}, raised while fetching {@code url} from {@code target}
     * (node names the address and port for connection errors).
     */
    static FetchFailure translate(Throwable error, String url, InetSocketAddress target, long bodyLimit) {
        Throwable cause = unwrap(error);
        String address = HostNames.textOf(target.getAddress()) + ":" + target.getPort();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            FetchFailure failure = match(t, url, address, bodyLimit);
            if (failure != null) {
                return failure;
            }
        }
        return FetchFailure.system(url, "EIO", String.valueOf(cause.getMessage()), cause);
    }

    /** The failure {@code t} stands for, or null when a cause of it may say more. */
    private static FetchFailure match(Throwable t, String url, String address, long bodyLimit) {
        String messages = messages(t);
        return switch (t) {
            case FetchFailure failure -> failure;
            case CappedBodySubscriber.BodyTooLargeException e -> FetchFailure.maxSize(url, bodyLimit);
            case HttpTimeoutException e -> FetchFailure.timeout(url);
            case NoRouteToHostException e -> connect(url, "EHOSTUNREACH", address, e);
            case ConnectException e when messages.contains("network is unreachable") ->
                    connect(url, "ENETUNREACH", address, e);
            case ConnectException e when messages.contains("timed out") -> connect(url, "ETIMEDOUT", address, e);
            case ConnectException e -> connect(url, "ECONNREFUSED", address, e);
            case SSLException e -> FetchFailure.system(url, "EPROTO", String.valueOf(e.getMessage()), e);
            case EOFException e -> FetchFailure.system(url, "ECONNRESET", "socket hang up", e);
            case Throwable e when messages.contains("connection reset") ->
                    FetchFailure.system(url, "ECONNRESET", "read ECONNRESET", e);
            default -> null;
        };
    }

    /** The messages of {@code t} and its causes, lower-cased: the JDK often wraps the telling one. */
    private static String messages(Throwable t) {
        StringBuilder text = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            text.append(c.getMessage()).append('\n');
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    /** {@code error} itself when it is (or wraps) a {@link FetchFailure}, else an {@code EIO} one. */
    static FetchFailure asFetchFailure(Throwable error, String url) {
        Throwable cause = unwrap(error);
        return cause instanceof FetchFailure failure
                ? failure
                : FetchFailure.system(url, "EIO", String.valueOf(cause.getMessage()), cause);
    }

    private static FetchFailure connect(String url, String code, String address, Throwable cause) {
        return FetchFailure.system(url, code, "connect " + code + " " + address, cause);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
