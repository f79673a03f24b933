package dev.appserver.orchestrator.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The installed apps. Implementations are thread-safe. */
public interface AppRepository {
    /**
     * Installs {@code app}, or returns the app already installed with the same content hash
     * (installing the same files twice never makes a second app).
     */
    InstalledApp install(NewApp app);

    Optional<InstalledApp> find(long id);

    Optional<InstalledApp> findByContentHash(String contentHash);

    /** Every installed app, by ascending id. */
    List<InstalledApp> list();

    /**
     * Records the functions a worker found the app to export.
     *
     * @return false when there is no app {@code id}
     */
    boolean recordCapabilities(long id, List<String> capabilities);

    /**
     * Marks the app verified (reviewed: its configs may run in the verified pool) or not.
     *
     * @return false when there is no app {@code id}
     */
    boolean setVerified(long id, boolean verified);

    /** The ids of the apps marked verified; read on every chain build, so it must be cheap. */
    Set<Long> verifiedIds();
}
