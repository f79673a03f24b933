package dev.appserver.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import dev.appserver.orchestrator.testing.MutableClock;

class InMemoryAppConfigRepositoryTest {
    private final MutableClock clock = new MutableClock();
    private final InMemoryAppConfigRepository repository = new InMemoryAppConfigRepository(clock);

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
    void aTeamHasOneConfigPerApp() throws Exception {
        repository.create(new NewAppConfig(2, 7, true, 1, values(), Map.of()));
        repository.create(new NewAppConfig(3, 7, true, 1, values(), Map.of()));

        assertThatThrownBy(() -> repository.create(new NewAppConfig(2, 7, false, 5, values(), Map.of())))
                .isInstanceOf(AppConfigConflictException.class)
                .hasMessage("team 2 already has app 7 as app config 1");
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
        assertThat(repository.update(99, new AppConfigUpdate(
                Optional.of(true), Optional.empty(), Optional.empty(), Optional.empty()))).isEmpty();
    }

    @Test
    void recordsAndClearsTheLastError() throws Exception {
        AppConfig created = repository.create(new NewAppConfig(2, 7, true, 3, values(), Map.of()));

        assertThat(repository.recordError(created.id(), Optional.of("TypeError: x is undefined"))).isTrue();
        assertThat(repository.get(created.id()).orElseThrow().lastError()).contains("TypeError: x is undefined");
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
    }

    @Test
    void storedConfigIsACopy() throws Exception {
        ObjectNode values = values("a", "1");
        AppConfig created = repository.create(new NewAppConfig(2, 7, true, 3, values, Map.of()));
        values.put("a", "changed");

        assertThat(repository.get(created.id()).orElseThrow().config()).isEqualTo(values("a", "1"));
    }

    private static ObjectNode values(String... keysAndValues) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return node;
    }
}
