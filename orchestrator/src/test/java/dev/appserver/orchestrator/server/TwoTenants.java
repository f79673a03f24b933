package dev.appserver.orchestrator.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A hostile tenant's events interleaved with another tenant's on one running server, and what came
 * out for each: the other tenant's events must all arrive transformed, exactly once and within
 * {@link #ON_TIME}; each of the hostile tenant's events must arrive exactly once, processed or
 * dead-lettered, so that nothing is lost. Not thread-safe: one flow at a time.
 */
final class TwoTenants {
    /** How long the other tenant's events may take, from the send to the last one's arrival, by default. */
    static final Duration ON_TIME = Duration.ofSeconds(60);
    /** How long the hostile tenant's events may take: its apps are cut by timeouts and worker restarts. */
    private static final Duration HOSTILE_ARRIVAL = Duration.ofMinutes(4);
    private static final int OTHER_EVENTS = 20;

    private final TopicClient topics;
    private final TopicClient.Reader output;
    private final TopicClient.Reader deadLetters;
    private final Duration onTime;
    private int flows;

    TwoTenants(TopicClient topics, TopicClient.Reader output, TopicClient.Reader deadLetters) {
        this(topics, output, deadLetters, ON_TIME);
    }

    /** As above, with {@code onTime} as the bound on the other tenant's events. */
    TwoTenants(TopicClient topics, TopicClient.Reader output, TopicClient.Reader deadLetters, Duration onTime) {
        this.topics = topics;
        this.output = output;
        this.deadLetters = deadLetters;
        this.onTime = onTime;
    }

    /**
     * What came out of one flow.
     *
     * @param hostile the hostile tenant's processed events in the order sent (uuid to event)
     * @param deadLettered the hostile tenant's dead-lettered events (uuid to the error header)
     * @param otherLatency from the send until the other tenant's last event had arrived
     */
    record Flow(Map<String, JsonNode> hostile, Map<String, String> deadLettered, Duration otherLatency) {
        /** The processed hostile events named {@code name}. */
        List<JsonNode> named(String name) {
            return hostile.values().stream().filter(e -> e.get("event").asText().equals(name)).toList();
        }
    }

    /**
     * Sends one event per name in {@code hostileEventNames} for {@code hostileTeam}, interleaved
     * with {@value #OTHER_EVENTS} events for {@code otherTeam}, waits for all of them and checks
     * the other tenant's: each exactly once, with {@code otherGreeting}, no app failed.
     */
    Flow run(long hostileTeam, List<String> hostileEventNames, long otherTeam, String otherGreeting) {
        int flow = ++flows;
        List<String> hostileIds = new ArrayList<>();
        List<String> otherIds = new ArrayList<>();
        for (int i = 0; i < Math.max(hostileEventNames.size(), OTHER_EVENTS); i++) {
            if (i < hostileEventNames.size()) {
                hostileIds.add(send(hostileTeam, "h" + flow + "-" + i, hostileEventNames.get(i), "a" + i % 3, i));
            }
            if (i < OTHER_EVENTS) {
                otherIds.add(send(otherTeam, "o" + flow + "-" + i, "$pageview", "b" + i % 3, i));
            }
        }
        topics.flush();
        long sent = System.nanoTime();

        await("the other tenant's events").atMost(onTime).pollInterval(Duration.ofMillis(200))
                .until(() -> arrived(output.poll(), otherIds).size() == otherIds.size());
        Duration otherLatency = Duration.ofNanos(System.nanoTime() - sent);
        System.out.printf("tenant %d's %d events arrived in %d ms beside hostile tenant %d's %s%n", otherTeam,
                otherIds.size(), otherLatency.toMillis(), hostileTeam, hostileEventNames);
        await("the hostile tenant's events, processed or dead-lettered").atMost(HOSTILE_ARRIVAL).pollInterval(Duration.ofMillis(500))
                .until(() -> arrived(output.poll(), hostileIds).size() + arrived(deadLetters.poll(), hostileIds).size()
                        >= hostileIds.size());
        // A little longer, so that a duplicate produced late would be seen.
        await().pollDelay(Duration.ofSeconds(2)).until(() -> output.poll() != null && deadLetters.poll() != null);

        Map<String, List<JsonNode>> others = arrived(output.records, otherIds);
        assertThat(others).as("the other tenant's events").hasSize(otherIds.size());
        others.forEach((uuid, copies) -> {
            assertThat(copies).as("copies of %s", uuid).hasSize(1);
            JsonNode properties = copies.get(0).get("properties");
            assertThat(properties.path("greeting").asText()).as("greeting on %s", uuid).isEqualTo(otherGreeting);
            assertThat(properties.get("$plugins_failed")).as("failed apps on %s", uuid).isEmpty();
        });

        Map<String, List<JsonNode>> processed = arrived(output.records, hostileIds);
        Map<String, List<JsonNode>> dead = arrived(deadLetters.records, hostileIds);
        Map<String, JsonNode> hostile = new LinkedHashMap<>();
        Map<String, String> deadLettered = new LinkedHashMap<>();
        for (String uuid : hostileIds) {
            int copies = processed.getOrDefault(uuid, List.of()).size() + dead.getOrDefault(uuid, List.of()).size();
            assertThat(copies).as("copies of the hostile tenant's %s (processed or dead-lettered)", uuid).isEqualTo(1);
            if (processed.containsKey(uuid)) {
                hostile.put(uuid, processed.get(uuid).get(0));
            }
        }
        for (ConsumerRecord<byte[], byte[]> record : deadLetters.records) {
            String uuid = uuid(record);
            if (hostileIds.contains(uuid)) {
                deadLettered.put(uuid, new String(record.headers().lastHeader("error").value(), UTF_8));
            }
        }
        return new Flow(hostile, deadLettered, otherLatency);
    }

    private String send(long team, String uuid, String name, String person, int seq) {
        topics.send("events_plugin_ingestion", team + ":" + person, "{\"uuid\":\"" + uuid + "\",\"event\":\"" + name
                + "\",\"team_id\":" + team + ",\"distinct_id\":\"" + person + "\",\"properties\":{\"seq\":" + seq + "}}");
        return uuid;
    }

    /** The records among {@code records} whose uuid is in {@code uuids}, by uuid, each copy. */
    private static Map<String, List<JsonNode>> arrived(List<ConsumerRecord<byte[], byte[]>> records, List<String> uuids) {
        Map<String, List<JsonNode>> found = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String uuid = uuid(record);
            if (uuid != null && uuids.contains(uuid)) {
                found.computeIfAbsent(uuid, u -> new ArrayList<>()).add(json(record));
            }
        }
        return found;
    }

    private static String uuid(ConsumerRecord<byte[], byte[]> record) {
        try {
            JsonNode uuid = ServerFixture.JSON.readTree(record.value()).get("uuid");
            return uuid == null ? null : uuid.asText();
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> record) {
        try {
            return ServerFixture.JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
