package dev.appserver.orchestrator.reload;

/**
 * What an orchestrator should reload: one app config ({@link ConfigReload}) or all of them
 * ({@link FullReload}). Consumers switch over both, so "reload everything" is never forgotten.
 * Values; thread-safe.
 */
public sealed interface ReloadMessage permits ConfigReload, FullReload {
}
