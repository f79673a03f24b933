package dev.appserver.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.store.AppConfig;
import dev.appserver.orchestrator.store.AppConfigUpdate;
import dev.appserver.orchestrator.store.InMemoryAppConfigRepository;
import dev.appserver.orchestrator.store.InMemoryAppRepository;
import dev.appserver.orchestrator.store.InstalledApp;
import dev.appserver.orchestrator.testing.MutableClock;
import dev.appserver.orchestrator.testing.StoredApps;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TeamChainsTest {
    private static final String PLUGIN_JSON = "{\"name\":\"greeter\",\"config\":[{\"key\":\"greeting\",\"default\":\"hi\"},"
            + "{\"key\":\"who\",\"default\":\"you\"}]}";

    private final MutableClock clock = new MutableClock();
    private final InMemoryAppRepository apps = new InMemoryAppRepository(clock);
    private final InMemoryAppConfigRepository configs = new InMemoryAppConfigRepository(clock);
    private final TeamChains chains = new TeamChains(apps, configs, 5_000, clock, Duration.ofSeconds(60));
    private final InstalledApp greeter = StoredApps.install(apps, "greeter", PLUGIN_JSON, "exports.processEvent = e => e");
    private final InstalledApp other = StoredApps.install(apps, "other", "{\"name\":\"other\"}", "exports.onEvent = e => {}");

    @Test
    void aChainIsTheEnabledConfigsInOrderWithDefaultsApplied() {
        AppConfig second = StoredApps.configure(configs, 2, greeter, 5, "{\"who\":\"world\"}");
        AppConfig first = StoredApps.configure(configs, 2, other, 1, "{}");
        StoredApps.configure(configs, 3, greeter, 1, "{}");

        List<InstanceSpec> chain = chains.chainOf(2);

        assertThat(chain).extracting(InstanceSpec::configId).containsExactly(first.id(), second.id());
        InstanceSpec spec = chain.get(1);
        assertThat(spec.teamId()).isEqualTo(2);
        assertThat(spec.appId()).isEqualTo(greeter.id());
        assertThat(spec.appName()).isEqualTo("greeter");
        assertThat(spec.code()).isEqualTo("exports.processEvent = e => e");
        assertThat(spec.configJson()).isEqualTo("{\"greeting\":\"hi\",\"who\":\"world\"}");
        assertThat(spec.timeoutMillis()).isEqualTo(5_000);
        assertThat(spec.version()).isEqualTo(ChainBuilder.version(second));
    }

    @Test
    void chainsAreCachedUntilInvalidatedOrStale() {
        AppConfig config = StoredApps.configure(configs, 2, greeter, 1, "{}");
        assertThat(chains.chainOf(2)).hasSize(1);
        assertThat(chains.chainOf(4)).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        configs.update(config.id(), new AppConfigUpdate(Optional.of(false), Optional.empty(), Optional.empty(), Optional.empty()));
        StoredApps.configure(configs, 4, greeter, 1, "{}");
        assertThat(chains.chainOf(2)).as("cached").hasSize(1);
        assertThat(chains.chainOf(4)).as("an empty chain is cached too").isEmpty();

        chains.invalidate(2);
        assertThat(chains.chainOf(2)).isEmpty();
        assertThat(chains.chainOf(4)).isEmpty();

        clock.advance(Duration.ofSeconds(60));
        assertThat(chains.chainOf(4)).as("refreshed after the interval").hasSize(1);
    }

    @Test
    void anUpdateMakesANewVersion() {
        AppConfig config = StoredApps.configure(configs, 2, greeter, 1, "{}");
        long before = chains.chainOf(2).get(0).version();

        clock.advance(Duration.ofMillis(3));
        configs.update(config.id(), new AppConfigUpdate(Optional.empty(), Optional.of(2), Optional.empty(), Optional.empty()));
        chains.invalidateAll();

        assertThat(chains.chainOf(2).get(0).version()).isGreaterThan(before);
    }

    @Test
    void eachSpecCarriesItsAppsCurrentTrust() {
        StoredApps.configure(configs, 2, greeter, 1, "{}");
        StoredApps.configure(configs, 2, other, 2, "{}");
        assertThat(chains.chainOf(2)).extracting(InstanceSpec::verified).containsExactly(false, false);

        apps.setVerified(other.id(), true);
        chains.invalidate(2);

        assertThat(chains.chainOf(2)).extracting(InstanceSpec::verified)
                .as("read again although the app's code is cached").containsExactly(false, true);
    }
}
