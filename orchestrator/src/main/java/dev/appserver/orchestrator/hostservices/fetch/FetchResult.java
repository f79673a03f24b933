package dev.appserver.orchestrator.hostservices.fetch;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The response to an app's {@code fetch}, read completely, in node-fetch's {@code Response} terms.
 *
 * @param status     HTTP status code
 * @param statusText the reason phrase node gives for {@code status} (see {@link StatusTexts}); the
 *                   JDK client does not expose the one the server sent
 * @param headers    response headers, names in lower case, each name's values in the order
 *                   received (the JDK client does not keep the order between names)
 * @param body       the body bytes, at most the fetcher's limit; not copied, so callers must not
 *                   change them
 * @param url        the URL of the response: the last one in a chain of redirects
 * @param redirected whether at least one redirect was followed
 */
public record FetchResult(
        int status,
        String statusText,
        Map<String, List<String>> headers,
        byte[] body,
        String url,
        boolean redirected) {

    public FetchResult {
        requireNonNull(statusText, "statusText is null");
        requireNonNull(headers, "headers is null");
        requireNonNull(body, "body is null");
        requireNonNull(url, "url is null");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
    }

    /** node-fetch's {@code ok}: status in 200..299. */
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return "FetchResult[" + status + " " + statusText + ", url=" + url + ", redirected=" + redirected
                + ", headers=" + headers.keySet() + ", body=" + body.length + " bytes]";
    }
}
