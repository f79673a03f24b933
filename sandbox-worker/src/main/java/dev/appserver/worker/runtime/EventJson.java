package dev.appserver.worker.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the worker checks and changes in an event's JSON text without handing it to JS: the
 * {@code team_id} an app may not change, and PostHog's {@code $plugins_*} lists. One pass over the
 * characters with no tree built, where a {@code JSON.parse} in a context would cost several times
 * more (it was most of the worker's time per event).
 *
 * <p>The scanner accepts any valid JSON (whitespace included); it does not validate what it skips
 * beyond its structure, so its callers only give it texts that JS has parsed or written.
 */
final class EventJson {
    static final String NOT_AN_EVENT = "Error: processEvent returned something that is not an event";
    static final String TEAM_ID_CHANGED = "IllegalOperationError: Plugin tried to change event.team_id";

    private static final ObjectMapper STRINGS = new ObjectMapper();
    private static final String[] LIST_KEYS = {"$plugins_succeeded", "$plugins_failed", "$plugins_deferred"};

    private EventJson() {}

    /**
     * Why {@code output}, what an app's {@code processEvent} returned for {@code input}, may not
     * leave, or null when it may: it must be a JSON object with an own {@code team_id} equal (as JS
     * compares with {@code ===} after {@code JSON.parse}) to the input's.
     */
    static String teamIdViolation(String input, String output) {
        return teamIdViolationAgainst(teamValue(input), output);
    }

    /**
     * The text of the {@code team_id} value {@code JSON.parse(event)} would have (its last own
     * member), or null when {@code event} is not an object or has none. A chain's events keep one
     * {@code team_id} value from app to app, so this is taken once per event for the whole chain.
     */
    static String teamValue(String event) {
        int open = skipWhitespace(event, 0);
        if (open >= event.length() || event.charAt(open) != '{') {
            return null;
        }
        long span = lastMember(event, open, "team_id");
        return span < 0 ? null : event.substring(start(span), end(span));
    }

    /**
     * Like {@link #teamIdViolation}, given the input's {@link #teamValue} instead of the input:
     * null there means the input's {@code team_id} was undefined, which no JSON value equals.
     *
     * <p>{@code output} is what bootstrap.js's own {@code JSON.stringify} (captured before any app
     * code ran) wrote, and that never writes a key twice in one object: an object has one own
     * property per key, a proxy's {@code ownKeys} may not repeat one, and {@code toJSON} only
     * swaps in another value to write the same way. So the first {@code team_id} member is the
     * one, and the scan stops there; an event's {@code team_id} comes before its large
     * {@code properties}.
     */
    static String teamIdViolationAgainst(String inputTeam, String output) {
        int out = skipWhitespace(output, 0);
        if (out >= output.length() || output.charAt(out) != '{') {
            return NOT_AN_EVENT;
        }
        long outTeam = member(output, out, "team_id", false);
        if (outTeam < 0 || inputTeam == null) {
            return TEAM_ID_CHANGED;
        }
        return strictlyEqual(inputTeam, 0, inputTeam.length(), output, start(outTeam), end(outTeam)) ? null : TEAM_ID_CHANGED;
    }

    /**
     * {@code event} with {@code properties.$plugins_succeeded}, {@code $plugins_failed} and
     * {@code $plugins_deferred} set to the given JSON arrays, exactly as
     * {@code event.properties = {...properties, $plugins_succeeded, $plugins_failed, $plugins_deferred}}
     * followed by {@code JSON.stringify} would write it: keys already there keep their place, new
     * ones come last, a {@code properties} that is not an object is replaced by one.
     *
     * @param event a JSON object as {@code JSON.stringify} wrote it (numbers, escapes and key order
     *     already JS's; no duplicate keys)
     */
    static String withLists(String event, String succeeded, String failed, String deferred) {
        String[] values = {succeeded, failed, deferred};
        int open = skipWhitespace(event, 0);
        if (open >= event.length() || event.charAt(open) != '{') {
            throw new IllegalArgumentException("not a JSON object");
        }
        long properties = lastMember(event, open, "properties");
        StringBuilder out = new StringBuilder(event.length() + 128);
        if (properties < 0) {
            int close = skipValue(event, open) - 1;
            boolean empty = skipWhitespace(event, open + 1) == close;
            out.append(event, 0, close).append(empty ? "" : ",").append("\"properties\":");
            appendNewLists(out, values, false);
            return out.append('}').append(event, close + 1, event.length()).toString();
        }
        int valueStart = start(properties);
        int valueEnd = end(properties);
        out.append(event, 0, valueStart);
        if (event.charAt(valueStart) != '{') {
            appendNewLists(out, values, false);
        } else {
            appendObjectWithLists(out, event, valueStart, valueEnd, values);
        }
        return out.append(event, valueEnd, event.length()).toString();
    }

    private static void appendNewLists(StringBuilder out, String[] values, boolean afterMember) {
        out.append(afterMember ? "," : "{");
        for (int k = 0; k < LIST_KEYS.length; k++) {
            out.append(k == 0 ? "" : ",").append('"').append(LIST_KEYS[k]).append("\":").append(values[k]);
        }
        if (!afterMember) {
            out.append('}');
        }
    }

    /** The object at {@code [open, end)} with the lists' values in place of any it has, the others appended. */
    private static void appendObjectWithLists(StringBuilder out, String s, int open, int end, String[] values) {
        boolean[] present = new boolean[LIST_KEYS.length];
        int copied = open;
        int i = skipWhitespace(s, open + 1);
        boolean any = s.charAt(i) != '}';
        while (s.charAt(i) != '}') {
            int keyStart = i;
            int keyEnd = skipString(s, keyStart);
            int valueStart = skipWhitespace(s, skipWhitespace(s, keyEnd) + 1);
            int valueEnd = skipValue(s, valueStart);
            for (int k = 0; k < LIST_KEYS.length; k++) {
                if (keyEquals(s, keyStart, keyEnd, LIST_KEYS[k])) {
                    out.append(s, copied, valueStart).append(values[k]);
                    copied = valueEnd;
                    present[k] = true;
                }
            }
            i = skipWhitespace(s, valueEnd);
            if (s.charAt(i) == ',') {
                i = skipWhitespace(s, i + 1);
            }
        }
        out.append(s, copied, i);
        boolean first = !any;
        for (int k = 0; k < LIST_KEYS.length; k++) {
            if (!present[k]) {
                out.append(first ? "" : ",").append('"').append(LIST_KEYS[k]).append("\":").append(values[k]);
                first = false;
            }
        }
        out.append(s, i, end);
    }

    /**
     * The span of the value of the last member {@code key} of the object opening at {@code open}
     * (JSON.parse keeps the last of duplicate keys), packed as {@code start << 32 | end}; -1 when
     * the object has no such member.
     */
    static long lastMember(String s, int open, String key) {
        return member(s, open, key, true);
    }

    /** Like {@link #lastMember}, or the first such member when {@code last} is false. */
    private static long member(String s, int open, String key, boolean last) {
        long found = -1;
        int i = skipWhitespace(s, open + 1);
        while (s.charAt(i) != '}') {
            int keyEnd = skipString(s, i);
            int valueStart = skipWhitespace(s, skipWhitespace(s, keyEnd) + 1);
            int valueEnd = skipValue(s, valueStart);
            if (keyEquals(s, i, keyEnd, key)) {
                found = ((long) valueStart << 32) | valueEnd;
                if (!last) {
                    return found;
                }
            }
            i = skipWhitespace(s, valueEnd);
            if (s.charAt(i) == ',') {
                i = skipWhitespace(s, i + 1);
            }
        }
        return found;
    }

    private static int start(long span) {
        return (int) (span >>> 32);
    }

    private static int end(long span) {
        return (int) span;
    }

    /** Whether the JSON values {@code a[aStart, aEnd)} and {@code b[bStart, bEnd)} are {@code ===} once parsed. */
    static boolean strictlyEqual(String a, int aStart, int aEnd, String b, int bStart, int bEnd) {
        char first = a.charAt(aStart);
        if (first == '{' || first == '[' || b.charAt(bStart) == '{' || b.charAt(bStart) == '[') {
            // Objects are compared by identity, and a parsed one is always a new object.
            return false;
        }
        if (aEnd - aStart == bEnd - bStart && a.regionMatches(aStart, b, bStart, aEnd - aStart)) {
            // The same text is the same value: the usual case, an app that left team_id alone.
            return true;
        }
        if (first == '"') {
            return b.charAt(bStart) == '"' && decode(a, aStart, aEnd).equals(decode(b, bStart, bEnd));
        }
        if (first == '-' || (first >= '0' && first <= '9')) {
            char other = b.charAt(bStart);
            return (other == '-' || (other >= '0' && other <= '9'))
                    && Double.parseDouble(a.substring(aStart, aEnd)) == Double.parseDouble(b.substring(bStart, bEnd));
        }
        // true, false or null, whose texts differ
        return false;
    }

    private static boolean keyEquals(String s, int keyStart, int keyEnd, String key) {
        for (int i = keyStart + 1; i < keyEnd - 1; i++) {
            if (s.charAt(i) == '\\') {
                return decode(s, keyStart, keyEnd).equals(key);
            }
        }
        int length = keyEnd - keyStart - 2;
        return length == key.length() && s.regionMatches(keyStart + 1, key, 0, length);
    }

    private static String decode(String s, int start, int end) {
        try {
            return STRINGS.readValue(s.substring(start, end), String.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON string: " + e.getOriginalMessage(), e);
        }
    }

    static int skipWhitespace(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            i++;
        }
        return i;
    }

    /**
     * The index just past the string literal opening at {@code i}. It jumps from quote to quote
     * with {@link String#indexOf(int, int)} (vectorized by the JIT), which is most of the scanning:
     * an event's text is mostly strings. A quote is escaped when an odd number of backslashes
     * precedes it.
     */
    static int skipString(String s, int i) {
        if (s.charAt(i) != '"') {
            throw new IllegalArgumentException("expected a string at " + i);
        }
        int quote = i;
        while (true) {
            quote = s.indexOf('"', quote + 1);
            if (quote < 0) {
                throw new IllegalArgumentException("unterminated string at " + i);
            }
            int backslashes = 0;
            while (s.charAt(quote - 1 - backslashes) == '\\') {
                backslashes++;
            }
            if (backslashes % 2 == 0) {
                return quote + 1;
            }
        }
    }

    /** The index just past the JSON value starting at {@code i}. */
    static int skipValue(String s, int i) {
        char c = s.charAt(i);
        if (c == '"') {
            return skipString(s, i);
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            while (true) {
                c = s.charAt(i);
                if (c == '"') {
                    i = skipString(s, i);
                    continue;
                }
                if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
                i++;
            }
        }
        // A number or a literal: up to the next delimiter.
        while (i < s.length()) {
            c = s.charAt(i);
            if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                break;
            }
            i++;
        }
        return i;
    }
}
