/**
 * Loading apps: from a directory or archive on disk to a {@link dev.appserver.orchestrator.apps.LoadedApp}
 * whose code a sandbox worker can evaluate.
 *
 * <p>{@link dev.appserver.orchestrator.apps.AppLoader} reads the app's files into memory (within
 * size and entry limits, refusing names that leave the app), parses {@code plugin.json} into a
 * {@link dev.appserver.orchestrator.apps.PluginManifest}, transpiles the main file to CommonJS
 * with a {@link dev.appserver.orchestrator.apps.Transpiler} and checks its imports against the
 * allowlist. No app code runs in the orchestrator: the TypeScript compiler treats it as text.
 * Every failure is an {@link dev.appserver.orchestrator.apps.AppLoadException} with a one-line
 * message naming the app.
 */
package dev.appserver.orchestrator.apps;
