package dev.appserver.orchestrator.hostservices.fetch;

import java.util.Locale;

/** node-fetch's {@code redirect} option: what to do with a 3xx response that has a Location. */
public enum RedirectMode {
    /** Follow it (up to the limit), checking the egress policy on every hop. */
    FOLLOW,
    /** Return the 3xx response as it is. */
    MANUAL,
    /** Fail with a {@code no-redirect} {@link FetchFailure}. */
    ERROR;

    /** The mode named as in node-fetch ({@code "follow"}, {@code "manual"}, {@code "error"}). */
    public static RedirectMode fromName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "follow" -> FOLLOW;
            case "manual" -> MANUAL;
            case "error" -> ERROR;
            default -> throw new IllegalArgumentException("redirect mode must be follow, manual or error: " + name);
        };
    }
}
