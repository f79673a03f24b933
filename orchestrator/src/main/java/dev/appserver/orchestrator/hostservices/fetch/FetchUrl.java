package dev.appserver.orchestrator.hostservices.fetch;

import static java.util.Objects.requireNonNull;

import java.io.Serial;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An absolute {@code http} or {@code https} URL as the egress guard understands it: scheme and
 * host in canonical form (see {@link HostNames}), the port to connect to, and the raw path and
 * query. Fragments are dropped (they are never sent); user info is refused, since
 * {@code http://trusted@evil/} is a classic way to make a reader and a parser disagree on the host.
 *
 * @param scheme       {@code http} or {@code https}
 * @param host         canonical host: a lower-case name, dotted IPv4, or bracketed IPv6
 * @param port         the port to connect to (the scheme's default when the URL names none)
 * @param pathAndQuery raw path (at least {@code /}) and, if present, {@code ?} and the raw query
 */
public record FetchUrl(String scheme, String host, int port, String pathAndQuery) {

    public FetchUrl {
        requireNonNull(scheme, "scheme is null");
        requireNonNull(host, "host is null");
        requireNonNull(pathAndQuery, "pathAndQuery is null");
    }

    /** Thrown by {@link #parse} for a scheme other than http and https: a refusal, not a typo. */
    static final class UnsupportedSchemeException extends IllegalArgumentException {
        @Serial
        private static final long serialVersionUID = 1L;

        UnsupportedSchemeException() {
            super("only http and https are allowed");
        }
    }

    private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*");

    /**
     * Parses an absolute URL string the way a WHATWG URL would read it where the two matter for
     * safety: surrounding whitespace and embedded tabs and newlines are removed, a backslash ends
     * the authority and separates path segments, and characters WHATWG leaves raw but {@link URI}
     * refuses (such as {@code {}|^} in a query) are percent-encoded. The scheme is checked before
     * anything else, so {@code javascript:...} is refused as a scheme, not as a malformed URL.
     *
     * @throws UnsupportedSchemeException when the scheme is not http or https
     * @throws IllegalArgumentException with a reason fit for an app: not an absolute URL, user
     *     info, bad host or port
     */
    static FetchUrl parse(String url) {
        String cleaned = url.strip().replaceAll("[\\t\\n\\r]", "");
        int colon = cleaned.indexOf(':');
        if (colon < 1 || !SCHEME.matcher(cleaned.substring(0, colon)).matches()) {
            throw new IllegalArgumentException("only absolute URLs are supported");
        }
        String scheme = cleaned.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UnsupportedSchemeException();
        }
        URI uri;
        try {
            uri = new URI(encodeLeniently(cleaned));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid URL: " + e.getReason(), e);
        }
        return fromAuthority(scheme, uri);
    }

    /** The URL as text, with the port only when it is not the scheme's default. */
    public String href() {
        return scheme + "://" + authority() + pathAndQuery;
    }

    /** The {@code Host} header value: the host, and the port when not the default. */
    public String authority() {
        return port == defaultPort(scheme) ? host : host + ":" + port;
    }

    @Override
    public String toString() {
        return href();
    }

    /** The same URL with its host replaced by {@code address}: what the client connects to. */
    URI pinnedTo(InetAddress address) {
        return URI.create(scheme + "://" + HostNames.literalOf(address) + ":" + port + pathAndQuery);
    }

    private static FetchUrl fromAuthority(String scheme, URI uri) {
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw new IllegalArgumentException("URL has no host");
        }
        if (authority.contains("@")) {
            throw new IllegalArgumentException("URLs with credentials are not supported");
        }
        int portSeparator = authority.startsWith("[") ? authority.indexOf(':', authority.indexOf(']'))
                : authority.lastIndexOf(':');
        String host = portSeparator < 0 ? authority : authority.substring(0, portSeparator);
        String portText = portSeparator < 0 ? "" : authority.substring(portSeparator + 1);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new FetchUrl(scheme, HostNames.canonical(host), port(portText, scheme), path + query);
    }

    private static int port(String text, String scheme) {
        if (text.isEmpty()) {
            return defaultPort(scheme);
        }
        if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("invalid port '" + text + "'");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid port '" + text + "'");
        }
        return port;
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    /**
     * Drops the fragment of an absolute or relative URL, turns backslashes before the query into slashes (as WHATWG does for
     * http and https), and percent-encodes after the authority the characters a WHATWG URL may
     * hold raw but {@link URI} rejects: non-ASCII, controls, space, {@code "<>[]\^`{|}}, and a
     * {@code %} that does not start an escape. The authority is left alone: a bad host must fail,
     * not be escaped.
     */
    static String encodeLeniently(String url) {
        int fragment = url.indexOf('#');
        String withoutFragment = fragment < 0 ? url : url.substring(0, fragment);
        int schemeEnd = withoutFragment.indexOf("://");
        int authorityEnd = schemeEnd >= 0 ? schemeEnd + 3 : withoutFragment.startsWith("//") ? 2 : 0;
        boolean hasAuthority = authorityEnd > 0;
        while (hasAuthority && authorityEnd < withoutFragment.length()
                && "/?\\".indexOf(withoutFragment.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        StringBuilder encoded = new StringBuilder(withoutFragment.substring(0, authorityEnd));
        boolean inQuery = false;
        for (int i = authorityEnd; i < withoutFragment.length(); i++) {
            char c = withoutFragment.charAt(i);
            inQuery |= c == '?';
            if (c == '\\' && !inQuery) {
                encoded.append('/');
            } else if (c == '%' && isEscape(withoutFragment, i)) {
                encoded.append(c);
            } else if (c <= ' ' || c >= 0x7f || "\"<>[]\\^`{|}%".indexOf(c) >= 0) {
                int end = Character.isHighSurrogate(c) && i + 1 < withoutFragment.length() ? i + 2 : i + 1;
                for (byte b : withoutFragment.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    encoded.append('%').append(String.format("%02X", b & 0xff));
                }
                i = end - 1;
            } else {
                encoded.append(c);
            }
        }
        return encoded.toString();
    }

    private static boolean isEscape(String url, int index) {
        return index + 2 < url.length()
                && Character.digit(url.charAt(index + 1), 16) >= 0
                && Character.digit(url.charAt(index + 2), 16) >= 0;
    }
}
