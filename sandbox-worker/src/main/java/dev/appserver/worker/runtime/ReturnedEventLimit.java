package dev.appserver.worker.runtime;

/**
 * The largest event an app may return from {@code processEvent}, in UTF-8 bytes of its JSON. A
 * larger one is that app's failure: the event goes on as it was before the app ran, and the app is
 * listed in {@code $plugins_failed}. Without it one app could make a response too large to send
 * (or fill the worker's heap with copies), failing the whole batch instead of its own invocation.
 *
 * <p>The same bound as the orchestrator's largest output ({@code BatchLimits.DEFAULT_MAX_OUTPUT_BYTES}):
 * an event larger than that could never be produced anyway.
 */
final class ReturnedEventLimit {
    static final int MAX_BYTES = 1_000_000;

    private ReturnedEventLimit() {}

    /** The failure reason when {@code json} is over the limit, or null when it is within it. */
    static String check(String json) {
        return check(json, MAX_BYTES);
    }

    static String check(String json, int maxBytes) {
        // UTF-8 never takes fewer bytes than UTF-16 code units, nor more than three per unit.
        if ((long) json.length() * 3 <= maxBytes) {
            return null;
        }
        long bytes = utf8Length(json);
        if (bytes <= maxBytes) {
            return null;
        }
        return "Error: processEvent returned an event of " + bytes + " bytes; the largest an app may return is "
                + maxBytes + " bytes";
    }

    private static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
