package dev.appserver.orchestrator.hostservices.fetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** node-fetch's rules for following a redirect. Pure functions; thread-safe. */
final class Redirects {

    /** Credentials node-fetch does not carry to another host or scheme. */
    private static final Set<String> SENSITIVE_HEADERS = Set.of("authorization", "www-authenticate", "cookie", "cookie2");

    private Redirects() {}

    /** Whether node-fetch treats {@code status} as a redirect. */
    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * The request for the hop after a {@code status} response from {@code from} carrying
     * {@code location}: the location resolved against {@code from}; GET without a body after a 303,
     * or after a 301/302 to a POST; credentials dropped unless the next host is the same as or a
     * subdomain of this one and the scheme is unchanged. The next URL is not judged here: the
     * next hop goes through the egress policy like the first.
     */
    static FetchRequest next(FetchRequest current, FetchUrl from, int status, String location) throws FetchFailure {
        String nextUrl;
        try {
            nextUrl = URI.create(from.href()).resolve(new URI(FetchUrl.encodeLeniently(location))).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw FetchFailure.invalidRedirect(location);
        }
        FetchRequest next = current.withUrl(nextUrl);
        if (status == 303 || ((status == 301 || status == 302) && current.method().equals("POST"))) {
            next = next.withMethod("GET").withBody(Optional.empty());
        }
        return keepsCredentials(from, nextUrl) ? next : next.withHeaders(withoutCredentials(next.headers()));
    }

    private static boolean keepsCredentials(FetchUrl from, String nextUrl) {
        FetchUrl to;
        try {
            to = FetchUrl.parse(nextUrl);
        } catch (IllegalArgumentException e) {
            return false; // the next hop fails anyway; drop them to be safe
        }
        boolean sameOrSubdomain = to.host().equals(from.host()) || to.host().endsWith("." + from.host());
        return sameOrSubdomain && to.scheme().equals(from.scheme());
    }

    private static Map<String, List<String>> withoutCredentials(Map<String, List<String>> headers) {
        Map<String, List<String>> kept = new LinkedHashMap<>(headers);
        kept.keySet().removeIf(name -> SENSITIVE_HEADERS.contains(name.toLowerCase(Locale.ROOT)));
        return kept;
    }
}
