package dev.appserver.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AppConfigRepository} does, run against each implementation by a subclass that
 * supplies an empty repository. The tests use app ids 1 to 9, which the subclass makes exist where
 * the implementation checks.
 */
public abstract class AppConfigRepositoryContract {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock();
    private AppConfigRepository repository;

    /** An empty repository (ids start at 1) stamping times with {@code clock}, where apps 1 to 9 exist. */
    protected abstract AppConfigRepository newRepository(Clock clock) throws Exception;

    @BeforeEach
    void createRepository() throws Exception {
        repository = newRepository(clock);
    }

    @Test
    void createAndGet() throws Exception {
        AppConfig created = repository.create(new NewAppConfig(2, 7, true, 3, values("greeting", "hi"), Map.of()));

        assertThat(created.id()).isEqualTo(1);
        assertThat(created.lastError()).isEmpty();
        assertThat(created.updatedAt()).isEqualTo(clock.instant());
        assertThat(repository.get(1)).contains(created);
        assertThat(repository.get(2)).isEmpty();
    }

    @Test
    void listsTheTeamsWithEnabledConfigs() throws Exception {
        repository.create(new NewAppConfig(5, 7, true, 1, values(), Map.of()));
        repository.create(new NewAppConfig(3, 7, false, 1, values(), Map.of()));
        repository.create(new NewAppConfig(2, 7, true, 1, values(), Map.of()));
        repository.create(new NewAppConfig(2, 8, true, 2, values(), Map.of()));

        assertThat(repository.teamsWithEnabledConfigs()).containsExactly(2L, 5L);
    }

    @Test
    void aTeamHasOneConfigPerApp() throws Exception {
        repository.create(new NewAppConfig(2, 7, true, 1, values(), Map.of()));
        repository.create(new NewAppConfig(3, 7, true, 1, values(), Map.of()));

        assertThatThrownBy(() -> repository.create(new NewAppConfig(2, 7, false, 5, values(), Map.of())))
                .isInstanceOf(AppConfigConflictException.class)
                .hasMessage("team 2 already has app 7 as app config 1");
        assertThat(repository.create(new NewAppConfig(2, 8, true, 1, values(), Map.of())).id()).isEqualTo(3);
    }

    @Test
    void concurrentCreatesForTheSameAppMakeOneConfig() throws Exception {
        int creators = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(creators)) {
            for (int i = 0; i < creators; i++) {
                int order = i;
                results.add(threads.submit(() -> {
                    start.await();
                    return repository.create(new NewAppConfig(2, 7, true, order, values(), Map.of())).id();
                }));
            }
            start.countDown();
            List<Long> created = new ArrayList<>();
            List<Long> conflicting = new ArrayList<>();
            for (Future<Long> result : results) {
                try {
                    created.add(result.get(30, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(AppConfigConflictException.class);
                    conflicting.add(((AppConfigConflictException) e.getCause()).existingId());
                }
            }
            assertThat(created).hasSize(1);
            assertThat(conflicting).hasSize(creators - 1).containsOnly(created.get(0));
        }
        assertThat(repository.listByTeam(2)).hasSize(1);
    }

    @Test
    void updateReplacesOnlyTheGivenFields() throws Exception {
        AppConfig created = repository.create(new NewAppConfig(2, 7, true, 3, values("a", "1"), Map.of()));
        clock.advance(Duration.ofMinutes(1));

        AppConfig updated = repository.update(created.id(), new AppConfigUpdate(
                Optional.of(false), Optional.empty(), Optional.empty(), Optional.empty())).orElseThrow();

        assertThat(updated.enabled()).isFalse();
        assertThat(updated.order()).isEqualTo(3);
        assertThat(updated.config()).isEqualTo(values("a", "1"));
        assertThat(updated.updatedAt()).isEqualTo(created.updatedAt().plus(Duration.ofMinutes(1)));
        assertThat(repository.get(created.id())).contains(updated);
        assertThat(repository.update(99, new AppConfigUpdate(
                Optional.of(true), Optional.empty(), Optional.empty(), Optional.empty()))).isEmpty();
    }

    @Test
    void updateReplacesTheOrderAndTheWholeConfig() throws Exception {
        AppConfig created = repository.create(new NewAppConfig(2, 7, true, 3, values("a", "1", "b", "2"), Map.of()));

        AppConfig updated = repository.update(created.id(), new AppConfigUpdate(
                Optional.empty(), Optional.of(-4), Optional.of(values("c", "3")), Optional.empty())).orElseThrow();

        assertThat(updated.enabled()).isTrue();
        assertThat(updated.order()).isEqualTo(-4);
        assertThat(updated.config()).isEqualTo(values("c", "3"));
        assertThat(repository.get(created.id())).contains(updated);
    }

    @Test
    void recordsAndClearsTheLastError() throws Exception {
        AppConfig created = repository.create(new NewAppConfig(2, 7, true, 3, values(), Map.of()));
        clock.advance(Duration.ofMinutes(1));

        assertThat(repository.recordError(created.id(), Optional.of("TypeError: x is undefined"))).isTrue();
        assertThat(repository.get(created.id()).orElseThrow().lastError()).contains("TypeError: x is undefined");
        assertThat(repository.get(created.id()).orElseThrow().updatedAt()).isEqualTo(created.updatedAt());
        assertThat(repository.recordError(created.id(), Optional.empty())).isTrue();
        assertThat(repository.get(created.id()).orElseThrow().lastError()).isEmpty();
        assertThat(repository.recordError(99, Optional.empty())).isFalse();
    }

    @Test
    void enabledConfigsOfATeamInChainOrder() throws Exception {
        AppConfig third = repository.create(new NewAppConfig(2, 1, true, 30, values(), Map.of()));
        AppConfig first = repository.create(new NewAppConfig(2, 2, true, 10, values(), Map.of()));
        AppConfig disabled = repository.create(new NewAppConfig(2, 3, false, 20, values(), Map.of()));
        AppConfig tiedWithThird = repository.create(new NewAppConfig(2, 4, true, 30, values(), Map.of()));
        repository.create(new NewAppConfig(5, 1, true, 0, values(), Map.of()));

        assertThat(repository.enabledByTeam(2)).containsExactly(first, third, tiedWithThird);
        assertThat(repository.listByTeam(2)).containsExactly(first, disabled, third, tiedWithThird);
        assertThat(repository.enabledByTeam(9)).isEmpty();
    }

    @Test
    void deleteReturnsWhatWasDeleted() throws Exception {
        AppConfig created = repository.create(new NewAppConfig(2, 7, true, 3, values(), Map.of()));

        assertThat(repository.delete(created.id())).contains(created);
        assertThat(repository.delete(created.id())).isEmpty();
        assertThat(repository.listByTeam(2)).isEmpty();
        assertThat(repository.get(created.id())).isEmpty();
    }

    @Test
    void storedConfigIsACopy() throws Exception {
        ObjectNode values = values("a", "1");
        AppConfig created = repository.create(new NewAppConfig(2, 7, true, 3, values, Map.of()));
        values.put("a", "changed");

        assertThat(repository.get(created.id()).orElseThrow().config()).isEqualTo(values("a", "1"));
    }

    @Test
    void configValuesKeepKeyOrderAndNumberTypes() throws Exception {
        // As the admin API parses a request body: ints, longs, big integers and doubles.
        String json = "{\"zeta\":\"z\",\"alpha\":1,\"mid\":2.5,\"whole\":3.0,\"long\":12345678901234,"
                + "\"huge\":123456789012345678901234567890,\"flag\":true,\"none\":null,\"empty\":\"\","
                + "\"nested\":{\"b\":1,\"a\":[3,\"x\",{\"d\":null,\"c\":-1.5e-7}]},\"text\":\"é ✓ 😀 \\\"q\\\" \\u0000\"}";
        ObjectNode values = (ObjectNode) JSON.readTree(json);

        AppConfig created = repository.create(new NewAppConfig(2, 7, true, 3, values, Map.of()));
        AppConfig found = repository.get(created.id()).orElseThrow();

        assertThat(found.config()).isEqualTo(values);
        assertThat(JSON.writeValueAsString(found.config())).isEqualTo(JSON.writeValueAsString(values));
        ObjectNode reordered = (ObjectNode) JSON.readTree("{\"b\":2,\"a\":1}");
        repository.update(created.id(), new AppConfigUpdate(Optional.empty(), Optional.empty(), Optional.of(reordered),
                Optional.empty()));
        assertThat(JSON.writeValueAsString(repository.get(created.id()).orElseThrow().config())).isEqualTo("{\"b\":2,\"a\":1}");
    }

    @Test
    void attachmentsAreStoredAndReplacedWhole() throws Exception {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        Map<String, ConfigAttachment> attachments = Map.of(
                "certificate", new ConfigAttachment("application/x-pem-file", "ca.pem", everyByte),
                "empty", new ConfigAttachment("text/plain", "empty.txt", new byte[0]));
        AppConfig created = repository.create(new NewAppConfig(2, 7, true, 3, values(), attachments));
        repository.create(new NewAppConfig(2, 8, true, 4, values(), Map.of()));

        assertSameConfig(repository.get(created.id()), created);
        assertThat(created.attachments().get("certificate").contents()).isEqualTo(everyByte);
        assertThat(repository.listByTeam(2)).hasSize(2);
        assertThat(repository.listByTeam(2).getFirst().attachments()).containsOnlyKeys("certificate", "empty");
        assertThat(repository.listByTeam(2).getLast().attachments()).isEmpty();

        Map<String, ConfigAttachment> replaced = Map.of("key", new ConfigAttachment("text/plain", "key.txt", new byte[] {7}));
        AppConfig updated = repository.update(created.id(), new AppConfigUpdate(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(replaced))).orElseThrow();
        assertThat(updated.attachments()).containsOnlyKeys("key");
        assertSameConfig(repository.get(created.id()), updated);

        AppConfig kept = repository.update(created.id(), new AppConfigUpdate(
                Optional.of(false), Optional.empty(), Optional.empty(), Optional.empty())).orElseThrow();
        assertThat(kept.attachments()).containsOnlyKeys("key");

        AppConfig cleared = repository.update(created.id(), new AppConfigUpdate(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(Map.of()))).orElseThrow();
        assertThat(cleared.attachments()).isEmpty();
        assertThat(repository.get(created.id()).orElseThrow().attachments()).isEmpty();
    }

    @Test
    void deleteReturnsTheAttachments() throws Exception {
        AppConfig created = repository.create(new NewAppConfig(2, 7, true, 3, values(),
                Map.of("file", new ConfigAttachment("text/plain", "a.txt", new byte[] {1, 2, 3}))));

        assertSameConfig(repository.delete(created.id()), created);
        assertThat(repository.get(created.id())).isEmpty();
    }

    @Test
    void updatedAtHasMicrosecondPrecision() throws Exception {
        clock.advance(Duration.ofNanos(123_456_789));
        AppConfig created = repository.create(new NewAppConfig(2, 7, true, 3, values(), Map.of()));
        clock.advance(Duration.ofNanos(999));
        AppConfig updated = repository.update(created.id(), new AppConfigUpdate(
                Optional.of(false), Optional.empty(), Optional.empty(), Optional.empty())).orElseThrow();

        assertThat(created.updatedAt()).isEqualTo(clock.instant().minusNanos(999).truncatedTo(ChronoUnit.MICROS));
        assertThat(updated.updatedAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS));
        assertThat(repository.get(created.id()).orElseThrow().updatedAt()).isEqualTo(updated.updatedAt());
    }

    private static void assertSameConfig(Optional<AppConfig> actual, AppConfig expected) {
        assertThat(actual).isPresent();
        // Attachments hold arrays, which records compare by identity.
        assertThat(actual.get()).usingRecursiveComparison()
                .withEqualsForType(ObjectNode::equals, ObjectNode.class)
                .isEqualTo(expected);
    }

    private static ObjectNode values(String... keysAndValues) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return node;
    }
}
