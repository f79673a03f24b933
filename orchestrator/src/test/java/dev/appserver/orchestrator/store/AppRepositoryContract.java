package dev.appserver.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.appserver.orchestrator.testing.MutableClock;

class InMemoryAppRepositoryTest {
    private final MutableClock clock = new MutableClock();
    private final InMemoryAppRepository repository = new InMemoryAppRepository(clock);

    @Test
    void installAssignsIdsAndCreationTime() {
        InstalledApp first = repository.install(app("a", "hash-a"));
        clock.advance(Duration.ofSeconds(5));
        InstalledApp second = repository.install(app("b", "hash-b"));

        assertThat(first.id()).isEqualTo(1);
        assertThat(second.id()).isEqualTo(2);
        assertThat(second.createdAt()).isEqualTo(first.createdAt().plusSeconds(5));
        assertThat(first.verified()).isFalse();
        assertThat(first.capabilities()).isEmpty();
        assertThat(repository.list()).extracting(InstalledApp::name).containsExactly("a", "b");
        assertThat(repository.find(2)).contains(second);
        assertThat(repository.find(3)).isEmpty();
    }

    @Test
    void installingTheSameContentTwiceReturnsTheExistingApp() {
        InstalledApp first = repository.install(app("a", "same"));
        InstalledApp again = repository.install(app("renamed", "same"));

        assertThat(again).isSameAs(first);
        assertThat(repository.list()).hasSize(1);
        assertThat(repository.findByContentHash("same")).contains(first);
    }

    @Test
    void recordsCapabilities() {
        InstalledApp app = repository.install(app("a", "hash-a"));

        assertThat(repository.recordCapabilities(app.id(), List.of("processEvent", "onEvent"))).isTrue();
        assertThat(repository.recordCapabilities(99, List.of("processEvent"))).isFalse();
        assertThat(repository.find(app.id()).orElseThrow().capabilities()).contains(List.of("processEvent", "onEvent"));
    }

    static NewApp app(String name, String contentHash) {
        return new NewApp(name, "{\"name\": \"" + name + "\"}", new byte[] {1, 2}, contentHash,
                "exports.processEvent = e => e", "code-" + contentHash, "index.js");
    }
}
