package dev.appserver.orchestrator.store;

import java.util.List;
import java.util.Optional;

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
}
