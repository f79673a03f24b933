package dev.appserver.orchestrator.admin;

/**
 * Told of every app config change the API made, after it is stored (the hot-reload publisher
 * plugs in here). Called on the request thread; a listener that throws turns the response into a
 * 500 although the change is stored, so listeners should not throw.
 */
@FunctionalInterface
public interface ConfigChangeListener {
    ConfigChangeListener NONE = change -> { };

    void configChanged(ConfigChange change);
}
