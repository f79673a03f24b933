package dev.appserver.orchestrator.admin;

/**
 * Told when the API marked an app verified or not, after it is stored (the server plugs its
 * reload in here: every chain that uses the app must move to the other pool). Called on the
 * request thread; it should not throw, as for {@link ConfigChangeListener}.
 */
@FunctionalInterface
public interface AppTrustListener {
    AppTrustListener NONE = (appId, verified) -> { };

    void appTrustChanged(long appId, boolean verified);
}
