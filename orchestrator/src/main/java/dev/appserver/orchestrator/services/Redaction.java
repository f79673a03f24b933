package dev.appserver.orchestrator.services;

import java.util.regex.Pattern;

/** Hides the passwords in service URLs before they reach a log line or an error message. */
public final class Redaction {
    static final String HIDDEN = "***";

    // scheme://user:password@ and scheme://:password@
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/?#@:]*):[^/?#@]*@");
    // ?password=... and &password=... (JDBC)
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("([?&;]password=)[^&;]*", Pattern.CASE_INSENSITIVE);

    private Redaction() {
    }

    /** {@code url} with the password in its user info and in a {@code password} parameter replaced by {@code ***}. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String hidden = USER_INFO_PASSWORD.matcher(url).replaceAll("$1:" + HIDDEN + "@");
        return PASSWORD_PARAMETER.matcher(hidden).replaceAll("$1" + HIDDEN);
    }
}
