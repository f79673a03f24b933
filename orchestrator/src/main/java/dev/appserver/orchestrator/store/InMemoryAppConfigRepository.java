package dev.appserver.orchestrator.store;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link AppConfigRepository} in memory, for tests and {@code run-app}. Timestamps are truncated to
 * microseconds, as PostgreSQL stores them. Thread-safe (one lock).
 */
public final class InMemoryAppConfigRepository implements AppConfigRepository {
    static final Comparator<AppConfig> CHAIN_ORDER =
            Comparator.comparingInt(AppConfig::order).thenComparingLong(AppConfig::id);

    private final Clock clock;
    private final Map<Long, AppConfig> configs = new TreeMap<>();
    private long lastId;

    public InMemoryAppConfigRepository(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public synchronized AppConfig create(NewAppConfig config) throws AppConfigConflictException {
        for (AppConfig existing : configs.values()) {
            if (existing.teamId() == config.teamId() && existing.appId() == config.appId()) {
                throw new AppConfigConflictException(config.teamId(), config.appId(), existing.id());
            }
        }
        AppConfig created = new AppConfig(++lastId, config.teamId(), config.appId(), config.enabled(), config.order(),
                config.config(), config.attachments(), Optional.empty(), now());
        configs.put(created.id(), created);
        return created;
    }

    @Override
    public synchronized Optional<AppConfig> get(long id) {
        return Optional.ofNullable(configs.get(id));
    }

    @Override
    public synchronized Optional<AppConfig> update(long id, AppConfigUpdate update) {
        return Optional.ofNullable(configs.computeIfPresent(id, (key, current) -> update.applyTo(current, now())));
    }

    @Override
    public synchronized boolean recordError(long id, Optional<String> error) {
        return configs.computeIfPresent(id, (key, current) -> new AppConfig(current.id(), current.teamId(),
                current.appId(), current.enabled(), current.order(), current.config(), current.attachments(), error,
                current.updatedAt())) != null;
    }

    @Override
    public synchronized Optional<AppConfig> delete(long id) {
        return Optional.ofNullable(configs.remove(id));
    }

    @Override
    public synchronized List<AppConfig> listByTeam(long teamId) {
        return configs.values().stream().filter(config -> config.teamId() == teamId).sorted(CHAIN_ORDER).toList();
    }

    @Override
    public synchronized List<AppConfig> enabledByTeam(long teamId) {
        return listByTeam(teamId).stream().filter(AppConfig::enabled).toList();
    }

    @Override
    public synchronized List<Long> teamsWithEnabledConfigs() {
        return configs.values().stream().filter(AppConfig::enabled).map(AppConfig::teamId).distinct().sorted().toList();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
