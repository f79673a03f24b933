package dev.appserver.orchestrator.services;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * A PostgreSQL endpoint as the JDBC driver takes it: a URL without credentials, a user and a
 * password (empty when the server asks for none). Given either as a JDBC URL,
 * {@code jdbc:postgresql://HOST[:PORT]/DATABASE?user=USER&password=PASSWORD}, or as a libpq URI,
 * {@code postgresql://USER:PASSWORD@HOST[:PORT]/DATABASE} (as many platforms hand them out).
 */
record PostgresConnection(String jdbcUrl, String user, String password) {
    static final String EXPECTED = "jdbc:postgresql://HOST[:PORT]/DATABASE?user=USER&password=PASSWORD"
            + " or postgresql://USER:PASSWORD@HOST[:PORT]/DATABASE";
    private static final String JDBC_PREFIX = "jdbc:postgresql:";

    static PostgresConnection parse(ConfiguredValue given) throws InvalidEndpointException {
        String value = given.value();
        if (value.startsWith("postgresql://") || value.startsWith("postgres://")) {
            return fromJdbcUrl(toJdbcUrl(given), given);
        }
        if (!value.startsWith(JDBC_PREFIX)) {
            throw given.invalid("not a PostgreSQL URL", EXPECTED);
        }
        return fromJdbcUrl(value, given);
    }

    private static PostgresConnection fromJdbcUrl(String url, ConfiguredValue given) throws InvalidEndpointException {
        Properties parsed = Driver.parseURL(url, new Properties());
        if (parsed == null || !url.startsWith(JDBC_PREFIX + "//")) {
            throw given.invalid("not a valid PostgreSQL JDBC URL", EXPECTED);
        }
        String user = parsed.getProperty("user", "");
        if (user.isEmpty()) {
            throw given.invalid("it names no user", EXPECTED);
        }
        return new PostgresConnection(withoutCredentials(url), user, parsed.getProperty("password", ""));
    }

    /** {@code postgresql://user:secret@host:5432/db?x=y} to {@code jdbc:postgresql://host:5432/db?x=y&user=user&password=secret}. */
    private static String toJdbcUrl(ConfiguredValue given) throws InvalidEndpointException {
        URI uri;
        try {
            uri = new URI(given.value());
        } catch (URISyntaxException e) {
            throw given.invalid("not a valid URI (" + e.getReason() + ")", EXPECTED);
        }
        if (uri.getHost() == null) {
            throw given.invalid("it names no host (several hosts need the JDBC form)", EXPECTED);
        }
        if (uri.getPort() != -1) {
            Ports.parse(Integer.toString(uri.getPort()), "it", given, EXPECTED);
        }
        List<String> parameters = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            parameters.add(uri.getRawQuery());
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            parameters.add("user=" + reencoded(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                parameters.add("password=" + reencoded(userInfo.substring(colon + 1)));
            }
        }
        return JDBC_PREFIX + "//" + uri.getRawAuthority().substring(userInfo == null ? 0 : userInfo.length() + 1)
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
    }

    /** Percent-encoding in a URI's user info to query-parameter encoding (which the driver decodes). */
    private static String reencoded(String userInfoPart) {
        return URLEncoder.encode(URLDecoder.decode(userInfoPart.replace("+", "%2B"), StandardCharsets.UTF_8),
                StandardCharsets.UTF_8);
    }

    /** The URL without its {@code user} and {@code password} parameters, which travel separately. */
    private static String withoutCredentials(String url) {
        int question = url.indexOf('?');
        if (question < 0) {
            return url;
        }
        List<String> kept = new ArrayList<>();
        for (String parameter : url.substring(question + 1).split("&")) {
            String name = URLDecoder.decode(parameter.split("=", 2)[0], StandardCharsets.UTF_8);
            if (!parameter.isEmpty() && !name.equals("user") && !name.equals("password")) {
                kept.add(parameter);
            }
        }
        return url.substring(0, question) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    }

    @Override
    public String toString() {
        return "PostgresConnection[jdbcUrl=" + Redaction.redact(jdbcUrl) + ", user=" + user + ", password="
                + (password.isEmpty() ? "" : Redaction.HIDDEN) + "]";
    }
}
