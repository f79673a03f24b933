package dev.appserver.orchestrator.hostservices.fetch;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Limits and defaults of a {@link HttpFetcher}, the same for every app.
 *
 * @param maxBodyBytes  largest response body read; a larger one fails the call with {@code max-size}
 * @param timeout       deadline for a whole call (redirects and body included), and the longest an
 *                      app may ask for
 * @param maxRedirects  redirects followed before failing with {@code max-redirect} (node-fetch: 20)
 * @param userAgent     {@code User-Agent} sent when the app sets none
 * @param maxTlsClients HTTPS clients kept for distinct host names (one per name, for SNI; see
 *                      docs/decisions/0003-egress-guard.md); idle ones beyond this are closed
 */
public record FetchSettings(long maxBodyBytes, Duration timeout, int maxRedirects, String userAgent, int maxTlsClients) {

    /** node-fetch 2's default User-Agent, which PostHog apps were written against. */
    public static final String NODE_FETCH_USER_AGENT = "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)";

    public FetchSettings {
        requireNonNull(timeout, "timeout is null");
        requireNonNull(userAgent, "userAgent is null");
        if (maxBodyBytes < 0 || maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBodyBytes out of range: " + maxBodyBytes);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects is negative: " + maxRedirects);
        }
        if (maxTlsClients < 1) {
            throw new IllegalArgumentException("maxTlsClients must be positive: " + maxTlsClients);
        }
    }

    /** 10 MiB bodies, 30 s per call, 20 redirects, node-fetch's User-Agent, 64 HTTPS clients. */
    public static FetchSettings defaults() {
        return new FetchSettings(10L * 1024 * 1024, Duration.ofSeconds(30), 20, NODE_FETCH_USER_AGENT, 64);
    }

    public FetchSettings withMaxBodyBytes(long newMaxBodyBytes) {
        return new FetchSettings(newMaxBodyBytes, timeout, maxRedirects, userAgent, maxTlsClients);
    }

    public FetchSettings withTimeout(Duration newTimeout) {
        return new FetchSettings(maxBodyBytes, newTimeout, maxRedirects, userAgent, maxTlsClients);
    }
}
