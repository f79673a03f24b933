package dev.appserver.orchestrator.store;

/** The tenant already has an app config for that app; the message names it. */
public final class AppConfigConflictException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long existingId;

    public AppConfigConflictException(long teamId, long appId, long existingId) {
        super("team " + teamId + " already has app " + appId + " as app config " + existingId);
        this.existingId = existingId;
    }

    public long existingId() {
        return existingId;
    }
}
