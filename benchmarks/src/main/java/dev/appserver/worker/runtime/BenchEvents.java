package dev.appserver.worker.runtime;

import java.util.ArrayList;
import java.util.List;

/** Events shaped like conformance case 01's (and like {@code bench sandbox}'s), about 330 bytes each. */
final class BenchEvents {
    private BenchEvents() {}

    static List<String> batch(int size) {
        List<String> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            events.add(String.format("{\"uuid\":\"00000000-0000-4000-8000-%012d\",\"distinct_id\":\"user-%d\",\"ip\":\"127.0.0.1\","
                    + "\"site_url\":\"http://localhost\",\"team_id\":2,\"now\":\"2026-01-01T00:00:00.000Z\",\"event\":\"$pageview\","
                    + "\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"properties\":{\"$current_url\":\"https://example.com/a?utm_source=x\","
                    + "\"$browser\":\"Firefox\",\"$os\":\"Linux\",\"$screen_width\":1920,\"plan_price\":12.5}}", i + 1, i % 1000));
        }
        return events;
    }
}
