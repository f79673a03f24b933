package dev.appserver.orchestrator.store;

import java.util.List;
import java.util.Optional;

/**
 * The app configs of every tenant. A tenant has at most one app config per app. Implementations
 * are thread-safe.
 */
public interface AppConfigRepository {
    /** @throws AppConfigConflictException when the tenant already has an app config for the app */
    AppConfig create(NewAppConfig config) throws AppConfigConflictException;

    Optional<AppConfig> get(long id);

    /** Applies {@code update} and returns the result; empty when there is no app config {@code id}. */
    Optional<AppConfig> update(long id, AppConfigUpdate update);

    /** Sets or clears the last error; false when there is no app config {@code id}. */
    boolean recordError(long id, Optional<String> error);

    /** Deletes the app config and returns what it was; empty when there was none. */
    Optional<AppConfig> delete(long id);

    /** The tenant's app configs, enabled or not, in chain order (ascending order, then id). */
    List<AppConfig> listByTeam(long teamId);

    /** The tenant's enabled app configs in chain order (ascending order, then id). */
    List<AppConfig> enabledByTeam(long teamId);

    /** The tenants with at least one enabled app config, ascending. */
    List<Long> teamsWithEnabledConfigs();
}
