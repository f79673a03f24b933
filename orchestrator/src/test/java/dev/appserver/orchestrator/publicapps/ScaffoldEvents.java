package dev.appserver.orchestrator.publicapps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The events the public apps' own tests build with {@code @posthog/plugin-scaffold/test/utils}
 * ({@code createEvent(changes)}, {@code createPageview()}), so each expectation here starts from
 * the same input as the app test it comes from. Values copied from that file (scaffold 1.7.1).
 */
final class ScaffoldEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String EVENT = """
            {"distinct_id": "007", "ip": "127.128.129.130", "site_url": "http://localhost:8000/", "team_id": 13,
             "now": "2020-11-26T12:58:57.367Z", "event": "EVENT_TYPE", "sent_at": "2020-11-26T12:58:58.453Z",
             "timestamp": "2020-11-26T12:58:58.453Z"}""";

    private static final String PAGEVIEW_PROPERTIES = """
            {"$os": "Mac OS X", "$lib": "web", "$host": "localhost:8000", "$time": 1606383312.494,
             "token": "mre13a_SMBv9EwHAtdtTyutyy6AfO00OTPwaalaHPGgKLS", "$browser": "Chrome",
             "$user_id": "3erf45reXthrGser675waeHFAsbv4AsadfR", "$pathname": "/instance/status",
             "$device_id": "17554768afe5cb-0fc915d2a583cf-166f6152-1ea000-175543686ffdc5",
             "$insert_id": "hgu2p36uvlc1b9dg", "distinct_id": "scbbAqF7uyrMmamV4QBzcA1rrm9wHNISdFweZz-mQ0",
             "$current_url": "http://localhost:8000/instance/status", "$lib_version": "1.7.0-beta.1",
             "$screen_width": 1790, "$screen_height": 1120, "posthog_version": "1.17.0", "$browser_version": 86,
             "$initial_referrer": "$direct", "has_slack_webhook": false,
             "$active_feature_flags": ["navigation-1775", "session-recording-player"],
             "$initial_referring_domain": "$direct"}""";

    private ScaffoldEvents() {}

    /** {@code createEvent(changes)}: the base event with {@code changes}' fields set over it. */
    static ObjectNode createEvent(String changesJson) {
        ObjectNode event = (ObjectNode) parse(EVENT);
        event.setAll((ObjectNode) parse(changesJson));
        return event;
    }

    /** {@code createPageview()}, with {@code changes} spread over it as the tests do ({@code {...createPageview(), ip}}). */
    static ObjectNode createPageview(String changesJson) {
        ObjectNode pageview = createEvent("{\"event\": \"$pageview\"}");
        pageview.set("properties", parse(PAGEVIEW_PROPERTIES));
        pageview.setAll((ObjectNode) parse(changesJson));
        return pageview;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad JSON in a test: " + json, e);
        }
    }
}
