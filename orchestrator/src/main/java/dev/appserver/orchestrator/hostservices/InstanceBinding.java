package dev.appserver.orchestrator.hostservices;

import static java.util.Objects.requireNonNull;

/**
 * Who an app instance in a worker acts for: the orchestrator's record, looked up by the instance
 * id a host call carries.
 *
 * @param appId the installed app (shared by the tenants that use it)
 * @param configId the app config (one app for one tenant)
 * @param teamId the tenant
 * @param appName the app's display name
 */
public record InstanceBinding(long appId, long configId, long teamId, String appName) {
    public InstanceBinding {
        requireNonNull(appName, "appName is null");
    }

    /** The {@code meta.cache} namespace, PostHog's {@code @plugin/<app>/<team>/}. */
    public String cacheNamespace() {
        return "@plugin/" + appId + "/" + teamId + "/";
    }
}
