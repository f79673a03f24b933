package dev.appserver.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AppRepository} does, run against each implementation by a subclass that
 * supplies an empty repository. Installed apps are compared field by field: implementations that
 * read from storage return equal values, not the same arrays.
 */
public abstract class AppRepositoryContract {
    private final MutableClock clock = new MutableClock();
    private AppRepository repository;

    /** An empty repository (ids start at 1) stamping times with {@code clock}. */
    protected abstract AppRepository newRepository(Clock clock) throws Exception;

    @BeforeEach
    void createRepository() throws Exception {
        repository = newRepository(clock);
    }

    @Test
    void installAssignsIdsAndCreationTime() {
        InstalledApp first = repository.install(app("a", "hash-a"));
        clock.advance(Duration.ofSeconds(5));
        InstalledApp second = repository.install(app("b", "hash-b"));

        assertThat(first.id()).isEqualTo(1);
        assertThat(second.id()).isEqualTo(2);
        assertThat(first.createdAt()).isEqualTo(clock.instant().minusSeconds(5));
        assertThat(second.createdAt()).isEqualTo(first.createdAt().plusSeconds(5));
        assertThat(first.verified()).isFalse();
        assertThat(first.capabilities()).isEmpty();
        assertThat(repository.list()).extracting(InstalledApp::name).containsExactly("a", "b");
        assertSameApp(repository.find(2), second);
        assertThat(repository.find(3)).isEmpty();
    }

    @Test
    void installingTheSameContentTwiceReturnsTheExistingApp() {
        InstalledApp first = repository.install(app("a", "same"));
        InstalledApp again = repository.install(app("renamed", "same"));

        assertSameApp(Optional.of(again), first);
        assertThat(repository.list()).hasSize(1);
        assertSameApp(repository.findByContentHash("same"), first);
        assertThat(repository.findByContentHash("other")).isEmpty();
        assertThat(repository.install(app("c", "hash-c")).id()).isEqualTo(2);
    }

    @Test
    void concurrentInstallsOfTheSameContentMakeOneApp() throws Exception {
        int installers = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> ids = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(installers)) {
            for (int i = 0; i < installers; i++) {
                String name = "installer " + i;
                ids.add(threads.submit(() -> {
                    start.await();
                    return repository.install(app(name, "raced-hash")).id();
                }));
            }
            start.countDown();
            List<Long> returned = new ArrayList<>();
            for (Future<Long> id : ids) {
                returned.add(id.get(30, TimeUnit.SECONDS));
            }
            // Every installer gets the one app. Its id need not be 1: in PostgreSQL an insert
            // that loses the race has still used up a sequence value, possibly the lower one.
            assertThat(repository.list()).singleElement()
                    .satisfies(app -> assertThat(returned).containsOnly(app.id()));
        }
    }

    @Test
    void storesEveryFieldExactly() {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        String pluginJson = "{\n  \"name\": \"x\",\n  \"zeta\": 1, \"alpha\": [2.50, 1e3]\n}\n";
        String code = "exports.processEvent = (e) => ({...e, emoji: '😀'})\n";
        NewApp app = new NewApp("Ünïcödé ✓", pluginJson, everyByte, "hash", code, "code-hash", "src/index.ts");

        InstalledApp installed = repository.install(app);

        InstalledApp found = repository.find(installed.id()).orElseThrow();
        assertThat(found.name()).isEqualTo(app.name());
        assertThat(found.pluginJson()).isEqualTo(app.pluginJson());
        assertThat(found.archive()).isEqualTo(everyByte);
        assertThat(found.contentHash()).isEqualTo("hash");
        assertThat(found.code()).isEqualTo(app.code());
        assertThat(found.codeHash()).isEqualTo("code-hash");
        assertThat(found.mainFile()).isEqualTo("src/index.ts");
        assertSameApp(Optional.of(found), installed);
    }

    @Test
    void creationTimeHasMicrosecondPrecision() {
        clock.advance(Duration.ofNanos(123_456_789));

        InstalledApp installed = repository.install(app("a", "hash-a"));

        assertThat(installed.createdAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS));
        assertSameApp(repository.find(installed.id()), installed);
    }

    @Test
    void recordsCapabilities() {
        InstalledApp app = repository.install(app("a", "hash-a"));

        assertThat(repository.recordCapabilities(app.id(), List.of("processEvent", "onEvent"))).isTrue();
        assertThat(repository.recordCapabilities(99, List.of("processEvent"))).isFalse();
        assertThat(repository.find(app.id()).orElseThrow().capabilities()).contains(List.of("processEvent", "onEvent"));

        assertThat(repository.recordCapabilities(app.id(), List.of("runEveryMinute", "exportEvents", "composeWebhook")))
                .isTrue();
        assertThat(repository.find(app.id()).orElseThrow().capabilities())
                .contains(List.of("runEveryMinute", "exportEvents", "composeWebhook"));
        assertThat(repository.recordCapabilities(app.id(), List.of())).isTrue();
        assertThat(repository.find(app.id()).orElseThrow().capabilities()).contains(List.of());
    }

    @Test
    void marksAppsVerifiedAndUnverified() {
        InstalledApp first = repository.install(app("a", "hash-a"));
        InstalledApp second = repository.install(app("b", "hash-b"));
        assertThat(repository.verifiedIds()).isEmpty();

        assertThat(repository.setVerified(second.id(), true)).isTrue();
        assertThat(repository.setVerified(99, true)).isFalse();

        assertThat(repository.verifiedIds()).containsExactly(second.id());
        assertThat(repository.find(second.id()).orElseThrow().verified()).isTrue();
        assertThat(repository.find(first.id()).orElseThrow().verified()).isFalse();
        assertThat(repository.setVerified(second.id(), false)).isTrue();
        assertThat(repository.verifiedIds()).isEmpty();
        assertThat(repository.find(second.id()).orElseThrow().verified()).isFalse();
    }

    static NewApp app(String name, String contentHash) {
        return new NewApp(name, "{\"name\": \"" + name + "\"}", new byte[] {1, 2}, contentHash,
                "exports.processEvent = e => e", "code-" + contentHash, "index.js");
    }

    private static void assertSameApp(Optional<InstalledApp> actual, InstalledApp expected) {
        assertThat(actual).isPresent();
        assertThat(actual.get()).usingRecursiveComparison().isEqualTo(expected);
    }
}
